import type { Call } from '../../model/call.js';
import type { CallStatus } from '../../model/status.js';

/** Twilio reports every canonical status, `no-answer` included, under the same name. */
export function mapTwilioStatus(status: CallStatus): string {
  return status;
}

const TWILIO_DIRECTIONS = new Set(['inbound', 'outbound-api', 'outbound-dial', 'trunking-terminating', 'trunking-originating']);
const TWILIO_ANSWERED_BY = new Set([
  'human', 'machine_start', 'machine_end_beep', 'machine_end_silence', 'machine_end_other', 'fax', 'unknown',
]);

/**
 * The direction written in Twilio's vocabulary. A canonical outbound call whose
 * detail Twilio lacks (SignalWire's `outbound`) is written `outbound-api`.
 */
export function mapTwilioDirection(call: Call): string | null {
  const detail = call.directionDetail;
  if (detail !== null && TWILIO_DIRECTIONS.has(detail)) return detail;
  switch (call.direction) {
    case 'inbound':
      return 'inbound';
    case 'outbound':
      return 'outbound-api';
    default:
      return detail;
  }
}

/** answered_by in Twilio's vocabulary: canonical `machine` without detail is `machine_start`. */
export function mapTwilioAnsweredBy(call: Call): string | null {
  const detail = call.answeredByDetail;
  if (detail !== null && TWILIO_ANSWERED_BY.has(detail)) return detail;
  switch (call.answeredBy) {
    case null:
      return detail;
    case 'machine':
      return 'machine_start';
    default:
      return call.answeredBy;
  }
}
