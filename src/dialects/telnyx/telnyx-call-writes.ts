import { RAW } from '../../model/call.js';
import type { CreatedCall } from '../../model/call-request.js';
import { MalformedRecordError } from '../../model/errors/malformed-record-error.js';
import { type CallStatus, isCallStatus } from '../../model/status.js';
import type { CallWriteSpec } from '../common/call-params.js';
import { readAddressText } from '../common/field-entries.js';

/**
 * Placing and controlling calls on Telnyx's TeXML API (team-telnyx/openapi
 * `spec3.yml`, InitiateCallRequest / UpdateCallRequest; telnyx-node
 * `texml.accounts.calls`): the create is a JSON body that always names the
 * TeXML application (`ApplicationSid`), with inline instructions as `Texml`,
 * the URL's method as `UrlMethod`, the callback events one space-separated
 * string and the machine-detection timeout in milliseconds; the update is a
 * form body that ends a call only with `completed`; there is no delete.
 */
export const TELNYX_WRITES: CallWriteSpec = {
  provider: 'telnyx',
  encoding: { create: 'json', update: 'form' },
  create: {
    to: { name: 'To' },
    from: { name: 'From' },
    applicationSid: { name: 'ApplicationSid' },
    url: { name: 'Url' },
    twiml: { name: 'Texml' },
    method: { name: 'UrlMethod' },
    fallbackUrl: { name: 'FallbackUrl' },
    statusCallback: { name: 'StatusCallback' },
    statusCallbackEvents: { name: 'StatusCallbackEvent', join: ' ' },
    statusCallbackMethod: { name: 'StatusCallbackMethod' },
    timeout: { name: 'Timeout' },
    timeLimit: { name: 'TimeLimit' },
    record: { name: 'Record' },
    machineDetection: { name: 'MachineDetection' },
    machineDetectionTimeout: { name: 'MachineDetectionTimeout', scale: 1000 },
    callerId: { name: 'CallerId' },
  },
  update: {
    status: { name: 'Status', values: ['completed'] },
    url: { name: 'Url' },
    twiml: { name: 'Texml' },
    method: { name: 'Method' },
    fallbackUrl: { name: 'FallbackUrl' },
    fallbackMethod: { name: 'FallbackMethod' },
    statusCallback: { name: 'StatusCallback' },
    statusCallbackMethod: { name: 'StatusCallbackMethod' },
  },
  // Every create names the TeXML application; Url or Texml, when given, replace its instructions.
  createRequires: [['applicationSid']],
  gaps: {
    fallbackMethod: 'its create takes FallbackUrl but no FallbackMethod',
    sendDigits: 'its TeXML create has no SendDigits; send the digits from the call\'s TeXML instructions',
    timeLimit: 'its update has no TimeLimit; give timeLimit when placing the call, or end it with status completed',
    delete: 'its TeXML API has no delete of call records',
  },
  deletes: false,
};

const WHERE = 'the create response';

/**
 * The canonical status of a create answer's `status`. Telnyx's published
 * answer says `queued`, its schema's example `accepted` (no Telnyx call
 * status): either way a call just accepted for placing, canonically `queued`.
 */
function createdStatus(value: unknown): CallStatus {
  return isCallStatus(value) ? value : 'queued';
}

/**
 * Reads Telnyx's create answer, `{"from", "status", "to"}` (InitiateCallResult).
 * It carries no sid: `sid` and every field it does not send are null, nothing
 * is invented; keys it may add stay in `extra`. Find the call afterwards by
 * listing with `to`, `from` and a start time, or from its status callback's `CallSid`.
 */
export function readTelnyxCreated(body: unknown): CreatedCall {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new MalformedRecordError(WHERE, '(record)', 'is not a JSON object', body);
  }
  const { from, to, status, ...extra } = body as Record<string, unknown>;
  return {
    provider: 'telnyx', sid: null, accountSid: null, parentCallSid: null, phoneNumberSid: null,
    to: readAddressText(to, 'to', WHERE) as CreatedCall['to'], toFormatted: null,
    from: readAddressText(from, 'from', WHERE) as CreatedCall['from'], fromFormatted: null,
    forwardedFrom: null, callerName: null, status: createdStatus(status),
    direction: null, directionDetail: null, answeredBy: null, answeredByDetail: null,
    startTime: null, endTime: null, dateCreated: null, dateUpdated: null, duration: null, price: null, priceUnit: null,
    apiVersion: null, groupSid: null, quality: null, providerFields: {}, uri: null, subresourceUris: null,
    extra,
    [RAW]: body,
  } as CreatedCall;
}
