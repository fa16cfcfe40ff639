import { isSidKey, isTwilioCallSid, isTwilioShaped } from '../../model/sid.js';
import { CALL_STATUSES } from '../../model/status.js';
import { errorBodyWriter } from '../common/emulated/api-error.js';
import { type EmulatedApi, decodeSegment } from '../common/emulated/emulated-api.js';
import { listRequestReader } from '../common/emulated/list-request.js';
import { type PageToken, readToken, writeToken } from '../common/emulated/page-token.js';
import type { TwilioOptions } from './twilio-config.js';
import { twilioTimeFilter } from './twilio-time-filter.js';

/** The sid key of a call sid as Twilio writes it. */
const keyOf = (sid: string): string => (isTwilioShaped(sid) && sid.startsWith('CA') ? sid.slice(2) : sid);
/** A sid key as Twilio writes the sid (`CA` + the 32 characters; an odd id verbatim). */
const sidOf = (key: string): string => (isSidKey(key) ? `CA${key}` : key);

const ROUTE = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls(?:\/([^/]+))?\.json$/;

/** The emulated account's auth token pair, as `createCallClient` options. */
export type TwilioAccountCredentials = Required<Pick<TwilioOptions, 'accountSid' | 'authToken'>>;
/** An API key of the emulated account, as `createCallClient` options. */
export type TwilioKeyCredentials = Required<Pick<TwilioOptions, 'accountSid' | 'apiKey' | 'apiSecret'>>;

/**
 * Twilio's API as the emulator serves it: `/2010-04-01/Accounts/{AC…}/Calls.json`,
 * `CA…` sids, whole-GMT-day time filters, eight statuses (with `no-answer`), PageToken
 * cursors `PA`/`PB` + sid, list pages with `start`/`end`, errors as
 * `{code, message, more_info, status}`. `Page` above 0 without a PageToken is
 * refused, as Twilio does: its `Page` is only client state.
 */
export const twilioEmulated: EmulatedApi<TwilioAccountCredentials, TwilioKeyCredentials> = {
  pathPrefixes: ['/2010-04-01/'],
  route(pathname) {
    const m = ROUTE.exec(pathname);
    if (m === null) return null;
    const account = decodeSegment(m[1])!;
    return { account, sid: decodeSegment(m[2]), fit: isTwilioShaped(account) ? 2 : 1 };
  },
  challenge: 'Basic realm="Twilio API"',
  account(key, secret) {
    const accountSid = `AC${key}`;
    const [authToken, apiKey, apiSecret] = [secret(0), `SK${secret(3)}`, secret(4)];
    return {
      id: accountSid,
      credentials: { accountSid, authToken },
      alternates: [{ accountSid, apiKey, apiSecret }],
      accepts: [
        { scheme: 'basic', username: accountSid, password: authToken },
        { scheme: 'basic', username: apiKey, password: apiSecret },
      ],
      webhookSecret: authToken,
    };
  },
  readList: listRequestReader({
    statuses: new Map(CALL_STATUSES.map((status, i) => [status, [i]])),
    parentKey: (value) => (isTwilioCallSid(value) ? value.slice(2) : null),
    parentHint: 'a call sid (CA followed by 32 hex digits)',
    pageToken: (value) => readToken(value, keyOf),
    timeBound: twilioTimeFilter,
    timeHint: 'a GMT date YYYY-MM-DD (or YYYY-MM-DDTHH:mm:ssZ, read as its GMT day)',
    pageNeedsToken: true,
  }),
  fetchKey: keyOf,
  pageBody({ path, request, records, next, previous }) {
    const uri = (page: number, t: PageToken | null) => {
      const params = new URLSearchParams(request.filterParams);
      params.append('PageSize', String(request.pageSize));
      params.append('Page', String(page));
      if (t !== null) params.append('PageToken', writeToken(t, sidOf));
      return `${path}?${params}`;
    };
    const start = request.page * request.pageSize;
    return {
      calls: records,
      end: records.length === 0 ? start : start + records.length - 1,
      first_page_uri: uri(0, null),
      next_page_uri: next === null ? null : uri(request.page + 1, next),
      page: request.page,
      page_size: request.pageSize,
      previous_page_uri: previous === null ? null : uri(Math.max(0, request.page - 1), previous),
      start,
      uri: uri(request.page, 'token' in request.start ? request.start.token : null),
    };
  },
  // Create answers 201 and the full call record (twilio-oai; SignalWire's compatibility API follows it).
  createdAnswer: (record) => ({ status: 201, body: record }),
  errorBody: errorBodyWriter('Authenticate', (code) => `https://www.twilio.com/docs/errors/${code}`),
};
