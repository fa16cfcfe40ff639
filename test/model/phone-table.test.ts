import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhoneTable, e164Key } from '../../src/model/phone-table.js';

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

describe('PhoneTable', () => {
  it('answers like a Map under any sequence of sets, gets and clears', () => {
    const key = fc.integer({ min: 10, max: 999_999_999_999_999 });
    const op = fc.oneof(
      fc.tuple(fc.constant('set' as const), key, fc.string()),
      fc.tuple(fc.constant('get' as const), key, fc.constant('')),
      fc.tuple(fc.constant('clear' as const), fc.constant(0), fc.constant('')),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const table = new PhoneTable<string>(1024);
        const model = new Map<number, string>();
        for (const [name, k, value] of ops) {
          if (name === 'set') {
            table.set(k, value);
            model.set(k, value);
          } else if (name === 'clear') {
            table.clear();
            model.clear();
          }
          expect(table.get(k)).toBe(model.get(k));
          expect(table.size).toBe(model.size);
        }
        for (const [k, value] of model) expect(table.get(k)).toBe(value);
      }),
    );
  });

  it('keeps keys that collide apart', () => {
    // A table of 4 slots: most of these keys share a slot with another.
    const table = new PhoneTable<number>(4);
    for (const k of [11, 12, 13]) table.set(k, k * 2);
    for (const k of [11, 12, 13]) expect(table.get(k)).toBe(k * 2);
    expect(table.get(14)).toBeUndefined();
  });
});
