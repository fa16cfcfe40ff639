import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** What kind of endpoint an address names. */
export type AddressKind = 'phone' | 'sip' | 'client' | 'other';

/**
 * A call endpoint (`to`, `from`, `forwarded_from`). `value` is exactly what the
 * provider sent; phone numbers are also described by libphonenumber-js.
 */
export interface Address {
  kind: AddressKind;
  /** The address verbatim. */
  value: string;
  /** E.164 form of a phone number, null for other kinds or an unparseable number. */
  e164: string | null;
  /** ISO 3166-1 alpha-2 country of a phone number, when it has one. */
  country: string | null;
  /** The number formatted for display in its own country (`(310) 567-8901`). */
  national: string | null;
}

function describe(value: string): Address {
  if (E164_LIKE.test(value)) {
    const parsed = parsePhoneNumberFromString(value);
    return parsed === undefined
      ? { kind: 'phone', value, e164: null, country: null, national: null }
      : { kind: 'phone', value, e164: parsed.number, country: parsed.country ?? null, national: parsed.formatNational() };
  }
  const lower = value.slice(0, 7).toLowerCase();
  const kind: AddressKind = lower.startsWith('sip:') || lower.startsWith('sips:') ? 'sip' : lower.startsWith('client:') ? 'client' : 'other';
  return { kind, value, e164: null, country: null, national: null };
}

const E164_LIKE = /^\+[1-9]\d{1,14}$/;

// Call data repeats the same few thousand addresses, and describing a phone
// number is the costliest step of normalization: each address is described
// once and shared, frozen, by every call that has it. Two generations keep
// the recently used ones (about LRU) within a fixed memory bound.
const GENERATION_SIZE = 25_000;
let recent = new Map<string, Address>();
let older = new Map<string, Address>();
let lastValue: string | undefined;
let lastAddress: Address | undefined;

/**
 * Classifies an address as sent by a provider, with libphonenumber-js facts
 * for phone numbers. Never throws; unknown shapes are `other`. The result is
 * frozen and may be shared between calls.
 */
export function readAddress(value: string): Address {
  // Consecutive calls often share an address (the account's own number).
  if (value === lastValue) return lastAddress!;
  let address = recent.get(value);
  if (address !== undefined) {
    lastValue = value;
    lastAddress = address;
    return address;
  }
  address = older.get(value) ?? Object.freeze(describe(value));
  if (recent.size >= GENERATION_SIZE) {
    older = recent;
    recent = new Map();
  }
  recent.set(value, address);
  lastValue = value;
  lastAddress = address;
  return address;
}

/**
 * Turns an address as a person types it into what a provider filter expects:
 * `sip:`/`client:`/`sim:` addresses pass through; phone numbers in any common
 * notation (`(310) 567-8901`, `+1 310 567 8901`) become E.164, reading national
 * numbers in `defaultCountry`. Returns null when a phone number cannot be read.
 */
export function phoneFilterValue(input: string, defaultCountry: string): string | null {
  const text = input.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return text;
  const parsed = parsePhoneNumberFromString(text, defaultCountry.toUpperCase() as CountryCode);
  return parsed?.isPossible() ? parsed.number : null;
}
