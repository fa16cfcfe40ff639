import { isUuidShaped, sidKey, sidKeyToUuid } from '../../model/sid.js';
import { CALL_STATUSES } from '../../model/status.js';
import { errorBodyWriter } from '../common/emulated/api-error.js';
import { type EmulatedApi, decodeSegment } from '../common/emulated/emulated-api.js';
import { listRequestReader } from '../common/emulated/list-request.js';
import { type PageToken, readToken, writeToken } from '../common/emulated/page-token.js';
import type { SignalWireOptions } from './signalwire-config.js';
import { signalWireTimeFilter } from './signalwire-time-filter.js';

/** The sid key of a call sid as SignalWire writes it. */
const keyOf = (sid: string): string => (isUuidShaped(sid) ? sidKey(sid) : sid);
const MORE_INFO = 'https://developer.signalwire.com/compatibility-api/reference/errors';

const FAILED = CALL_STATUSES.indexOf('failed');
const NO_ANSWER = CALL_STATUSES.indexOf('no-answer');

const LAML = /^\/api\/laml\/2010-04-01\/Accounts\/([^/]+)\/Calls(?:\/([^/]+?))?(?:\.json)?$/;
// What the official compatibility SDK requests: the same resources without `/api/laml`.
const BARE = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls(?:\/([^/]+?))?(?:\.json)?$/;

/** The emulated project, as `createCallClient` options plus the space host its SDK takes as `signalwireSpaceUrl`. */
export type SignalWireAccountCredentials = Required<Pick<SignalWireOptions, 'projectId' | 'token'>> & { spaceUrl: string };

/**
 * SignalWire's Compatibility API as the emulator serves it:
 * `/api/laml/2010-04-01/Accounts/{project}/Calls` (with or without `.json`;
 * without `/api/laml` when the account is a UUID, as its SDK sends), UUID sids,
 * instant time filters in RFC 2822, seven statuses: a canonical `no-answer`
 * call is written `failed`, so `Status=failed` selects both and `no-answer` is
 * refused. `Page` without a token is an offset. Pages have no `start`/`end`;
 * links use the `/api/laml` path whichever path form was requested.
 */
export const signalWireEmulated: EmulatedApi<SignalWireAccountCredentials> = {
  pathPrefixes: ['/api/laml/'],
  route(pathname) {
    let m = LAML.exec(pathname);
    if (m !== null) return { account: decodeSegment(m[1])!, sid: decodeSegment(m[2]), fit: 2 };
    m = BARE.exec(pathname);
    const account = decodeSegment(m?.[1]);
    if (m !== null && account !== null && isUuidShaped(account)) return { account, sid: decodeSegment(m[2]), fit: 2 };
    return null;
  },
  challenge: 'Basic realm="SignalWire"',
  account(key, secret, host) {
    const projectId = sidKeyToUuid(key);
    const token = `PT${secret(1)}${secret(2).slice(0, 16)}`;
    return {
      id: projectId,
      credentials: { projectId, token, spaceUrl: host },
      alternates: [],
      accepts: [{ scheme: 'basic', username: projectId, password: token }],
    };
  },
  readList: listRequestReader({
    statuses: new Map(
      CALL_STATUSES.filter((status) => status !== 'no-answer').map((status) => [status, status === 'failed' ? [FAILED, NO_ANSWER] : [CALL_STATUSES.indexOf(status)]]),
    ),
    parentKey: (value) => (isUuidShaped(value) ? sidKey(value) : null),
    parentHint: 'a call sid (a UUID)',
    pageToken: (value) => readToken(value, keyOf),
    timeBound: signalWireTimeFilter,
    timeHint: 'an RFC 2822 date-time (Wed, 19 Sep 2018 20:00:00 +0000), ISO 8601 with a zone, or YYYY-MM-DD',
    pageNeedsToken: false,
  }),
  fetchKey: keyOf,
  pageBody({ path, request, records, next, previous }) {
    const uri = (page: number, t: PageToken | null) => {
      const params = new URLSearchParams([['Page', String(page)], ['PageSize', String(request.pageSize)], ...request.filterParams]);
      if (t !== null) params.append('PageToken', writeToken(t, sidKeyToUuid));
      return `${path}?${params}`;
    };
    return {
      uri: uri(request.page, 'token' in request.start ? request.start.token : null),
      first_page_uri: uri(0, null),
      next_page_uri: next === null ? null : uri(request.page + 1, next),
      previous_page_uri: previous === null ? null : uri(Math.max(0, request.page - 1), previous),
      page: request.page,
      page_size: request.pageSize,
      calls: records,
    };
  },
  // Create answers 201 and the full call record (twilio-oai; SignalWire's compatibility API follows it).
  createdAnswer: (record) => ({ status: 201, body: record }),
  errorBody: errorBodyWriter('Authentication failed', () => MORE_INFO),
};
