import { describe, expect, it } from 'vitest';
import { chargeReader } from '../../src/dialects/common/field-entries.js';
import { MalformedRecordError } from '../../src/model/errors/malformed-record-error.js';

describe('chargeReader', () => {
  it('reads every price text the same way each time, past the number of texts it remembers', () => {
    const negative = chargeReader(-1);
    const positive = chargeReader(1);
    // 3,000 texts, read three times over: more than the reader remembers.
    const texts = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? `-${i / 1000}` : i % 3 === 1 ? ` ${i}.50 ` : `+0.${String(i).padStart(5, '0')}`));
    const first = texts.map((t) => [negative(t, 'price', 'CA1'), positive(t, 'price', 'CA1')]);
    for (let round = 0; round < 2; round++) expect(texts.map((t) => [negative(t, 'price', 'CA1'), positive(t, 'price', 'CA1')])).toEqual(first);
    expect(first.slice(0, 3)).toEqual([['0', '0'], ['-1.50', '1.50'], ['-0.00002', '0.00002']]);
    expect([negative('-0.01750', 'price', 'CA1'), negative('-0.01750', 'price', 'CA1'), positive('0.003', 'price', 'x')]).toEqual(['0.01750', '0.01750', '0.003']);
    expect([negative('', 'price', 'CA1'), negative('  ', 'price', 'CA1'), negative(0.5, 'price', 'CA1')]).toEqual([null, null, '-0.5']);
  });

  it('reads every JSON number the same way each time, past the number it remembers, apart from texts', () => {
    const negative = chargeReader(-1);
    const positive = chargeReader(1);
    const numbers = Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? i / 1000 : -i * 1e-9));
    const first = numbers.map((n) => [negative(n, 'price', 'x'), positive(n, 'price', 'x')]);
    for (let round = 0; round < 2; round++) expect(numbers.map((n) => [negative(n, 'price', 'x'), positive(n, 'price', 'x')])).toEqual(first);
    expect(first.slice(0, 2)).toEqual([['0', '0'], ['0.000000001', '-0.000000001']]);
    expect([positive(-0, 'price', 'x'), positive(0, 'price', 'x'), positive(1e-7, 'price', 'x'), positive(1e21, 'price', 'x')]).toEqual(['0', '0', '0.0000001', '1000000000000000000000']);
    // The text of a number remembered is read as text, not as that number.
    expect(() => positive('1e-7', 'price', 'x')).toThrow(MalformedRecordError);
    for (let i = 0; i < 2; i++) expect(() => positive(Number.POSITIVE_INFINITY, 'price', 'x')).toThrow(MalformedRecordError);
  });

  it('refuses a text it cannot read every time it is read', () => {
    const read = chargeReader(-1);
    for (let i = 0; i < 3; i++) expect(() => read('about 3 cents', 'price', 'CA1')).toThrow(MalformedRecordError);
  });
});
