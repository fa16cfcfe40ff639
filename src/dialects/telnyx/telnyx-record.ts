import type { Call } from '../../model/call.js';
import { isUuidShaped, twilioSidToUuid } from '../../model/sid.js';
import { rebaseUris, withExtra, writablePrice, writeTime } from '../common/write-call.js';
import { mapTelnyxAnsweredBy, mapTelnyxStatus } from './map-telnyx-status.js';
import { isTelnyxShaped, telnyxSidOf } from './telnyx-sid.js';

/** Every key of Telnyx's documented TeXML call record (the `CallResource` schema). */
export const TELNYX_KEYS: ReadonlySet<string> = new Set([
  'account_sid', 'answered_by', 'caller_name', 'date_created', 'date_updated', 'direction', 'duration', 'end_time',
  'from', 'from_formatted', 'price', 'price_unit', 'sid', 'start_time', 'status', 'to', 'to_formatted', 'uri',
]);

/**
 * Score of how much a raw record looks like Telnyx's. A `v3:` sid weighs less
 * than the other dialects' marks: a Telnyx call written in another dialect
 * keeps its sid, and is that dialect's record (its price sign, its types).
 */
export function detectTelnyx(raw: Record<string, unknown>): number {
  let score = 0;
  if (typeof raw.sid === 'string' && isTelnyxShaped(raw.sid)) {
    score += 3;
    // Keys every 2010-04-01 record callbridge writes has, and Telnyx's never.
    if (!('api_version' in raw) && !('subresource_uris' in raw)) score += 1;
  }
  if (typeof raw.uri === 'string' && raw.uri.startsWith('/v2/texml/')) score += 3;
  // A UUID account with string figures: SignalWire sends numbers, Twilio `AC` accounts.
  if (typeof raw.account_sid === 'string' && isUuidShaped(raw.account_sid) && (typeof raw.duration === 'string' || typeof raw.price === 'string')) score += 4;
  if (raw.answered_by === 'not_sure') score += 2;
  return score;
}

/**
 * Writes a Call as a Telnyx TeXML call record with Telnyx's documented types:
 * every value a string (duration and price included), price positive for a
 * charge, RFC 2822 times, Telnyx's vocabularies. Ids of another provider: a
 * Twilio account `AC…` becomes the UUID it maps onto; a call sid is kept
 * behind `v3:` (`v3:CA…`), since Telnyx sids are opaque and a record must not
 * be taken for another dialect's by its sid. Fields Telnyx does not document
 * (parent_call_sid, forwarded_from, subresource_uris, …) are left out.
 */
export function writeTelnyxCall(call: Call, callPath: (account: string, sid: string) => string): Record<string, unknown> {
  const own = call.provider === 'telnyx';
  const price = writablePrice(call);
  const sid = own ? call.sid : telnyxSidOf(call.sid);
  const accountSid = call.accountSid === null || own ? call.accountSid : twilioSidToUuid(call.accountSid);
  const { uri } = rebaseUris(call, own, accountSid === null ? null : callPath(accountSid, sid));
  return withExtra({
    account_sid: accountSid,
    answered_by: own ? call.answeredByDetail : mapTelnyxAnsweredBy(call),
    caller_name: call.callerName,
    date_created: writeTime(call, 'dateCreated'),
    date_updated: writeTime(call, 'dateUpdated'),
    direction: own ? call.directionDetail : call.direction,
    duration: call.duration === null ? null : String(call.duration),
    end_time: writeTime(call, 'endTime'),
    from: call.from?.value ?? null,
    from_formatted: call.fromFormatted,
    price,
    price_unit: call.priceUnit,
    sid,
    start_time: writeTime(call, 'startTime'),
    status: own ? call.status : mapTelnyxStatus(call.status),
    to: call.to?.value ?? null,
    to_formatted: call.toFormatted,
    uri,
  }, call.extra);
}
