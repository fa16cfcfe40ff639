import type { Call } from '../../model/call.js';
import type { CallStatus } from '../../model/status.js';

/**
 * The status Telnyx uses for a canonical status. Telnyx's call has no
 * `queued`: a call not yet ringing is written `ringing`, its earliest status
 * (a documented lossy point).
 */
export function mapTelnyxStatus(status: CallStatus): string {
  return status === 'queued' ? 'ringing' : status;
}

/** The statuses Telnyx's `Status` list filter accepts; any other is selected on the client. */
export const TELNYX_STATUS_FILTERS: ReadonlySet<CallStatus> = new Set(['canceled', 'completed', 'failed', 'busy', 'no-answer']);

/**
 * answered_by in Telnyx's vocabulary (`human`, `machine`, `not_sure`): every
 * machine result is `machine`, `unknown` is `not_sure`; fax has no Telnyx value
 * and is written null.
 */
export function mapTelnyxAnsweredBy(call: Call): string | null {
  switch (call.answeredBy) {
    case 'human':
    case 'machine':
      return call.answeredBy;
    case 'unknown':
      return 'not_sure';
    default:
      return null;
  }
}
