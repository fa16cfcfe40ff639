import { negateDecimal } from '../../model/money.js';
import { isTwilioCallSid, uuidToTwilioSid } from '../../model/sid.js';
import { chargeReader, readAddressText, subresourceUrisEntry, timeEntry, uriEntry } from '../common/field-entries.js';
import { type FieldTable, type FieldWriter, fieldTable } from '../common/field-table.js';
import { readCount, readText } from '../common/lenient.js';
import { writablePrice } from '../common/write-call.js';
import { mapTwilioAnsweredBy, mapTwilioDirection } from './map-twilio-status.js';

/** A SignalWire UUID written in Twilio's shape, with the prefix Twilio gives that kind of id. */
function sid(prefix: string, field: 'sid' | 'accountSid' | 'parentCallSid' | 'phoneNumberSid'): FieldWriter {
  // uuidToTwilioSid leaves an id that is not UUID-shaped as it is.
  return (call, own) => {
    const value = call[field];
    return value === null || own ? value : uuidToTwilioSid(value, prefix);
  };
}

/**
 * Twilio's documented call record (the list-calls page and OpenAPI spec), in
 * the order callbridge writes it: price a negative-for-a-charge string,
 * duration and queue_time strings, RFC 2822 times, `CA`/`AC`/`PN` sids (a
 * SignalWire UUID becomes prefix + its 32 characters). queue_time and
 * trunk_sid are Twilio's own: `providerFields.twilio`.
 */
export function createTwilioFields(callPath: (account: string, sid: string) => string): FieldTable {
  return fieldTable('twilio', [
    { key: 'account_sid', type: 'string', to: 'accountSid', read: readText, write: sid('AC', 'accountSid') },
    { key: 'answered_by', type: 'string', to: 'answeredByDetail', read: readText, write: (call, own) => (own ? call.answeredByDetail : mapTwilioAnsweredBy(call)) },
    { key: 'api_version', type: 'string', to: 'apiVersion', read: readText },
    { key: 'caller_name', type: 'string', to: 'callerName', read: readText },
    timeEntry('date_created', 'dateCreated'),
    timeEntry('date_updated', 'dateUpdated'),
    { key: 'direction', type: 'string', to: 'directionDetail', read: readText, write: (call, own) => (own ? call.directionDetail : mapTwilioDirection(call)) },
    { key: 'duration', type: 'string', to: 'duration', read: readCount },
    timeEntry('end_time', 'endTime'),
    { key: 'forwarded_from', type: 'string', to: 'forwardedFrom', read: readAddressText },
    { key: 'from', type: 'string', to: 'from', read: readAddressText },
    { key: 'from_formatted', type: 'string', to: 'fromFormatted', read: readText },
    { key: 'group_sid', type: 'string', to: 'groupSid', read: readText },
    { key: 'parent_call_sid', type: 'string', to: 'parentCallSid', read: readText, write: sid('CA', 'parentCallSid') },
    { key: 'phone_number_sid', type: 'string', to: 'phoneNumberSid', read: readText, write: sid('PN', 'phoneNumberSid') },
    {
      key: 'price', type: 'string', to: 'price', read: chargeReader(-1),
      write: (call) => {
        const price = writablePrice(call);
        return price === null ? null : negateDecimal(price);
      },
    },
    { key: 'price_unit', type: 'string', to: 'priceUnit', read: readText },
    { key: 'sid', type: 'string', to: 'sid', read: readText, write: sid('CA', 'sid') },
    timeEntry('start_time', 'startTime'),
    { key: 'status', type: 'string', to: 'status', read: readText },
    subresourceUrisEntry(callPath),
    { key: 'to', type: 'string', to: 'to', read: readAddressText },
    { key: 'to_formatted', type: 'string', to: 'toFormatted', read: readText },
    { key: 'trunk_sid', type: 'string', to: 'providerFields.trunkSid', read: readText },
    uriEntry(callPath),
    { key: 'queue_time', type: 'string', to: 'providerFields.queueTime', read: readCount },
  ]);
}

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
