import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { PhoneCache, e164Key } from './phone-table.js';
import { phoneCountry, phoneNational } from './phone-plans.js';

/** What kind of endpoint an address names. */
export type AddressKind = 'phone' | 'sip' | 'client' | 'other';

/**
 * A call endpoint (`to`, `from`, `forwarded_from`). `value` is exactly what the
 * provider sent; phone numbers are also described by libphonenumber-js. The
 * national display form is computed on demand by {@link formatNational}.
 */
export interface Address {
  kind: AddressKind;
  /** The address verbatim. */
  value: string;
  /** E.164 form of a phone number, null for other kinds or an unparseable number. */
  e164: string | null;
  /** ISO 3166-1 alpha-2 country of a phone number, when it has one. */
  country: string | null;
}

/** Describes `value`, whose E.164 key (see {@link e164Key}) is `key`. */
function describe(value: string, key: number): Address {
  if (key !== 0) {
    // libphonenumber-js's own facts, from its metadata, by the shortcut where it applies.
    const country = phoneCountry(value);
    if (country !== undefined) return { kind: 'phone', value, e164: value, country };
    const parsed = parsePhoneNumberFromString(value);
    return { kind: 'phone', value, e164: parsed?.number ?? null, country: parsed?.country ?? null };
  }
  const lower = value.slice(0, 7).toLowerCase();
  const kind: AddressKind = lower.startsWith('sip:') || lower.startsWith('sips:') ? 'sip' : lower.startsWith('client:') ? 'client' : 'other';
  return { kind, value, e164: null, country: null };
}

/**
 * The national display form of a phone number (`(310) 567-8901`,
 * `030 55570123`), as libphonenumber-js's `formatNational()` gives it; null
 * for other addresses and numbers libphonenumber-js cannot parse.
 */
export function formatNational(address: Address): string | null {
  if (address.kind !== 'phone' || address.e164 === null) return null;
  return phoneNational(address.value) ?? parsePhoneNumberFromString(address.value)?.formatNational() ?? null;
}

// Call data repeats a few addresses (the account's own numbers) among many
// seen once (the other side of each call): each address is described once
// while it recurs and shared, frozen, by every call that has it. The caches
// are small and direct-mapped, so that a number seen for the first time costs
// one slot read to find missing (a larger cache of two generations, measured
// on first reads, cost more in lookups and turnover than it saved).
const phones = new PhoneCache<Address>(4096);
const others = new Map<string, Address>();
const OTHERS_LIMIT = 4096;
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
  const key = e164Key(value);
  let address = key === 0 ? others.get(value) : phones.get(key);
  if (address === undefined) {
    address = Object.freeze(describe(value, key));
    if (key !== 0) phones.set(key, address);
    else {
      if (others.size >= OTHERS_LIMIT) others.clear();
      others.set(value, address);
    }
  }
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
