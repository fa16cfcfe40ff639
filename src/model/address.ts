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

interface PhoneFacts {
  e164: string | null;
  country: string | null;
  national: string | null;
}

// Call data repeats the same numbers over and over; parsing one is costly.
const PHONE_CACHE = new Map<string, PhoneFacts>();
const PHONE_CACHE_LIMIT = 50_000;
const NO_FACTS: PhoneFacts = { e164: null, country: null, national: null };

function phoneFacts(value: string): PhoneFacts {
  let facts = PHONE_CACHE.get(value);
  if (facts !== undefined) return facts;
  const parsed = parsePhoneNumberFromString(value);
  facts = parsed === undefined
    ? NO_FACTS
    : { e164: parsed.number, country: parsed.country ?? null, national: parsed.formatNational() };
  if (PHONE_CACHE.size >= PHONE_CACHE_LIMIT) PHONE_CACHE.clear();
  PHONE_CACHE.set(value, facts);
  return facts;
}

const E164_LIKE = /^\+[1-9]\d{1,14}$/;

/** Classifies an address as sent by a provider. Never throws; unknown shapes are `other`. */
export function readAddress(value: string): Address {
  if (E164_LIKE.test(value)) {
    const facts = phoneFacts(value);
    return { kind: 'phone', value, e164: facts.e164, country: facts.country, national: facts.national };
  }
  const lower = value.slice(0, 7).toLowerCase();
  if (lower.startsWith('sip:') || lower.startsWith('sips:')) {
    return { kind: 'sip', value, e164: null, country: null, national: null };
  }
  if (lower.startsWith('client:')) return { kind: 'client', value, e164: null, country: null, national: null };
  return { kind: 'other', value, e164: null, country: null, national: null };
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
