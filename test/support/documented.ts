import type { Call } from '../../src/model/call.js';

/**
 * The documented keys of each provider's call record, written from the docs
 * independently of src/, so that tests compare callbridge with the documents.
 */
/** Every key of Twilio's documented call record. */
export const TWILIO_FIELDS = [
  'account_sid', 'answered_by', 'api_version', 'caller_name', 'date_created', 'date_updated', 'direction',
  'duration', 'end_time', 'forwarded_from', 'from', 'from_formatted', 'group_sid', 'parent_call_sid',
  'phone_number_sid', 'price', 'price_unit', 'sid', 'start_time', 'status', 'subresource_uris', 'to',
  'to_formatted', 'trunk_sid', 'uri', 'queue_time',
] as const;

/** Every key of SignalWire's documented call record, both formatted aliases included. */
export const SIGNALWIRE_FIELDS = [
  'account_sid', 'annotation', 'answered_by', 'api_version', 'caller_name', 'date_created', 'date_updated',
  'direction', 'duration', 'end_time', 'forwarded_from', 'from', 'formatted_from', 'from_formatted',
  'parent_call_sid', 'phone_number_sid', 'price', 'price_unit', 'sid', 'start_time', 'status',
  'subresource_uris', 'to', 'formatted_to', 'to_formatted', 'uri', 'audio_in_mos', 'sip_result_code',
  'audio_rtt_avg', 'audio_rtt_min', 'audio_rtt_max', 'audio_out_jitter_avg', 'audio_out_jitter_min',
  'audio_out_jitter_max', 'audio_out_lost',
] as const;


/** A decimal's value written one way (`-0.01750`, `-.0175` and `-0.0175` are the same amount). */
export function amount(text: string | null): string | null {
  if (text === null) return null;
  const negative = text.startsWith('-');
  let [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split('.');
  whole = whole.replace(/^0+/, '') || '0';
  fraction = fraction.replace(/0+$/, '');
  const unsigned = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && unsigned !== '0' ? `-${unsigned}` : unsigned;
}

/** The fields both dialects carry, by value (a price "0.01750" and 0.0175 are the same amount). */
export function sharedFields(call: Call) {
  return {
    to: call.to,
    toFormatted: call.toFormatted,
    from: call.from,
    fromFormatted: call.fromFormatted,
    forwardedFrom: call.forwardedFrom,
    callerName: call.callerName,
    direction: call.direction,
    startTime: call.startTime,
    endTime: call.endTime,
    dateCreated: call.dateCreated,
    dateUpdated: call.dateUpdated,
    duration: call.duration,
    price: amount(call.price),
    priceUnit: call.priceUnit,
    apiVersion: call.apiVersion,
    extra: call.extra,
  };
}
