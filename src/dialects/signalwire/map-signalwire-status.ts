import type { Call } from '../../model/call.js';
import { UnsupportedQueryError } from '../../model/errors/unsupported-query-error.js';
import type { CallStatus } from '../../model/status.js';

/**
 * The status SignalWire uses for a canonical status. SignalWire has no
 * `no-answer`: it is refused in queries, and written as `failed` in records
 * (the call did not connect), a documented lossy point.
 */
export function mapSignalWireStatus(status: CallStatus, purpose: 'query' | 'record'): string {
  switch (status) {
    case 'no-answer':
      if (purpose === 'query') {
        throw new UnsupportedQueryError('signalwire', 'SignalWire has no "no-answer" status, so calls with it cannot be selected');
      }
      return 'failed';
    default:
      return status;
  }
}

/** SignalWire's two directions: canonical direction, or the raw detail when the canonical one is unknown. */
export function mapSignalWireDirection(call: Call): string | null {
  return call.direction ?? call.directionDetail;
}

/** SignalWire reports `human` or `machine`; fax and unknown results have no SignalWire value and are written null. */
export function mapSignalWireAnsweredBy(call: Call): string | null {
  switch (call.answeredBy) {
    case 'human':
    case 'machine':
      return call.answeredBy;
    case null:
      return call.answeredByDetail;
    default:
      return null;
  }
}
