import { MalformedRecordError } from '../../model/errors/malformed-record-error.js';
import { decimalFromNumber, isDecimal } from '../../model/money.js';
import { providerTimeToIso } from '../../model/time.js';

/**
 * Lenient readers for what providers send. Live responses drift from the docs:
 * numbers arrive as strings and strings as numbers, fields go missing. Each
 * reader coerces what is unambiguous, reads absent, empty or blank as null, and throws
 * {@link MalformedRecordError} (naming the record and the field) only when a
 * value cannot be read at all. They take the value rather than the record and
 * a key, so that each field is read with a plain property access at its call site.
 */

function fail(record: string, field: string, reason: string, value: unknown): never {
  throw new MalformedRecordError(record, field, reason, value);
}

/**
 * Spaces only: no value, like an empty string. Asked only once a value failed
 * to read, so that well-formed values pay nothing for it.
 */
const isBlank = (value: unknown) => typeof value === 'string' && value.trim() === '';

/** A text field; numbers and booleans are written as text. */
export function readText(value: unknown, field: string, record: string): string | null {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(record, field, 'is not text', value);
}

/** An RFC 2822 time (ISO 8601 tolerated), as a canonical UTC ISO string. */
export function readTime(value: unknown, field: string, record: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') return fail(record, field, 'is not a date string', value);
  const iso = providerTimeToIso(value);
  if (iso !== null) return iso;
  return isBlank(value) ? null : fail(record, field, `is not a valid RFC 2822 date: "${value}"`, value);
}

/** A whole number sent as a number or as digits. */
export function readInteger(value: unknown, field: string, record: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? integerOf(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) return isBlank(value) ? null : fail(record, field, 'is not a whole number', value);
  return n;
}

/** The value of digits (Twilio's `"61"`), or of a whole number with drift (`" -4 "`, `"61.0"`); NaN otherwise. */
function integerOf(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return /^\s*-?\d+(?:\.0*)?\s*$/.test(text) ? Number(text) : Number.NaN;
    n = n * 10 + c;
  }
  return n;
}

/** A whole number that cannot be negative (a duration, a wait). */
export function readCount(value: unknown, field: string, record: string): number | null {
  const n = readInteger(value, field, record);
  return n !== null && n < 0 ? fail(record, field, 'is negative', value) : n;
}

/** Any finite number, sent as a number or as a decimal string. */
export function readNumber(value: unknown, field: string, record: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' && isDecimal(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) return isBlank(value) ? null : fail(record, field, 'is not a number', value);
  return n;
}

/** A decimal amount sent as a string or a number, returned as a decimal string with the digits sent. */
export function readDecimal(value: unknown, field: string, record: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return decimalFromNumber(value);
  if (typeof value === 'string') {
    // Trimmed only when it has to be: prices are read for every record.
    if (isDecimal(value)) return value;
    const trimmed = value.trim();
    if (isDecimal(trimmed)) return trimmed;
    if (trimmed === '') return null;
  }
  return fail(record, field, 'is not a decimal amount', value);
}

/**
 * A map of names to URIs, kept as sent (a null URI too: SignalWire's published
 * sample has `"notifications": null`). Its entries are not read: a stray entry
 * is no reason to refuse a call, and the type of each of a record's nine or so
 * URIs, read in every record, cost a tenth of normalizing it. Writers write the
 * entries that are not text as null (write-call.ts).
 */
export function readUriMap(value: unknown, field: string, record: string): Record<string, unknown> | null {
  if (value === undefined || value === null || isBlank(value)) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return fail(record, field, 'is not an object of URIs', value);
  return value as Record<string, unknown>;
}
