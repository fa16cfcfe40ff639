import { isUuidShaped, twilioSidToUuid } from '../../model/sid.js';
import { chargeReader, readAddressText, timeEntry, uriEntry } from '../common/field-entries.js';
import { type FieldTable, fieldTable } from '../common/field-table.js';
import { readCount, readText } from '../common/lenient.js';
import { writablePrice } from '../common/write-call.js';
import { mapTelnyxAnsweredBy, mapTelnyxStatus } from './map-telnyx-status.js';
import { isTelnyxShaped, telnyxSidOf } from './telnyx-sid.js';

/**
 * Telnyx's documented TeXML call record (the `CallResource` schema), in the
 * order callbridge writes it, with Telnyx's documented types: every value a
 * string (duration and price included), price positive for a charge, RFC 2822
 * times, Telnyx's vocabularies. Ids of another provider: a Twilio account
 * `AC…` becomes the UUID it maps onto; a call sid is kept behind `v3:`
 * (`v3:CA…`), since Telnyx sids are opaque and a record must not be taken for
 * another dialect's by its sid. Every key fills a canonical field: Telnyx
 * documents no quality figures and no fields of its own. Fields it does not
 * document (parent_call_sid, forwarded_from, subresource_uris, …) are not written.
 */
export function createTelnyxFields(callPath: (account: string, sid: string) => string): FieldTable {
  return fieldTable('telnyx', [
    {
      key: 'account_sid', type: 'string', to: 'accountSid', read: readText,
      write: (call, own) => (call.accountSid === null || own ? call.accountSid : twilioSidToUuid(call.accountSid)),
    },
    { key: 'answered_by', type: 'string', to: 'answeredByDetail', read: readText, write: (call, own) => (own ? call.answeredByDetail : mapTelnyxAnsweredBy(call)) },
    { key: 'caller_name', type: 'string', to: 'callerName', read: readText },
    timeEntry('date_created', 'dateCreated'),
    timeEntry('date_updated', 'dateUpdated'),
    { key: 'direction', type: 'string', to: 'directionDetail', read: readText, write: (call, own) => (own ? call.directionDetail : call.direction) },
    { key: 'duration', type: 'string', to: 'duration', read: readCount },
    timeEntry('end_time', 'endTime'),
    { key: 'from', type: 'string', to: 'from', read: readAddressText },
    { key: 'from_formatted', type: 'string', to: 'fromFormatted', read: readText },
    { key: 'price', type: 'string', to: 'price', read: chargeReader(1), write: writablePrice },
    { key: 'price_unit', type: 'string', to: 'priceUnit', read: readText },
    { key: 'sid', type: 'string', to: 'sid', read: readText, write: (call, own) => (own ? call.sid : telnyxSidOf(call.sid)) },
    timeEntry('start_time', 'startTime'),
    { key: 'status', type: 'string', to: 'status', read: readText, write: (call, own) => (own ? call.status : mapTelnyxStatus(call.status)) },
    { key: 'to', type: 'string', to: 'to', read: readAddressText },
    { key: 'to_formatted', type: 'string', to: 'toFormatted', read: readText },
    uriEntry(callPath),
  ]);
}

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
