import { isUuidShaped, twilioSidToUuid } from '../../model/sid.js';
import { chargeReader, readAddressText, subresourceUrisEntry, timeEntry, uriEntry } from '../common/field-entries.js';
import { type FieldTable, type FieldWriter, fieldTable } from '../common/field-table.js';
import { readCount, readInteger, readNumber, readText } from '../common/lenient.js';
import { writablePrice } from '../common/write-call.js';
import { mapSignalWireAnsweredBy, mapSignalWireDirection, mapSignalWireStatus } from './map-signalwire-status.js';

/** A Twilio-shaped sid written back as the UUID it maps onto. */
function sid(field: 'sid' | 'accountSid' | 'parentCallSid' | 'phoneNumberSid'): FieldWriter {
  return (call, own) => {
    const value = call[field];
    return value === null || own ? value : twilioSidToUuid(value);
  };
}

/**
 * SignalWire's documented call record (the "Retrieve a Call" page), in the
 * order callbridge writes it: price a positive-for-a-charge number, duration an
 * integer, sip_result_code a string, the audio round-trip, jitter and loss
 * figures integers (a fraction read from drift is rounded), UUID sids, both
 * formatted aliases. The audio figures fill the `quality` group; annotation is
 * SignalWire's own (`providerFields.signalwire`).
 */
export function createSignalWireFields(callPath: (account: string, sid: string) => string): FieldTable {
  return fieldTable('signalwire', [
    { key: 'account_sid', type: 'string', to: 'accountSid', read: readText, write: sid('accountSid') },
    { key: 'annotation', type: 'string', to: 'providerFields.annotation', read: readText },
    { key: 'answered_by', type: 'string', to: 'answeredByDetail', read: readText, write: (call, own) => (own ? call.answeredByDetail : mapSignalWireAnsweredBy(call)) },
    { key: 'api_version', type: 'string', to: 'apiVersion', read: readText },
    { key: 'caller_name', type: 'string', to: 'callerName', read: readText },
    timeEntry('date_created', 'dateCreated'),
    timeEntry('date_updated', 'dateUpdated'),
    { key: 'direction', type: 'string', to: 'directionDetail', read: readText, write: (call, own) => (own ? call.directionDetail : mapSignalWireDirection(call)) },
    { key: 'duration', type: 'integer', to: 'duration', read: readCount },
    timeEntry('end_time', 'endTime'),
    { key: 'forwarded_from', type: 'string', to: 'forwardedFrom', read: readAddressText },
    { key: 'from', type: 'string', to: 'from', read: readAddressText },
    { key: 'formatted_from', type: 'string', to: 'fromFormatted', read: readText, alias: true },
    { key: 'from_formatted', type: 'string', to: 'fromFormatted', read: readText },
    { key: 'group_sid', type: 'string', to: 'groupSid', read: readText },
    { key: 'parent_call_sid', type: 'string', to: 'parentCallSid', read: readText, write: sid('parentCallSid') },
    { key: 'phone_number_sid', type: 'string', to: 'phoneNumberSid', read: readText, write: sid('phoneNumberSid') },
    {
      key: 'price', type: 'number', to: 'price', read: chargeReader(1),
      write: (call) => {
        const price = writablePrice(call);
        return price === null ? null : Number(price);
      },
    },
    { key: 'price_unit', type: 'string', to: 'priceUnit', read: readText },
    { key: 'sid', type: 'string', to: 'sid', read: readText, write: sid('sid') },
    timeEntry('start_time', 'startTime'),
    { key: 'status', type: 'string', to: 'status', read: readText, write: (call, own) => (own ? call.status : mapSignalWireStatus(call.status, 'record')) },
    subresourceUrisEntry(callPath),
    { key: 'to', type: 'string', to: 'to', read: readAddressText },
    { key: 'formatted_to', type: 'string', to: 'toFormatted', read: readText, alias: true },
    { key: 'to_formatted', type: 'string', to: 'toFormatted', read: readText },
    uriEntry(callPath),
    { key: 'audio_in_mos', type: 'number', to: 'quality.mos', read: readNumber },
    { key: 'sip_result_code', type: 'string', to: 'quality.sipResultCode', read: readInteger },
    { key: 'audio_rtt_avg', type: 'integer', to: 'quality.rttAvg', read: readNumber },
    { key: 'audio_rtt_min', type: 'integer', to: 'quality.rttMin', read: readNumber },
    { key: 'audio_rtt_max', type: 'integer', to: 'quality.rttMax', read: readNumber },
    { key: 'audio_out_jitter_avg', type: 'integer', to: 'quality.jitterAvg', read: readNumber },
    { key: 'audio_out_jitter_min', type: 'integer', to: 'quality.jitterMin', read: readNumber },
    { key: 'audio_out_jitter_max', type: 'integer', to: 'quality.jitterMax', read: readNumber },
    { key: 'audio_out_lost', type: 'integer', to: 'quality.packetsLost', read: readNumber },
  ]);
}

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
