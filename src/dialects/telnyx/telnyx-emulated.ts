import { sidKeyToUuid } from '../../model/sid.js';
import { CALL_STATUSES } from '../../model/status.js';
import type { ApiError, ApiErrorKind } from '../common/emulated/api-error.js';
import { type EmulatedApi, decodeSegment } from '../common/emulated/emulated-api.js';
import { listRequestReader } from '../common/emulated/list-request.js';
import { type PageToken, readToken, writeToken } from '../common/emulated/page-token.js';
import { TELNYX_STATUS_FILTERS } from './map-telnyx-status.js';
import type { TelnyxOptions } from './telnyx-config.js';
import { telnyxSidKey } from './telnyx-sid.js';
import { telnyxTimeFilter } from './telnyx-time-filter.js';

const ROUTE = /^\/v2\/texml\/Accounts\/([^/]+)\/Calls(?:\/([^/]+?))?(?:\.json)?$/;
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
/** The text a base64url value encodes, or null when it is not one this emulator wrote. */
function fromBase64url(value: string): string | null {
  const text = Buffer.from(value, 'base64url').toString('utf8');
  return base64url(text) === value ? text : null;
}

/** The emulated account, as `createCallClient` options. */
export type TelnyxAccountCredentials = Required<TelnyxOptions>;

const TITLES: Readonly<Record<ApiErrorKind, string>> = {
  'bad-request': 'Bad Request',
  unauthorized: 'Not authorized',
  'not-found': 'Not Found',
  'method-not-allowed': 'Method Not Allowed',
  'rate-limited': 'Too Many Requests',
  'server-error': 'Internal Server Error',
  unavailable: 'Service Unavailable',
};

/**
 * Telnyx's error body, `{"errors":[…]}`: the 404 and 401 as Telnyx's spec
 * shows them (`Resource not found`; code `"10006"`, a string), any other
 * failure with its title and what was wrong.
 */
function telnyxErrorBody(error: ApiError): Record<string, unknown> {
  switch (error.kind) {
    case 'not-found':
      return { errors: [{ detail: 'Resource not found' }] };
    case 'unauthorized':
      return {
        errors: [{
          code: '10006',
          detail: 'You are not authorized to access the requested resource.',
          meta: { url: 'https://developers.telnyx.com/docs/overview/errors/10006' },
          title: 'Not authorized',
        }],
      };
    default:
      return { errors: [{ detail: error.message, title: TITLES[error.kind] }] };
  }
}

/**
 * Telnyx's TeXML Calls API as the emulator serves it:
 * `/v2/texml/Accounts/{account uuid}/Calls` (with or without `.json`), bearer
 * API key, each call under a stable `v3:` sid (`v3:` + its Twilio sid, as the dialect writes another provider's call), `Status` only canceled,
 * completed, failed, busy or no-answer, date-only time filters read strictly
 * (see telnyxTimeFilter), opaque base64url PageTokens, pages without
 * `previous_page_uri`, links ending in `.json` as Telnyx writes them, errors as
 * `{"errors":[{code, title, detail}]}`; a create answers 200 and `{from, status, to}`.
 */
export const telnyxEmulated: EmulatedApi<TelnyxAccountCredentials, never> = {
  pathPrefixes: ['/v2/'],
  route(pathname) {
    const m = ROUTE.exec(pathname);
    return m === null ? null : { account: decodeSegment(m[1])!, sid: decodeSegment(m[2]), fit: 2 };
  },
  challenge: 'Bearer realm="Telnyx"',
  account(key, secret) {
    const accountSid = sidKeyToUuid(key);
    const apiKey = `KEY${secret(5).toUpperCase()}_${secret(6).slice(0, 22)}`;
    return {
      id: accountSid,
      credentials: { accountSid, apiKey },
      alternates: [],
      accepts: [{ scheme: 'bearer', token: apiKey }],
    };
  },
  readList: listRequestReader({
    statuses: new Map([...TELNYX_STATUS_FILTERS].map((status) => [status, [CALL_STATUSES.indexOf(status)]])),
    parentKey: () => null,
    parentHint: 'left out: Telnyx TeXML has no ParentCallSid filter',
    pageToken(value) {
      const text = fromBase64url(value);
      return text === null ? null : readToken(text, (key) => key);
    },
    timeBound: telnyxTimeFilter,
    timeHint: 'a date YYYY-MM-DD',
    pageNeedsToken: true,
  }),
  fetchKey: telnyxSidKey,
  pageBody({ path, request, records, next }) {
    const uri = (page: number, t: PageToken | null) => {
      const params = new URLSearchParams([['Page', String(page)], ['PageSize', String(request.pageSize)], ...request.filterParams]);
      if (t !== null) params.append('PageToken', base64url(writeToken(t, (key) => key)));
      return `${path}.json?${params}`;
    };
    const start = request.page * request.pageSize;
    return {
      calls: records,
      end: records.length === 0 ? start : start + records.length - 1,
      first_page_uri: uri(0, null),
      next_page_uri: next === null ? null : uri(request.page + 1, next),
      page: request.page,
      page_size: request.pageSize,
      start,
      uri: uri(request.page, 'token' in request.start ? request.start.token : null),
    };
  },
  // InitiateCallResult: no sid. A created call is queued, which Telnyx's records write
  // `ringing` (they have no `queued`); its create answer says `queued`, as the published example does.
  createdAnswer: (record) => ({ status: 200, body: { from: record.from, status: 'queued', to: record.to } }),
  errorBody: telnyxErrorBody,
};
