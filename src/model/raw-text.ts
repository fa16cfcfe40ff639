// Records whose text the client kept, weakly: an entry lives as long as its record.
const texts = new WeakMap<object, string>();

/** Remembers `text` as the JSON text `record` was parsed from, exactly as the provider sent it. */
export function keepRawText(record: object, text: string): void {
  texts.set(record, text);
}

/**
 * A raw record (see `rawRecord`) as JSON text: the provider's own text when
 * the client kept it (numbers, key order and spacing as sent), else the
 * record serialized; null for none.
 */
export function rawRecordJson(record: unknown): string | null {
  if (record === null || record === undefined) return null;
  return (typeof record === 'object' ? texts.get(record) : undefined) ?? JSON.stringify(record);
}
