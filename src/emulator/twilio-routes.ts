import { isTwilioCallSid } from '../model/sid.js';
import { CALL_STATUSES } from '../model/status.js';
import { errorBodyWriter } from './api-error.js';
import type { DialectView } from './dialect-view.js';
import { listRequestReader } from './list-request.js';
import { type PageToken, readToken, writeToken } from './paging.js';
import { DIALECTS } from '../dialects/registry.js';
import { twilioTimeFilter } from '../dialects/twilio/twilio-time-filter.js';

const TWILIO_SID = /^CA[0-9a-zA-Z]{32}$/;
const KEY = /^[0-9a-zA-Z]{32}$/;

/** The sid key of a call sid as Twilio writes it. */
const keyOf = (sid: string): string => (TWILIO_SID.test(sid) ? sid.slice(2) : sid);
/** A sid key as Twilio writes the sid (`CA` + the 32 characters; an odd id verbatim). */
const sidOf = (key: string): string => (KEY.test(key) ? `CA${key}` : key);

/**
 * Twilio's dialect: `/2010-04-01/Accounts/{AC…}/Calls.json`, `CA…` sids,
 * whole-GMT-day time filters, eight statuses (with `no-answer`), PageToken
 * cursors `PA`/`PB` + sid, list pages with `start`/`end`, errors as
 * `{code, message, more_info, status}`. `Page` above 0 without a PageToken is
 * refused, as Twilio does: its `Page` is only client state.
 */
export const twilioView: DialectView = {
  provider: 'twilio',
  realm: 'Twilio API',
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
  pageBody({ account, request, records, next, previous }) {
    const path = DIALECTS.twilio.callsPath(account);
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
  errorBody: errorBodyWriter('Authenticate', (code) => `https://www.twilio.com/docs/errors/${code}`),
};
