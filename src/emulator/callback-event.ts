import { DIALECTS } from '../dialects/registry.js';
import type { CallEvent } from '../model/call-event.js';
import type { CallEvent as RequestedEvent } from '../model/call-request.js';
import type { CallStatus } from '../model/status.js';
import { FINAL } from './call-lifecycle.js';
import type { CreatedEntry } from './created-calls.js';

/**
 * The status-callback event (`StatusCallbackEvent`) that reports a status:
 * the creation (queued) is `initiated`, `ringing` is `ringing`, going in
 * progress is `answered`, and every final status is `completed`, as the
 * providers send the end of a call whatever its outcome.
 */
export function requestedEventOf(status: CallStatus): RequestedEvent {
  if (status === 'queued') return 'initiated';
  if (status === 'ringing') return 'ringing';
  if (status === 'in-progress') return 'answered';
  if (FINAL.has(status)) return 'completed';
  throw new RangeError(`no status-callback event reports ${status}`);
}

/**
 * A created call's progress as its status callback tells it, in the dialect
 * that created it: the sid and account as that dialect writes them (every
 * dialect writes Twilio-shaped `sid` and `account_sid`), the status now, the
 * duration on the final event, the event's emulated time.
 */
export function progressEvent(entry: CreatedEntry, at: string, sequenceNumber: number): CallEvent {
  const { call, createdWith } = entry;
  const record = DIALECTS[createdWith].fromCall(call);
  const final = FINAL.has(call.status);
  return {
    provider: createdWith,
    sid: String(record.sid),
    accountSid: typeof record.account_sid === 'string' ? record.account_sid : null,
    parentCallSid: null,
    status: call.status,
    statusDetail: call.status === 'queued' ? 'initiated' : call.status,
    sequenceNumber,
    timestamp: at,
    duration: final ? call.duration : null,
    from: call.from,
    to: call.to,
    direction: call.direction,
    directionDetail: call.directionDetail,
    callbackSource: 'call-progress-events',
    extra: {},
  };
}
