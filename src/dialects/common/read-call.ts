import { readAddress } from '../../model/address.js';
import { answeredByOf } from '../../model/answered-by.js';
import { type CallWithRaw, RAW } from '../../model/call.js';
import { directionOf } from '../../model/direction.js';
import { MalformedRecordError } from '../../model/errors/malformed-record-error.js';
import { canonicalDecimal, negateDecimal } from '../../model/money.js';
import type { Provider } from '../../model/provider.js';
import { isCallStatus } from '../../model/status.js';
import { setOwnField } from './own-field.js';
import { readCount, readDecimal, readInteger, readNumber, readText, readTime, readUriMap } from './lenient.js';

/** What differs between the dialects when a record is read. */
export interface ReadSpec {
  provider: Provider;
  /** Sign of a charge in this dialect's `price`: Twilio -1, SignalWire +1. */
  chargeSign: -1 | 1;
  /** Every key the dialect documents; the others are kept in `extra`. */
  knownKeys: ReadonlySet<string>;
  /** The dialect documents Twilio's queue_time, trunk_sid and group_sid. */
  queueFields: boolean;
  /** The dialect documents SignalWire's annotation and audio quality figures. */
  qualityFields: boolean;
}

function extraOf(raw: Record<string, unknown>, known: ReadonlySet<string>): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const key in raw) {
    if (!known.has(key)) setOwnField(extra, key, raw[key]);
  }
  return extra;
}

/** A short rendering of a value for an error message; never walks a deep structure. */
function preview(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (Array.isArray(value)) return 'an array';
  return value === null || typeof value !== 'object' ? String(value) : 'an object';
}

/** Reads a field the dialect does not document: verbatim in `extra` anyway, so an unreadable value is just null. */
function foreign<T>(read: (raw: Record<string, unknown>, field: string, record: string) => T | null, raw: Record<string, unknown>, field: string, record: string): T | null {
  if (raw[field] === undefined) return null;
  try {
    return read(raw, field, record);
  } catch {
    return null;
  }
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
    throw new MalformedRecordError(sid, 'status', `is not a call status: ${preview(status)}`, status);
  }
  const direction = readText(raw, 'direction', sid);
  const answeredBy = readText(raw, 'answered_by', sid);
  const price = readDecimal(raw, 'price', sid);
  const t = spec.queueFields;
  const q = spec.qualityFields;
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
    duration: readCount(raw, 'duration', sid),
    price: price === null ? null : spec.chargeSign === 1 ? canonicalDecimal(price) : negateDecimal(price),
    priceUnit: readText(raw, 'price_unit', sid),
    apiVersion: readText(raw, 'api_version', sid),
    // Another provider's fields, when a record carries them, are read if they can be and never reject the record.
    annotation: q ? readText(raw, 'annotation', sid) : foreign(readText, raw, 'annotation', sid),
    queueTime: t ? readCount(raw, 'queue_time', sid) : foreign(readCount, raw, 'queue_time', sid),
    trunkSid: t ? readText(raw, 'trunk_sid', sid) : foreign(readText, raw, 'trunk_sid', sid),
    groupSid: t ? readText(raw, 'group_sid', sid) : foreign(readText, raw, 'group_sid', sid),
    audioInMos: q ? readNumber(raw, 'audio_in_mos', sid) : foreign(readNumber, raw, 'audio_in_mos', sid),
    sipResultCode: q ? readInteger(raw, 'sip_result_code', sid) : foreign(readInteger, raw, 'sip_result_code', sid),
    audioRttAvg: q ? readNumber(raw, 'audio_rtt_avg', sid) : foreign(readNumber, raw, 'audio_rtt_avg', sid),
    audioRttMin: q ? readNumber(raw, 'audio_rtt_min', sid) : foreign(readNumber, raw, 'audio_rtt_min', sid),
    audioRttMax: q ? readNumber(raw, 'audio_rtt_max', sid) : foreign(readNumber, raw, 'audio_rtt_max', sid),
    audioOutJitterAvg: q ? readNumber(raw, 'audio_out_jitter_avg', sid) : foreign(readNumber, raw, 'audio_out_jitter_avg', sid),
    audioOutJitterMin: q ? readNumber(raw, 'audio_out_jitter_min', sid) : foreign(readNumber, raw, 'audio_out_jitter_min', sid),
    audioOutJitterMax: q ? readNumber(raw, 'audio_out_jitter_max', sid) : foreign(readNumber, raw, 'audio_out_jitter_max', sid),
    audioOutLost: q ? readNumber(raw, 'audio_out_lost', sid) : foreign(readNumber, raw, 'audio_out_lost', sid),
    uri: readText(raw, 'uri', sid),
    subresourceUris: readUriMap(raw, 'subresource_uris', sid),
    extra: extraOf(raw, spec.knownKeys),
    [RAW]: raw,
  };
}
