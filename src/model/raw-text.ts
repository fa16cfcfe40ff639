import { type Call, rawRecord } from './call.js';

// Records whose text the client kept, weakly: an entry lives as long as its record.
const texts = new WeakMap<object, string>();

/** Remembers `text` as the JSON text `record` was parsed from, exactly as the provider sent it. */
export function keepRawText(record: object, text: string): void {
  texts.set(record, text);
}

/**
 * The text of a Call's raw record exactly as the provider wrote it (numbers,
 * key order and spacing as sent), when the call was listed with
 * `rawText: true` from a Twilio or SignalWire page; undefined otherwise.
 *
 * @example
 * for await (const call of client.calls.iterate({}, { rawText: true })) console.log(rawRecordText(call));
 */
export function rawRecordText(call: Call): string | undefined {
  return keptText(rawRecord(call));
}

/**
 * A raw record (see `rawRecord`) as JSON text: the provider's own text when
 * the client kept it (numbers, key order and spacing as sent), else the
 * record serialized; null for none.
 */
export function rawRecordJson(record: unknown): string | null {
  if (record === null || record === undefined) return null;
  return keptText(record) ?? JSON.stringify(record);
}

/** The text kept for a raw record, if any. */
function keptText(record: unknown): string | undefined {
  return typeof record === 'object' && record !== null ? texts.get(record) : undefined;
}
