import { readAddress } from '../../model/address.js';
import { answeredByOf } from '../../model/answered-by.js';
import { type CallWithRaw, RAW } from '../../model/call.js';
import { directionOf } from '../../model/direction.js';
import { MalformedRecordError } from '../../model/errors/malformed-record-error.js';
import { canonicalDecimal, negateDecimal } from '../../model/money.js';
import type { Provider } from '../../model/provider.js';
import { isCallStatus } from '../../model/status.js';
import { setOwnField } from './own-field.js';
import { readDecimal, readInteger, readNumber, readText, readTime, readUriMap } from './lenient.js';

/** What differs between the dialects when a record is read. */
export interface ReadSpec {
  provider: Provider;
  /** Sign of a charge in this dialect's `price`: Twilio -1, SignalWire +1. */
  chargeSign: -1 | 1;
  /** Every key the dialect documents; the others are kept in `extra`. */
  knownKeys: ReadonlySet<string>;
}

const NO_EXTRA: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

function extraOf(raw: Record<string, unknown>, known: ReadonlySet<string>): Record<string, unknown> {
  let extra: Record<string, unknown> | undefined;
  for (const key in raw) {
    if (!known.has(key)) setOwnField((extra ??= {}), key, raw[key]);
  }
  return extra ?? NO_EXTRA;
}

function address(raw: Record<string, unknown>, field: string, record: string) {
  const value = readText(raw, field, record);
  return value === null ? null : readAddress(value);
}

/**
 * Reads one raw record of a Twilio-family dialect into a canonical Call.
 * `position` names the record in errors when its sid cannot be read.
 * Throws {@link MalformedRecordError} naming the record and the field.
 */
export function readCall(input: unknown, spec: ReadSpec, position = 'at an unknown position'): CallWithRaw {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new MalformedRecordError(position, '(record)', 'is not a JSON object', input);
  }
  const raw = input as Record<string, unknown>;
  const sid = raw.sid;
  if (typeof sid !== 'string' || sid === '') throw new MalformedRecordError(position, 'sid', 'is missing or not text', sid);
  const status = raw.status;
  if (!isCallStatus(status)) {
    throw new MalformedRecordError(sid, 'status', `is not a call status: ${JSON.stringify(status)}`, status);
  }
  const direction = readText(raw, 'direction', sid);
  const answeredBy = readText(raw, 'answered_by', sid);
  const price = readDecimal(raw, 'price', sid);
  return {
    provider: spec.provider,
    sid,
    accountSid: readText(raw, 'account_sid', sid),
    parentCallSid: readText(raw, 'parent_call_sid', sid),
    phoneNumberSid: readText(raw, 'phone_number_sid', sid),
    to: address(raw, 'to', sid),
    toFormatted: readText(raw, 'to_formatted', sid) ?? readText(raw, 'formatted_to', sid),
    from: address(raw, 'from', sid),
    fromFormatted: readText(raw, 'from_formatted', sid) ?? readText(raw, 'formatted_from', sid),
    forwardedFrom: address(raw, 'forwarded_from', sid),
    callerName: readText(raw, 'caller_name', sid),
    status,
    direction: direction === null ? null : directionOf(direction),
    directionDetail: direction,
    answeredBy: answeredBy === null || answeredBy === '' ? null : answeredByOf(answeredBy),
    answeredByDetail: answeredBy,
    startTime: readTime(raw, 'start_time', sid),
    endTime: readTime(raw, 'end_time', sid),
    dateCreated: readTime(raw, 'date_created', sid),
    dateUpdated: readTime(raw, 'date_updated', sid),
    duration: readInteger(raw, 'duration', sid),
    price: price === null ? null : spec.chargeSign === 1 ? canonicalDecimal(price) : negateDecimal(price),
    priceUnit: readText(raw, 'price_unit', sid),
    apiVersion: readText(raw, 'api_version', sid),
    annotation: readText(raw, 'annotation', sid),
    queueTime: readInteger(raw, 'queue_time', sid),
    trunkSid: readText(raw, 'trunk_sid', sid),
    groupSid: readText(raw, 'group_sid', sid),
    audioInMos: readNumber(raw, 'audio_in_mos', sid),
    sipResultCode: readInteger(raw, 'sip_result_code', sid),
    audioRttAvg: readNumber(raw, 'audio_rtt_avg', sid),
    audioRttMin: readNumber(raw, 'audio_rtt_min', sid),
    audioRttMax: readNumber(raw, 'audio_rtt_max', sid),
    audioOutJitterAvg: readNumber(raw, 'audio_out_jitter_avg', sid),
    audioOutJitterMin: readNumber(raw, 'audio_out_jitter_min', sid),
    audioOutJitterMax: readNumber(raw, 'audio_out_jitter_max', sid),
    audioOutLost: readNumber(raw, 'audio_out_lost', sid),
    uri: readText(raw, 'uri', sid),
    subresourceUris: readUriMap(raw, 'subresource_uris', sid),
    extra: extraOf(raw, spec.knownKeys),
    [RAW]: raw,
  };
}
