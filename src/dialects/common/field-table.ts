import type { Call, CallQuality } from '../../model/call.js';
import type { Provider } from '../../model/provider.js';

/** A JSON type as a provider documents a field on the wire; `integer` is a number without a fraction. */
export type WireType = 'string' | 'integer' | 'number' | 'object';

/** The canonical fields a wire field may fill directly (`direction` and `answeredBy` follow from their details). */
export type CoreTarget = Exclude<keyof Call, 'provider' | 'direction' | 'answeredBy' | 'quality' | 'providerFields' | 'extra'>;

/**
 * Where a wire field goes in a Call: a canonical field, a figure of the
 * `quality` group, or a field of the dialect's own `providerFields` group
 * (`providerFields.queueTime` is `providerFields.<provider>.queueTime`).
 */
export type CallTarget = CoreTarget | `quality.${keyof CallQuality}` | `providerFields.${string}`;

/**
 * A lenient reader of one value (see lenient.ts): what the provider sent, the
 * wire key and the record's sid for errors; throws MalformedRecordError when
 * the value cannot be read at all.
 */
export type FieldReader = (value: unknown, field: string, record: string) => unknown;

/**
 * Writes one field of a Call in the dialect. `own` is true when the Call was
 * read in this dialect; `written` holds the fields written so far, in table order.
 */
export type FieldWriter = (call: Call, own: boolean, written: Readonly<Record<string, unknown>>) => unknown;

/** One documented field of a dialect's call record. */
export interface FieldEntry {
  /** The key on the wire. */
  readonly key: string;
  /** Its JSON type as the provider documents it; what callbridge writes has this type (or null). */
  readonly type: WireType;
  /** The Call field it fills. Several keys may fill one field: the first non-null, in table order, wins. */
  readonly to: CallTarget;
  /** Another key for a field some other entry fills (SignalWire's `formatted_to`): read only when that one is null. */
  readonly alias?: true;
  /** How it is read; unused for `sid` and `status`, which every record must have and are checked first. */
  readonly read: FieldReader;
  /** How it is written; by default the value at `to` in the documented type (see {@link encode}). */
  readonly write?: FieldWriter;
}

/**
 * Everything a dialect knows of its call record's fields, in the order it
 * writes them. Reading (read-call.ts), the keys kept out of `extra`, and
 * writing (write-call.ts) all derive from it.
 */
export interface FieldTable {
  readonly provider: Provider;
  readonly entries: readonly FieldEntry[];
  /** Every documented key. */
  readonly keys: ReadonlySet<string>;
  /** Each documented key's entry. */
  readonly byKey: ReadonlyMap<string, FieldEntry>;
}

/** A dialect's field table, checked: one entry per key. */
export function fieldTable(provider: Provider, entries: readonly FieldEntry[]): FieldTable {
  const byKey = new Map(entries.map((e) => [e.key, e]));
  if (byKey.size !== entries.length) throw new Error(`the ${provider} field table names a key twice`);
  return { provider, entries, keys: new Set(byKey.keys()), byKey };
}

/** The value of a Call at a target, null when absent. */
export function valueAt(call: Call, to: CallTarget, provider: Provider): unknown {
  if (to.startsWith('quality.')) return call.quality?.[to.slice(8) as keyof CallQuality] ?? null;
  if (to.startsWith('providerFields.')) return call.providerFields[provider]?.[to.slice(15)] ?? null;
  return call[to as CoreTarget];
}

/**
 * A canonical value in a documented wire type: text for `string` (an address
 * as its value), a rounded whole number for `integer` (SignalWire documents
 * its audio figures as integers; a fraction read from drift is rounded), a
 * number for `number`.
 */
export function encode(type: WireType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      if (typeof value === 'object') return (value as { value: string }).value;
      return typeof value === 'string' ? value : String(value);
    case 'integer':
      return Math.round(Number(value));
    case 'number':
      return Number(value);
    case 'object':
      return value;
  }
}
