import type { Address } from './address.js';
import type { Direction } from './direction.js';
import type { Provider } from './provider.js';
import type { CallStatus } from './status.js';

/**
 * One status callback of a call, in one vocabulary whatever the provider.
 *
 * - `timestamp` is a UTC ISO 8601 string (`2024-01-15T10:30:00Z`), null when not sent.
 * - `status` is canonical: the `initiated` event reads as `queued` (the call's
 *   status on the REST resource until it rings); `statusDetail` keeps `initiated`.
 * - `extra` holds every field sent beyond these, verbatim (SignalWire's audio
 *   figures, Telnyx's `CallSidLegacy`, `HangupSource`, …).
 */
export interface CallEvent {
  /** Which provider sent the callback. */
  provider: Provider;
  /** The call's sid, verbatim (`CA…`, a UUID, `v3:…`). */
  sid: string;
  accountSid: string | null;
  parentCallSid: string | null;
  status: CallStatus;
  /** `CallStatus` exactly as sent: `initiated`, `ringing`, `in-progress`, … */
  statusDetail: string;
  /** Order of the call's callbacks, from 0; null when not sent. */
  sequenceNumber: number | null;
  /** When the provider says the event happened, UTC ISO 8601. */
  timestamp: string | null;
  /** Whole seconds (`CallDuration`), sent once the call is answered or over; null otherwise. */
  duration: number | null;
  from: Address | null;
  to: Address | null;
  direction: Direction | null;
  /** `Direction` exactly as sent: `outbound-api`, `outbound-dial`, `inbound`. */
  directionDetail: string | null;
  /** `CallbackSource` as sent (`call-progress-events`). */
  callbackSource: string | null;
  /** The other fields sent, verbatim; a field sent several times is an array. */
  extra: Record<string, string | string[]>;
}
