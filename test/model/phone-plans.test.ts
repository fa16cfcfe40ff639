import { parsePhoneNumberFromString } from 'libphonenumber-js';
import metadata from 'libphonenumber-js/metadata.min.json';
import { describe, expect, it } from 'vitest';
import { formatNational, readAddress } from '../../src/model/address.js';
import { phoneCountry, phoneNational } from '../../src/model/phone-plans.js';
import { randomE164 } from './random-e164.js';

/** libphonenumber-js's own answer for `value`. */
function reference(value: string) {
  const parsed = parsePhoneNumberFromString(value);
  return parsed === undefined ? undefined : { e164: parsed.number, country: parsed.country ?? null, national: parsed.formatNational() };
}

const SHARED = Object.entries((metadata as unknown as { country_calling_codes: Record<string, string[]> }).country_calling_codes).filter(
  ([, countries]) => countries.length > 1,
);

describe('phone plans: the shortcut from E.164 to country and national form', () => {
  // 1,000,000 numbers in four parts, so that no part nears the test timeout on a loaded machine.
  for (const part of [1, 2, 3, 4]) {
    it(`agrees with libphonenumber-js on random numbers of every calling code (${part * 250_000} of 1,000,000)`, () => {
      const numbers = randomE164(20_241_123 + part, 250_000);
      let shortcut = 0;
      const mismatches: string[] = [];
      for (const value of numbers) {
        const country = phoneCountry(value);
        if (country === undefined) continue;
        shortcut += 1;
        const expected = reference(value);
        const national = phoneNational(value);
        if (expected === undefined || expected.e164 !== value || expected.country !== country || expected.national !== national) {
          if (mismatches.length < 20) mismatches.push(`${value}: ${country} ${national} vs ${JSON.stringify(expected)}`);
        }
      }
      expect(mismatches).toEqual([]);
      // Most numbers take the shortcut; the rest are libphonenumber-js's own answers.
      expect(shortcut).toBeGreaterThan(numbers.length / 2);
    });
  }

  it('tells apart the territories of the shared calling codes as libphonenumber-js does', () => {
    const numbers = randomE164(7, 100_000, true);
    const seen = new Set<string | null>();
    const seenByReference = new Set<string | null>();
    for (const value of numbers) {
      const country = phoneCountry(value);
      if (country === undefined) continue;
      seen.add(country);
      seenByReference.add(reference(value)?.country ?? null);
    }
    expect([...seen].sort()).toEqual([...seenByReference].sort());
    // Every territory the issue names, and all of NANP that libphonenumber-js can tell apart.
    const named = ['KZ', 'GG', 'JE', 'IM', 'VA', 'SJ', 'CX', 'CC', 'YT', 'RE', 'GP', 'BL', 'MF', 'CW', 'BQ', 'AX', 'TA'];
    for (const country of [...named, ...SHARED.find(([code]) => code === '1')![1]]) expect(seen, country).toContain(country);
  });

  it('falls back to libphonenumber-js where it does not apply, and readAddress gives its facts either way', () => {
    // National prefix after the calling code, non-geographic code, unknown code, short national part.
    for (const value of ['+4402071838750', '+80012345678', '+999123', '+12', '+3912', '+11234567890', '+79123456789']) {
      const expected = reference(value);
      const address = readAddress(value);
      expect(address).toEqual({ kind: 'phone', value, e164: expected?.e164 ?? null, country: expected?.country ?? null });
      expect(formatNational(address)).toBe(expected?.national ?? null);
    }
    expect(phoneCountry('+4402071838750')).toBeUndefined();
    expect(phoneCountry('+80012345678')).toBeUndefined();
  });

  it('knows the territories of the shared calling codes', () => {
    const cases: Array<[string, string]> = [
      ['+14165550123', 'CA'], ['+12684601234', 'AG'], ['+17875551234', 'PR'], ['+14415551234', 'BM'],
      ['+77011234567', 'KZ'], ['+79123456789', 'RU'], ['+447781123456', 'GG'], ['+447797123456', 'JE'],
      ['+447624123456', 'IM'], ['+390669812345', 'VA'], ['+4779123456', 'SJ'], ['+61891621234', 'CC'],
      ['+61891641234', 'CX'], ['+262269612345', 'YT'], ['+590590271234', 'BL'], ['+5997001234', 'BQ'],
    ];
    for (const [value, country] of cases) {
      expect(reference(value)?.country, value).toBe(country);
      expect(readAddress(value).country, value).toBe(country);
    }
  });
});
