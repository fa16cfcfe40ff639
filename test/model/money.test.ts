import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal, decimalFromNumber, isDecimal, negateDecimal, sameDecimal } from '../../src/model/money.js';

describe('negateDecimal', () => {
  it('flips the sign and keeps the digits verbatim', () => {
    expect(negateDecimal('-0.01750')).toBe('0.01750');
    expect(negateDecimal('0.01750')).toBe('-0.01750');
    expect(negateDecimal('+1.5')).toBe('-1.5');
    expect(negateDecimal('12')).toBe('-12');
  });

  it('writes zero without a sign', () => {
    expect(negateDecimal('-0.00')).toBe('0.00');
    expect(negateDecimal('0.00')).toBe('0.00');
    expect(negateDecimal('0')).toBe('0');
  });

  it('is its own inverse on non-zero amounts', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,6}\.\d{1,6}$/), (text) => {
        fc.pre(/[1-9]/.test(text));
        expect(negateDecimal(negateDecimal(text))).toBe(text);
      }),
    );
  });
});

describe('canonicalDecimal', () => {
  it('drops a leading plus and the sign of zero, and keeps the rest', () => {
    expect(canonicalDecimal('+0.5')).toBe('0.5');
    expect(canonicalDecimal('-0')).toBe('0');
    expect(canonicalDecimal('-0.000')).toBe('0.000');
    expect(canonicalDecimal('-0.00500')).toBe('-0.00500');
    expect(canonicalDecimal('0.003')).toBe('0.003');
  });
});

describe('decimalFromNumber', () => {
  it('writes numbers as JavaScript prints them', () => {
    expect(decimalFromNumber(0.003)).toBe('0.003');
    expect(decimalFromNumber(-0.005)).toBe('-0.005');
    expect(decimalFromNumber(12)).toBe('12');
  });

  it('never writes an exponent, and keeps every digit JavaScript printed', () => {
    expect(decimalFromNumber(1.5e-7)).toBe('0.00000015');
    expect(decimalFromNumber(-1e-7)).toBe('-0.0000001');
    expect(decimalFromNumber(3.3333333333333335e-7)).toBe('0.00000033333333333333335');
    expect(decimalFromNumber(1.23e-25)).toBe('0.000000000000000000000000123');
    expect(decimalFromNumber(1e21)).toBe('1000000000000000000000');
    expect(decimalFromNumber(-1.5e22)).toBe('-15000000000000000000000');
  });

  it('reads back as the same number, with no exponent, on either side of where JavaScript starts printing one', () => {
    const near = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(1e-6, 9.999999999999999e-7, 1e21, 9.999999999999998e20, 0, -0).chain((edge) => fc.constantFrom(edge, -edge)),
    );
    fc.assert(
      fc.property(near, (value) => {
        const text = decimalFromNumber(value);
        expect(text).not.toMatch(/e/i);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 5000 },
    );
  });

  it('always gives a decimal that reads back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = decimalFromNumber(value);
        expect(text).not.toMatch(/e/i);
        expect(isDecimal(text)).toBe(true);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isDecimal', () => {
  it('accepts plain decimals only', () => {
    for (const ok of ['-0.01750', '3', '.5', '+1.0', '0.']) expect(isDecimal(ok)).toBe(true);
    for (const bad of ['', '-', '1e5', '0x10', '1,5', 'NaN', ' 1']) expect(isDecimal(bad)).toBe(false);
  });
});

describe('sameDecimal', () => {
  it('compares amounts, not digits', () => {
    expect(sameDecimal('0.07000', '0.07')).toBe(true);
    expect(sameDecimal('-0.0175', '-0.01750')).toBe(true);
    expect(sameDecimal('10', '10.000')).toBe(true);
    expect(sameDecimal('0.00', '0')).toBe(true);
    expect(sameDecimal('-0.00', '0')).toBe(true);
    expect(sameDecimal('.5', '0.50')).toBe(true);
    expect(sameDecimal('100', '10')).toBe(false);
    expect(sameDecimal('0.07', '-0.07')).toBe(false);
    expect(sameDecimal('1.07', '0.07')).toBe(false);
    expect(sameDecimal(null, null)).toBe(true);
    expect(sameDecimal('0', null)).toBe(false);
  });
});
