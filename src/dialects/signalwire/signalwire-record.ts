import type { Call } from '../../model/call.js';
import { isUuidShaped, twilioSidToUuid } from '../../model/sid.js';
import { rebaseUris, withExtra, writablePrice, writeTime } from '../common/write-call.js';
import { mapSignalWireAnsweredBy, mapSignalWireDirection, mapSignalWireStatus } from './map-signalwire-status.js';

/** Every key of SignalWire's documented call record. */
export const SIGNALWIRE_KEYS: ReadonlySet<string> = new Set([
  'account_sid', 'annotation', 'answered_by', 'api_version', 'caller_name', 'date_created', 'date_updated',
  'direction', 'duration', 'end_time', 'forwarded_from', 'from', 'formatted_from', 'from_formatted', 'group_sid',
  'parent_call_sid', 'phone_number_sid', 'price', 'price_unit', 'sid', 'start_time', 'status',
  'subresource_uris', 'to', 'formatted_to', 'to_formatted', 'uri', 'audio_in_mos', 'sip_result_code',
  'audio_rtt_avg', 'audio_rtt_min', 'audio_rtt_max', 'audio_out_jitter_avg', 'audio_out_jitter_min',
  'audio_out_jitter_max', 'audio_out_lost',
]);

/** Score of how much a raw record looks like SignalWire's. */
export function detectSignalWire(raw: Record<string, unknown>): number {
  let score = 0;
  if (typeof raw.sid === 'string' && isUuidShaped(raw.sid)) score += 10;
  if (typeof raw.account_sid === 'string' && isUuidShaped(raw.account_sid)) score += 3;
  if ('formatted_to' in raw || 'audio_in_mos' in raw || 'sip_result_code' in raw || 'annotation' in raw) score += 2;
  if (typeof raw.price === 'number' || typeof raw.duration === 'number') score += 1;
  if (typeof raw.uri === 'string' && raw.uri.startsWith('/api/laml/')) score += 1;
  return score;
}

/** A Twilio-shaped sid written back as the UUID it maps onto. */
function sid(value: string | null, own: boolean): string | null {
  return value === null || own ? value : twilioSidToUuid(value);
}

/** A figure SignalWire documents as whole milliseconds or packets; one read from a drifting record (`41.2`) is rounded. */
function whole(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

/**
 * Writes a Call as a SignalWire call record with SignalWire's documented types:
 * price a positive-for-a-charge number, duration an integer, sip_result_code a
 * string, the audio round-trip, jitter and loss figures integers, UUID sids, both formatted aliases. Twilio-only fields (queue_time,
 * trunk_sid) are left out; group_sid is documented by both.
 */
export function writeSignalWireCall(call: Call, callPath: (account: string, sid: string) => string): Record<string, unknown> {
  const own = call.provider === 'signalwire';
  const price = writablePrice(call);
  const callSid = sid(call.sid, own)!;
  const accountSid = sid(call.accountSid, own);
  const { uri, subresourceUris } = rebaseUris(call, own, accountSid === null ? null : callPath(accountSid, callSid));
  return withExtra({
    account_sid: accountSid,
    annotation: call.annotation,
    answered_by: own ? call.answeredByDetail : mapSignalWireAnsweredBy(call),
    api_version: call.apiVersion,
    caller_name: call.callerName,
    date_created: writeTime(call, 'dateCreated'),
    date_updated: writeTime(call, 'dateUpdated'),
    direction: own ? call.directionDetail : mapSignalWireDirection(call),
    duration: call.duration,
    end_time: writeTime(call, 'endTime'),
    forwarded_from: call.forwardedFrom?.value ?? null,
    from: call.from?.value ?? null,
    formatted_from: call.fromFormatted,
    from_formatted: call.fromFormatted,
    group_sid: call.groupSid,
    parent_call_sid: sid(call.parentCallSid, own),
    phone_number_sid: sid(call.phoneNumberSid, own),
    price: price === null ? null : Number(price),
    price_unit: call.priceUnit,
    sid: callSid,
    start_time: writeTime(call, 'startTime'),
    status: own ? call.status : mapSignalWireStatus(call.status, 'record'),
    subresource_uris: subresourceUris,
    to: call.to?.value ?? null,
    formatted_to: call.toFormatted,
    to_formatted: call.toFormatted,
    uri,
    audio_in_mos: call.audioInMos,
    sip_result_code: call.sipResultCode === null ? null : String(call.sipResultCode),
    audio_rtt_avg: whole(call.audioRttAvg),
    audio_rtt_min: whole(call.audioRttMin),
    audio_rtt_max: whole(call.audioRttMax),
    audio_out_jitter_avg: whole(call.audioOutJitterAvg),
    audio_out_jitter_min: whole(call.audioOutJitterMin),
    audio_out_jitter_max: whole(call.audioOutJitterMax),
    audio_out_lost: whole(call.audioOutLost),
  }, call.extra);
}
