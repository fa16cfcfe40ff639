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
 * - `duration` is whole seconds.
 * - Ids are kept verbatim, even when they are not valid hex.
 * - Fields the provider does not have are null; provider-only fields are grouped under
 *   `quality` (figures any provider may report) and `providerFields` (by provider).
 * - `extra` holds the fields the provider does not document, verbatim, so nothing is lost.
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
  /** The group the call belongs to (documented by Twilio and SignalWire; SignalWire's is always null). */
  groupSid: string | null;
  /** Call-quality figures, from any provider that reports them; null when the record reports none. */
  quality: CallQuality | null;
  /**
   * Each provider's documented fields that have no canonical counterpart, under
   * the provider's name (`providerFields.twilio.queueTime`). The reading
   * provider's group holds every field its dialect declares (null when absent);
   * other providers' groups are absent. See docs/model.md for each provider's fields.
   */
  providerFields: ProviderFields;
  /** The record's own URI as the provider sent it. */
  uri: string | null;
  /**
   * Names to URIs, as the provider sent them: an entry may be null (SignalWire
   * sends `"notifications": null`). Entries are not checked when a record is
   * read, so no record is refused for one; a record written in a dialect has
   * each entry that is not text written as null.
   */
  subresourceUris: Record<string, unknown> | null;
  /** Fields the reading dialect does not document, kept verbatim. */
  extra: Record<string, unknown>;
}

/**
 * Call-quality figures. SignalWire reports them today (`audio_in_mos`,
 * `sip_result_code`, `audio_rtt_*`, `audio_out_jitter_*`, `audio_out_lost`);
 * any provider's dialect may fill them. A figure the record lacks is null.
 */
export interface CallQuality {
  /** Mean opinion score of inbound audio, 1–5. */
  mos: number | null;
  /** SIP response code of the INVITE. */
  sipResultCode: number | null;
  /** Audio round-trip time figures (milliseconds). */
  rttAvg: number | null;
  rttMin: number | null;
  rttMax: number | null;
  /** Outbound audio jitter figures (milliseconds). */
  jitterAvg: number | null;
  jitterMin: number | null;
  jitterMax: number | null;
  /** Outbound audio packets lost. */
  packetsLost: number | null;
}

/** A provider field's value: JSON scalars only, so that a Call stays plain JSON. */
export type ProviderFieldValue = string | number | boolean | null;

/** Provider-only fields of a Call, by provider: `{ twilio: { queueTime: 1000, trunkSid: null } }`. */
export type ProviderFields = { readonly [P in Provider]?: Readonly<Record<string, ProviderFieldValue>> };

/** The key under which a Call keeps the raw record it was read from (not serialized by JSON.stringify). */
export const RAW: unique symbol = Symbol.for('callbridge.raw');

/** A Call together with the raw record it was read from. */
export type CallWithRaw = Call & { [RAW]?: unknown };

/** The untouched raw record a Call was read from, or undefined for a Call built by hand. */
export function rawRecord(call: Call): unknown {
  return (call as CallWithRaw)[RAW];
}
