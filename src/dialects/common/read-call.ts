import { readAddress } from '../../model/address.js';
import { answeredByOf } from '../../model/answered-by.js';
import { type CallWithRaw, RAW } from '../../model/call.js';
import { directionOf } from '../../model/direction.js';
import { MalformedRecordError } from '../../model/errors/malformed-record-error.js';
import { canonicalDecimal, negateDecimal } from '../../model/money.js';
import type { Provider } from '../../model/provider.js';
import { type CallStatus, isCallStatus } from '../../model/status.js';
import type { ExtraFields } from './extra-fields.js';
import { readCount, readDecimal, readInteger, readNumber, readText, readTime, readUriMap } from './lenient.js';

/** What differs between the dialects when a record is read. */
export interface ReadSpec {
  provider: Provider;
  /** Sign of a charge in this dialect's `price`: Twilio -1, SignalWire +1. */
  chargeSign: -1 | 1;
  /** Finds the keys the dialect does not document, kept in `extra`. */
  extraFields: ExtraFields;
  /** The dialect documents Twilio's queue_time and trunk_sid. */
  queueFields: boolean;
  /** The dialect documents SignalWire's annotation and audio quality figures. */
  qualityFields: boolean;
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
 * Builds a Call with `new` rather than as an object literal. V8 moves an object
 * literal's allocations straight to the old generation once most of them
 * outlive a young-generation collection, as the Calls of a page do; old Calls
 * pointing at young strings (times, prices) then make every collection slow.
 * Objects built by a constructor are not moved that way (normalizing a page
 * measured 1.5 times faster). Its prototype is Object.prototype: a Call is
 * still a plain object. The compiler does not check that every field is set
 * here, as it would for a literal: the dialect contract suite does.
 */
function CallRecord(this: CallWithRaw, raw: Record<string, unknown>, spec: ReadSpec, sid: string, status: CallStatus): void {
  const direction = readText(raw.direction, 'direction', sid);
  const answeredBy = readText(raw.answered_by, 'answered_by', sid);
  const price = readDecimal(raw.price, 'price', sid);
  const t = spec.queueFields;
  const q = spec.qualityFields;
  this.provider = spec.provider;
  this.sid = sid;
  this.accountSid = readText(raw.account_sid, 'account_sid', sid);
  this.parentCallSid = readText(raw.parent_call_sid, 'parent_call_sid', sid);
  this.phoneNumberSid = readText(raw.phone_number_sid, 'phone_number_sid', sid);
  this.to = address(raw.to, 'to', sid);
  this.toFormatted = readText(raw.to_formatted, 'to_formatted', sid) ?? readText(raw.formatted_to, 'formatted_to', sid);
  this.from = address(raw.from, 'from', sid);
  this.fromFormatted = readText(raw.from_formatted, 'from_formatted', sid) ?? readText(raw.formatted_from, 'formatted_from', sid);
  this.forwardedFrom = address(raw.forwarded_from, 'forwarded_from', sid);
  this.callerName = readText(raw.caller_name, 'caller_name', sid);
  this.status = status;
  this.direction = direction === null ? null : directionOf(direction);
  this.directionDetail = direction;
  this.answeredBy = answeredBy === null || answeredBy === '' ? null : answeredByOf(answeredBy);
  this.answeredByDetail = answeredBy;
  this.startTime = readTime(raw.start_time, 'start_time', sid);
  this.endTime = readTime(raw.end_time, 'end_time', sid);
  this.dateCreated = readTime(raw.date_created, 'date_created', sid);
  this.dateUpdated = readTime(raw.date_updated, 'date_updated', sid);
  this.duration = readCount(raw.duration, 'duration', sid);
  this.price = price === null ? null : spec.chargeSign === 1 ? canonicalDecimal(price) : negateDecimal(price);
  this.priceUnit = readText(raw.price_unit, 'price_unit', sid);
  this.apiVersion = readText(raw.api_version, 'api_version', sid);
  // Another provider's fields, when a record carries them, are read if they can be and never reject the record.
  this.annotation = field(q, readText, raw.annotation, 'annotation', sid);
  this.queueTime = field(t, readCount, raw.queue_time, 'queue_time', sid);
  this.trunkSid = field(t, readText, raw.trunk_sid, 'trunk_sid', sid);
  this.groupSid = readText(raw.group_sid, 'group_sid', sid);
  this.audioInMos = field(q, readNumber, raw.audio_in_mos, 'audio_in_mos', sid);
  this.sipResultCode = field(q, readInteger, raw.sip_result_code, 'sip_result_code', sid);
  this.audioRttAvg = field(q, readNumber, raw.audio_rtt_avg, 'audio_rtt_avg', sid);
  this.audioRttMin = field(q, readNumber, raw.audio_rtt_min, 'audio_rtt_min', sid);
  this.audioRttMax = field(q, readNumber, raw.audio_rtt_max, 'audio_rtt_max', sid);
  this.audioOutJitterAvg = field(q, readNumber, raw.audio_out_jitter_avg, 'audio_out_jitter_avg', sid);
  this.audioOutJitterMin = field(q, readNumber, raw.audio_out_jitter_min, 'audio_out_jitter_min', sid);
  this.audioOutJitterMax = field(q, readNumber, raw.audio_out_jitter_max, 'audio_out_jitter_max', sid);
  this.audioOutLost = field(q, readNumber, raw.audio_out_lost, 'audio_out_lost', sid);
  this.uri = readText(raw.uri, 'uri', sid);
  this.subresourceUris = readUriMap(raw.subresource_uris, 'subresource_uris', sid);
  this.extra = spec.extraFields.of(raw);
  this[RAW] = raw;
}
CallRecord.prototype = Object.prototype;

// TypeScript types a function as a constructor only through a cast.
const NewCall = CallRecord as unknown as new (raw: Record<string, unknown>, spec: ReadSpec, sid: string, status: CallStatus) => CallWithRaw;

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
  return new NewCall(raw, spec, sid, status);
}
