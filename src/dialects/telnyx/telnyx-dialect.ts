import type { Dialect } from '../common/dialect.js';
import { createCallReader } from '../common/read-call.js';
import { writeCall } from '../common/write-call.js';
import { type TelnyxOptions, telnyxConfig } from './telnyx-config.js';
import { type TelnyxAccountCredentials, telnyxEmulated } from './telnyx-emulated.js';
import { readTelnyxError, readTelnyxPage } from './telnyx-page.js';
import { TELNYX_WRITES, readTelnyxCreated } from './telnyx-call-writes.js';
import { createTelnyxFields, detectTelnyx } from './telnyx-record.js';
import { telnyxSid } from './telnyx-sid.js';
import { telnyxListPlan } from './to-telnyx-query.js';
import { TELNYX_WEBHOOK } from './telnyx-webhook.js';

const accountPath = (account: string) => `/v2/texml/Accounts/${account}`;
const callPath = (account: string, sid: string) => `${accountPath(account)}/Calls/${sid}`;
/** The dialect's field table: reading, the keys kept out of `extra`, and writing derive from it. */
export const TELNYX_FIELDS = createTelnyxFields(callPath);
const FIELDS = TELNYX_FIELDS;

/**
 * Creates Telnyx's TeXML dialect of the Calls API:
 * `/v2/texml/Accounts/{account uuid}/Calls`, bearer API key, opaque `v3:`
 * sids, duration and price strings (a charge positive), date-only time
 * filters, no `queued` status, no parent-call filter; calls placed with a
 * JSON body whose answer carries no sid, no delete.
 */
export function createTelnyxDialect(): Dialect<TelnyxOptions, TelnyxAccountCredentials, never, { publicKey: string }> {
  const read = createCallReader(FIELDS);
  return {
    provider: 'telnyx',
    config: telnyxConfig,
    emulated: telnyxEmulated,
    webhook: TELNYX_WEBHOOK,
    toCall: read,
    fromCall: (call) => writeCall(FIELDS, call),
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
    writes: TELNYX_WRITES,
    // The create answer is `{from, to, status}`: no sid.
    readCreated: readTelnyxCreated,
  };
}
