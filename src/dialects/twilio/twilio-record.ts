import type { Call } from '../../model/call.js';
import { negateDecimal } from '../../model/money.js';
import { isTwilioCallSid, uuidToTwilioSid } from '../../model/sid.js';
import { rebaseUris, withExtra, writablePrice, writeTime } from '../common/write-call.js';
import { mapTwilioAnsweredBy, mapTwilioDirection } from './map-twilio-status.js';

/** Every key of Twilio's documented call record. */
export const TWILIO_KEYS: ReadonlySet<string> = new Set([
  'account_sid', 'answered_by', 'api_version', 'caller_name', 'date_created', 'date_updated', 'direction',
  'duration', 'end_time', 'forwarded_from', 'from', 'from_formatted', 'group_sid', 'parent_call_sid',
  'phone_number_sid', 'price', 'price_unit', 'sid', 'start_time', 'status', 'subresource_uris', 'to',
  'to_formatted', 'trunk_sid', 'uri', 'queue_time',
]);

/** Score of how much a raw record looks like Twilio's. */
export function detectTwilio(raw: Record<string, unknown>): number {
  let score = 0;
  if (typeof raw.sid === 'string' && isTwilioCallSid(raw.sid)) score += 10;
  if (typeof raw.account_sid === 'string' && raw.account_sid.startsWith('AC')) score += 3;
  if ('queue_time' in raw || 'trunk_sid' in raw || 'group_sid' in raw) score += 2;
  if (typeof raw.price === 'string' || typeof raw.duration === 'string') score += 1;
  if (typeof raw.uri === 'string' && raw.uri.startsWith('/2010-04-01/')) score += 1;
  return score;
}

/** A SignalWire UUID written in Twilio's shape, with the prefix Twilio gives that kind of id. */
function sid(value: string | null, prefix: string, own: boolean): string | null {
  // uuidToTwilioSid leaves an id that is not UUID-shaped as it is.
  return value === null || own ? value : uuidToTwilioSid(value, prefix);
}

/**
 * Writes a Call as a Twilio call record with Twilio's documented types: price a
 * negative-for-a-charge string, duration and queue_time strings, RFC 2822 times,
 * `CA`/`AC`/`PN` sids (a SignalWire UUID becomes prefix + its 32 characters).
 * SignalWire-only fields are not Twilio's: they are left out.
 */
export function writeTwilioCall(call: Call, callPath: (account: string, sid: string) => string): Record<string, unknown> {
  const own = call.provider === 'twilio';
  const price = writablePrice(call);
  const callSid = sid(call.sid, 'CA', own)!;
  const accountSid = sid(call.accountSid, 'AC', own);
  const { uri, subresourceUris } = rebaseUris(call, own, accountSid === null ? null : callPath(accountSid, callSid));
  return withExtra({
    account_sid: accountSid,
    answered_by: own ? call.answeredByDetail : mapTwilioAnsweredBy(call),
    api_version: call.apiVersion,
    caller_name: call.callerName,
    date_created: writeTime(call, 'dateCreated'),
    date_updated: writeTime(call, 'dateUpdated'),
    direction: own ? call.directionDetail : mapTwilioDirection(call),
    duration: call.duration === null ? null : String(call.duration),
    end_time: writeTime(call, 'endTime'),
    forwarded_from: call.forwardedFrom?.value ?? null,
    from: call.from?.value ?? null,
    from_formatted: call.fromFormatted,
    group_sid: call.groupSid,
    parent_call_sid: sid(call.parentCallSid, 'CA', own),
    phone_number_sid: sid(call.phoneNumberSid, 'PN', own),
    price: price === null ? null : negateDecimal(price),
    price_unit: call.priceUnit,
    sid: callSid,
    start_time: writeTime(call, 'startTime'),
    status: call.status,
    subresource_uris: subresourceUris,
    to: call.to?.value ?? null,
    to_formatted: call.toFormatted,
    trunk_sid: call.trunkSid,
    uri,
    queue_time: call.queueTime === null ? null : String(call.queueTime),
  }, call.extra);
}
