/**
 * Turns a record into flat text cells for CSV and tables: null and absent are
 * empty, objects and arrays are JSON (never `[object Object]`), an address is its value.
 */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && !Array.isArray(value) && 'kind' in value && 'value' in value) return String(value.value);
  return JSON.stringify(value);
}
