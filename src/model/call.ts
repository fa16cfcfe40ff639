import type { Address } from './address.js';
import type { AnsweredBy } from './answered-by.js';
import type { Direction } from './direction.js';
import type { Provider } from './provider.js';
import type { CallStatus } from './status.js';

/**
 * The canonical call record: every field of both dialects, one vocabulary.
 *
 * - Instants are UTC ISO 8601 strings (`2018-09-19T20:00:00Z`), null when the provider left them empty.
 * - `price` is a decimal string where a charge is positive (SignalWire's sign; Twilio's is flipped).
 * - `duration` is whole seconds, `queueTime` whole milliseconds.
 * - Ids are kept verbatim, even when they are not valid hex.
 * - Fields the other provider does not have are null.
 * - `extra` holds the fields neither dialect documents, verbatim, so nothing is lost.
 *
 * The raw record a Call was read from stays reachable with {@link rawRecord}.
 */
export interface Call {
  /** Which provider the record came from. */
  provider: Provider;
  /** The provider's own call sid: `CA…` on Twilio, a UUID on SignalWire. */
  sid: string;
  accountSid: string | null;
  parentCallSid: string | null;
  phoneNumberSid: string | null;
  to: Address | null;
  /** The provider's display form of `to` (`to_formatted` / `formatted_to`). */
  toFormatted: string | null;
  from: Address | null;
  /** The provider's display form of `from`. */
  fromFormatted: string | null;
  forwardedFrom: Address | null;
  callerName: string | null;
  status: CallStatus;
  direction: Direction | null;
  /** The direction exactly as sent: `outbound-api`, `outbound-dial`, `trunking-*`, `outbound`, … */
  directionDetail: string | null;
  answeredBy: AnsweredBy | null;
  /** answered_by exactly as sent: `machine_end_beep`, `human`, … */
  answeredByDetail: string | null;
  startTime: string | null;
  endTime: string | null;
  dateCreated: string | null;
  dateUpdated: string | null;
  /** Whole seconds; null while unknown. */
  duration: number | null;
  /** Decimal string, a charge positive; null until the provider has priced the call. */
  price: string | null;
  /** ISO 4217 currency of `price`. */
  priceUnit: string | null;
  apiVersion: string | null;
  /** SignalWire only. */
  annotation: string | null;
  /** Twilio only: milliseconds the call waited before being placed. */
  queueTime: number | null;
  /** Twilio only. */
  trunkSid: string | null;
  /** Documented by both; SignalWire's is always null. */
  groupSid: string | null;
  /** SignalWire only: mean opinion score of inbound audio, 1–5. */
  audioInMos: number | null;
  /** SignalWire only: SIP response code of the INVITE (SignalWire sends it as a string, `"200"`). */
  sipResultCode: number | null;
  /** SignalWire only: audio round-trip time figures. */
  audioRttAvg: number | null;
  audioRttMin: number | null;
  audioRttMax: number | null;
  /** SignalWire only: outbound audio jitter figures. */
  audioOutJitterAvg: number | null;
  audioOutJitterMin: number | null;
  audioOutJitterMax: number | null;
  /** SignalWire only: outbound audio packets lost. */
  audioOutLost: number | null;
  /** The record's own URI as the provider sent it. */
  uri: string | null;
  /** Names to URIs; an entry may be null (SignalWire sends `"notifications": null`). */
  subresourceUris: Record<string, string | null> | null;
  /** Fields neither dialect documents, kept verbatim. */
  extra: Record<string, unknown>;
}

/** The key under which a Call keeps the raw record it was read from (not serialized by JSON.stringify). */
export const RAW: unique symbol = Symbol.for('callbridge.raw');

/** A Call together with the raw record it was read from. */
export type CallWithRaw = Call & { [RAW]?: unknown };

/** The untouched raw record a Call was read from, or undefined for a Call built by hand. */
export function rawRecord(call: Call): unknown {
  return (call as CallWithRaw)[RAW];
}
