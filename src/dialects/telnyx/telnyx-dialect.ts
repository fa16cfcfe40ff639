import type { Dialect } from '../common/dialect.js';
import { ExtraFields } from '../common/extra-fields.js';
import { type ReadSpec, readCall } from '../common/read-call.js';
import { type TelnyxOptions, telnyxConfig } from './telnyx-config.js';
import { type TelnyxAccountCredentials, telnyxEmulated } from './telnyx-emulated.js';
import { readTelnyxError, readTelnyxPage } from './telnyx-page.js';
import { TELNYX_KEYS, detectTelnyx, writeTelnyxCall } from './telnyx-record.js';
import { telnyxSid } from './telnyx-sid.js';
import { telnyxListPlan } from './to-telnyx-query.js';

// Telnyx documents neither Twilio's queue fields nor SignalWire's quality figures.
const READ: ReadSpec = { provider: 'telnyx', chargeSign: 1, extraFields: new ExtraFields(TELNYX_KEYS), queueFields: false, qualityFields: false };

const accountPath = (account: string) => `/v2/texml/Accounts/${account}`;
const callPath = (account: string, sid: string) => `${accountPath(account)}/Calls/${sid}`;

/**
 * Creates Telnyx's TeXML dialect of the Calls API:
 * `/v2/texml/Accounts/{account uuid}/Calls`, bearer API key, opaque `v3:`
 * sids, duration and price strings (a charge positive), date-only time
 * filters, no `queued` status, no parent-call filter.
 */
export function createTelnyxDialect(): Dialect<TelnyxOptions, TelnyxAccountCredentials, never> {
  return {
    provider: 'telnyx',
    config: telnyxConfig,
    emulated: telnyxEmulated,
    toCall: (raw, position) => readCall(raw, READ, position),
    fromCall: (call) => writeTelnyxCall(call, callPath),
    // A `v3:` sid names a Telnyx call, not the dialect its record is written in (kept when written in another).
    claimsSid: () => false,
    detect: detectTelnyx,
    accountPaths: (account) => [accountPath(account)],
    callsPath: (account) => `${accountPath(account)}/Calls`,
    callPath,
    requestSid: (sid) => telnyxSid('sid', sid),
    toListPlan: (query, account) => telnyxListPlan(query, `${accountPath(account)}/Calls`),
    readPage: readTelnyxPage,
    readError: readTelnyxError,
  };
}
