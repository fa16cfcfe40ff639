/**
 * Measured process: the phone plans' shortcut (src/model/phone-plans.ts)
 * against libphonenumber-js itself on many more random numbers than the test
 * suite's million: every number the shortcut answers must get the same E.164
 * form, country and national form from `parsePhoneNumberFromString`. The
 * numbers are the suite's generator (test/model/random-e164.ts), on seeds the
 * suite does not use; a quarter of the batches draw only from the calling
 * codes that several territories share.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { phoneCountry, phoneNational } from '../../src/model/phone-plans.js';
import { randomE164 } from '../../test/model/random-e164.js';
import { now, params, runWorker } from '../lib/worker.js';

export interface PhoneEquivalenceParams {
  numbers: number;
  seed: number;
}

export interface PhoneEquivalenceResult {
  /** Random numbers generated and checked. */
  numbers: number;
  /** Of those, the numbers the shortcut answered (the others go to libphonenumber-js anyway). */
  shortcut: number;
  /** The first disagreements found (at most 20), as text. */
  mismatches: string[];
  mismatchCount: number;
  wallMs: number;
}

const BATCH = 100_000;

runWorker(async (): Promise<PhoneEquivalenceResult> => {
  const p = params<PhoneEquivalenceParams>();
  const start = now();
  let checked = 0;
  let shortcut = 0;
  let mismatchCount = 0;
  const mismatches: string[] = [];
  for (let batch = 0; checked < p.numbers; batch += 1) {
    const numbers = randomE164(p.seed * 1000 + batch, Math.min(BATCH, p.numbers - checked), batch % 4 === 3);
    for (const value of numbers) {
      const country = phoneCountry(value);
      if (country === undefined) continue;
      shortcut += 1;
      const national = phoneNational(value);
      const parsed = parsePhoneNumberFromString(value);
      if (parsed === undefined || parsed.number !== value || (parsed.country ?? null) !== country || parsed.formatNational() !== national) {
        mismatchCount += 1;
        if (mismatches.length < 20) mismatches.push(`${value}: ${country} ${national} vs ${parsed?.number} ${parsed?.country} ${parsed?.formatNational()}`);
      }
    }
    checked += numbers.length;
  }
  return { numbers: checked, shortcut, mismatches, mismatchCount, wallMs: now() - start };
});
