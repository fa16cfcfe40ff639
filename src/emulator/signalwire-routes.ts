import { DIALECTS } from '../dialects/registry.js';
import { isUuidShaped, twilioSidToUuid } from '../model/sid.js';
import { CALL_STATUSES } from '../model/status.js';
import { errorBodyWriter } from './api-error.js';
import type { DialectView } from './dialect-view.js';
import { listRequestReader } from './list-request.js';
import { type PageToken, readToken, writeToken } from './paging.js';
import { signalWireTimeBound } from './signalwire-time-filter.js';

/** The sid key of a call sid as SignalWire writes it. */
const keyOf = (sid: string): string => (isUuidShaped(sid) ? sid.replaceAll('-', '') : sid);
/** A sid key as SignalWire writes the sid: a UUID (an odd id verbatim). */
const sidOf = (key: string): string => (/^[0-9a-zA-Z]{32}$/.test(key) ? twilioSidToUuid(`CA${key}`) : key);
const MORE_INFO = 'https://developer.signalwire.com/compatibility-api/reference/errors';

const FAILED = CALL_STATUSES.indexOf('failed');
const NO_ANSWER = CALL_STATUSES.indexOf('no-answer');

/**
 * SignalWire's Compatibility dialect: `/api/laml/2010-04-01/Accounts/{project}/Calls`
 * (with or without `.json`), UUID sids, instant time filters in RFC 2822,
 * seven statuses: a canonical `no-answer` call is written `failed`, so
 * `Status=failed` selects both and `no-answer` is refused. `Page` without a
 * token is an offset. Pages have no `start`/`end`; links use the `/api/laml`
 * path whichever path form was requested.
 */
export const signalWireView: DialectView = {
  provider: 'signalwire',
  realm: 'SignalWire',
  readList: listRequestReader({
    statuses: new Map(
      CALL_STATUSES.filter((status) => status !== 'no-answer').map((status) => [status, status === 'failed' ? [FAILED, NO_ANSWER] : [CALL_STATUSES.indexOf(status)]]),
    ),
    parentKey: (value) => (isUuidShaped(value) ? value.replaceAll('-', '') : null),
    parentHint: 'a call sid (a UUID)',
    pageToken: (value) => readToken(value, keyOf),
    timeBound: signalWireTimeBound,
    timeHint: 'an RFC 2822 date-time (Wed, 19 Sep 2018 20:00:00 +0000), ISO 8601 with a zone, or YYYY-MM-DD',
    pageNeedsToken: false,
  }),
  fetchKey: keyOf,
  pageBody({ account, request, records, next, previous }) {
    const path = DIALECTS.signalwire.callsPath(account);
    const uri = (page: number, t: PageToken | null) => {
      const params = new URLSearchParams([['Page', String(page)], ['PageSize', String(request.pageSize)], ...request.filterParams]);
      if (t !== null) params.append('PageToken', writeToken(t, sidOf));
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
  errorBody: errorBodyWriter('Authentication failed', () => MORE_INFO),
};
