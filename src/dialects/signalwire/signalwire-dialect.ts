import { isUuidShaped } from '../../model/sid.js';
import type { Dialect } from '../common/dialect.js';
import { buildListPlan } from '../common/list-plan.js';
import { readErrorBody, readListPage } from '../common/list-page.js';
import { SIGNALWIRE_WRITES } from './signalwire-call-writes.js';
import { createCallReader } from '../common/read-call.js';
import { writeCall } from '../common/write-call.js';
import { type SignalWireOptions, signalWireConfig } from './signalwire-config.js';
import { type SignalWireAccountCredentials, signalWireEmulated } from './signalwire-emulated.js';
import { createSignalWireFields, detectSignalWire } from './signalwire-record.js';
import { signalWireQuery, signalWireSid } from './to-signalwire-query.js';
import { SIGNALWIRE_WEBHOOK } from './signalwire-webhook.js';

const accountPath = (project: string) => `/api/laml/2010-04-01/Accounts/${project}`;
const callPath = (project: string, sid: string) => `${accountPath(project)}/Calls/${sid}`;
/** The dialect's field table: reading, the keys kept out of `extra`, and writing derive from it. */
export const SIGNALWIRE_FIELDS = createSignalWireFields(callPath);
const FIELDS = SIGNALWIRE_FIELDS;

/**
 * Creates SignalWire's Compatibility (LaML) dialect of the Calls API:
 * `/api/laml/2010-04-01/Accounts/{project}/Calls`, UUID sids, positive numeric
 * prices, RFC 2822 time filters, no `no-answer` status.
 */
export function createSignalWireDialect(): Dialect<SignalWireOptions, SignalWireAccountCredentials, SignalWireAccountCredentials, { signingKey: string }> {
  const read = createCallReader(FIELDS);
  return {
    provider: 'signalwire',
    config: signalWireConfig,
    emulated: signalWireEmulated,
    webhook: SIGNALWIRE_WEBHOOK,
    toCall: read,
    fromCall: (call) => writeCall(FIELDS, call),
    claimsSid: isUuidShaped,
    detect: detectSignalWire,
    // The official compatibility SDK requests the same resources without `/api/laml`.
    accountPaths: (project) => [accountPath(project), `/2010-04-01/Accounts/${project}`],
    callsPath: (project) => `${accountPath(project)}/Calls`,
    callPath,
    requestSid: (sid) => signalWireSid('sid', sid),
    toListPlan: (query, project) => buildListPlan(query, `${accountPath(project)}/Calls`, signalWireQuery),
    readPage: readListPage,
    readError: readErrorBody,
    writes: SIGNALWIRE_WRITES,
    // The create response is the full call record.
    readCreated: (body) => read(body, 'the create response'),
  };
}
