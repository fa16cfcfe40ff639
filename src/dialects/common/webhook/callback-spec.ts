import type { CallEvent } from '../../../model/call-event.js';
import type { Provider } from '../../../model/provider.js';
import type { FormFields } from './form-fields.js';

/** What differs between the providers' status callbacks: who sends them, how to tell them apart, how they write values. */
export interface CallbackSpec {
  provider: Provider;
  /** Whether a `CallSid`'s shape alone proves the callback is this provider's. At most one provider may claim a sid. */
  claimsSid(sid: string): boolean;
  /** How much the fields look like this provider's (0 = not at all), for a sid no provider claims. */
  detect(fields: FormFields): number;
  /** The `CallStatus` values it sends. */
  statuses: ReadonlySet<string>;
  /** How it writes `Timestamp`: RFC 2822 (Twilio, SignalWire) or ISO 8601 (Telnyx). */
  formatTimestamp(ms: number): string;
  /** Whether it sends `Direction` (Telnyx's TeXML callbacks do not). */
  sendsDirection: boolean;
  /** Fields of its own it writes for an event (`ApiVersion`, Telnyx's `CallSidLegacy`); the event's `extra` overrides them. */
  ownFields(event: CallEvent): Record<string, string>;
  /**
   * Fields of its own the emulator adds to a call's progress callback, as the
   * provider sends them beyond the event (SignalWire's `SipResultCode`,
   * Telnyx's `HangupCause`); written into the event's `extra`.
   */
  emulatedFields(event: CallEvent): Record<string, string>;
}
