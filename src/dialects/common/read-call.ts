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

// Most records have no undocumented field: they share one frozen empty `extra`.
const NO_EXTRA: Record<string, unknown> = Object.freeze({});

function extraOf(raw: Record<string, unknown>, known: ReadonlySet<string>): Record<string, unknown> {
  let extra: Record<string, unknown> | undefined;
  for (const key in raw) {
    if (!known.has(key)) setOwnField((extra ??= {}), key, raw[key]);
  }
  return extra ?? NO_EXTRA;
}

/** A short rendering of a value for an error message; never walks a deep structure. */
function preview(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (Array.isArray(value)) return 'an array';
  return value === null || typeof value !== 'object' ? String(value) : 'an object';
}

/**
 * Reads a provider-only field. One the dialect does not document is kept
 * verbatim in `extra` anyway, so there an unreadable value is just null.
 */
function field<T>(
  documented: boolean,
  read: (value: unknown, field: string, record: string) => T | null,
  value: unknown,
  name: string,
  record: string,
): T | null {
  if (documented) return read(value, name, record);
  if (value === undefined) return null;
  try {
    return read(value, name, record);
  } catch {
    return null;
  }
}

function address(value: unknown, field: string, record: string) {
  const text = readText(value, field, record);
  return text === null ? null : readAddress(text);
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
  const direction = readText(raw.direction, 'direction', sid);
  const answeredBy = readText(raw.answered_by, 'answered_by', sid);
  const price = readDecimal(raw.price, 'price', sid);
  const t = spec.queueFields;
  const q = spec.qualityFields;
  return {
    provider: spec.provider,
    sid,
    accountSid: readText(raw.account_sid, 'account_sid', sid),
    parentCallSid: readText(raw.parent_call_sid, 'parent_call_sid', sid),
    phoneNumberSid: readText(raw.phone_number_sid, 'phone_number_sid', sid),
    to: address(raw.to, 'to', sid),
    toFormatted: readText(raw.to_formatted, 'to_formatted', sid) ?? readText(raw.formatted_to, 'formatted_to', sid),
    from: address(raw.from, 'from', sid),
    fromFormatted: readText(raw.from_formatted, 'from_formatted', sid) ?? readText(raw.formatted_from, 'formatted_from', sid),
    forwardedFrom: address(raw.forwarded_from, 'forwarded_from', sid),
    callerName: readText(raw.caller_name, 'caller_name', sid),
    status,
    direction: direction === null ? null : directionOf(direction),
    directionDetail: direction,
    answeredBy: answeredBy === null || answeredBy === '' ? null : answeredByOf(answeredBy),
    answeredByDetail: answeredBy,
    startTime: readTime(raw.start_time, 'start_time', sid),
    endTime: readTime(raw.end_time, 'end_time', sid),
    dateCreated: readTime(raw.date_created, 'date_created', sid),
    dateUpdated: readTime(raw.date_updated, 'date_updated', sid),
    duration: readCount(raw.duration, 'duration', sid),
    price: price === null ? null : spec.chargeSign === 1 ? canonicalDecimal(price) : negateDecimal(price),
    priceUnit: readText(raw.price_unit, 'price_unit', sid),
    apiVersion: readText(raw.api_version, 'api_version', sid),
    // Another provider's fields, when a record carries them, are read if they can be and never reject the record.
    annotation: field(q, readText, raw.annotation, 'annotation', sid),
    queueTime: field(t, readCount, raw.queue_time, 'queue_time', sid),
    trunkSid: field(t, readText, raw.trunk_sid, 'trunk_sid', sid),
    groupSid: field(t, readText, raw.group_sid, 'group_sid', sid),
    audioInMos: field(q, readNumber, raw.audio_in_mos, 'audio_in_mos', sid),
    sipResultCode: field(q, readInteger, raw.sip_result_code, 'sip_result_code', sid),
    audioRttAvg: field(q, readNumber, raw.audio_rtt_avg, 'audio_rtt_avg', sid),
    audioRttMin: field(q, readNumber, raw.audio_rtt_min, 'audio_rtt_min', sid),
    audioRttMax: field(q, readNumber, raw.audio_rtt_max, 'audio_rtt_max', sid),
    audioOutJitterAvg: field(q, readNumber, raw.audio_out_jitter_avg, 'audio_out_jitter_avg', sid),
    audioOutJitterMin: field(q, readNumber, raw.audio_out_jitter_min, 'audio_out_jitter_min', sid),
    audioOutJitterMax: field(q, readNumber, raw.audio_out_jitter_max, 'audio_out_jitter_max', sid),
    audioOutLost: field(q, readNumber, raw.audio_out_lost, 'audio_out_lost', sid),
    uri: readText(raw.uri, 'uri', sid),
    subresourceUris: readUriMap(raw.subresource_uris, 'subresource_uris', sid),
    extra: extraOf(raw, spec.knownKeys),
    [RAW]: raw,
  };
}
