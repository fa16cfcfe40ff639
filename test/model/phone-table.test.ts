import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhoneCache, e164Key } from '../../src/model/phone-table.js';

const E164_LIKE = /^\+[1-9]\d{1,14}$/;
const e164 = fc.stringMatching(/^\+[1-9]\d{1,14}$/);
// Near misses: E.164 numbers with a character swapped, dropped or added.
const nearE164 = fc
  .tuple(e164, fc.nat(17), fc.constantFrom('', '0', '9', '+', ' ', 'a', '/', ':', '-', '١'))
  .map(([text, at, c]) => text.slice(0, at) + c + text.slice(at + 1));

describe('e164Key', () => {
  it('is non-zero exactly for E.164 text, and gives the text back', () => {
    fc.assert(
      fc.property(fc.oneof(e164, nearE164, fc.string()), (text) => {
        const key = e164Key(text);
        expect(key !== 0).toBe(E164_LIKE.test(text));
        if (key !== 0) expect(`+${key}`).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads the longest numbers exactly', () => {
    expect(e164Key('+999999999999999')).toBe(999_999_999_999_999);
    expect(e164Key('+1000000000000000')).toBe(0);
    expect(e164Key('+10')).toBe(10);
    expect(e164Key('+1')).toBe(0);
  });
});

describe('PhoneCache', () => {
  it('gives back only what was last set under the same key, whatever the sequence of sets and gets', () => {
    const key = fc.integer({ min: 10, max: 999_999_999_999_999 });
    const op = fc.oneof(fc.tuple(fc.constant('set' as const), key, fc.string()), fc.tuple(fc.constant('get' as const), key, fc.constant('')));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        // 16 slots: many keys share one.
        const cache = new PhoneCache<string>(16);
        const model = new Map<number, string>();
        for (const [name, k, value] of ops) {
          if (name === 'set') {
            cache.set(k, value);
            model.set(k, value);
          }
          const found = cache.get(k);
          // Missing is allowed (the slot was taken since); another key's value never is.
          if (found !== undefined) expect(found).toBe(model.get(k));
          if (name === 'set') expect(found).toBe(value);
        }
      }),
    );
  });

  it('keeps a key until another key takes its slot', () => {
    const cache = new PhoneCache<number>(4096);
    for (let k = 10; k < 30; k++) cache.set(k, k * 2);
    let kept = 0;
    for (let k = 10; k < 30; k++) if (cache.get(k) === k * 2) kept++;
    // 20 keys in 4096 slots: nearly all keep their own slot.
    expect(kept).toBeGreaterThanOrEqual(18);
    expect(cache.get(31)).toBeUndefined();
  });
});
