import { describe, expect, it } from 'vitest';
import { formatNational, phoneFilterValue, readAddress } from '../../src/model/address.js';

describe('readAddress', () => {
  it('reads E.164 numbers as phones with their country', () => {
    expect(readAddress('+13105678901')).toEqual({ kind: 'phone', value: '+13105678901', e164: '+13105678901', country: 'US' });
    expect(readAddress('+442071838750')).toMatchObject({ kind: 'phone', e164: '+442071838750', country: 'GB' });
  });

  it('classifies sip: and client: addresses, whatever their case', () => {
    expect(readAddress('sip:frontdesk@pbx.example.com')).toEqual({
      kind: 'sip', value: 'sip:frontdesk@pbx.example.com', e164: null, country: null,
    });
    expect(readAddress('SIPS:alice@example.com').kind).toBe('sip');
    expect(readAddress('client:reception-7')).toMatchObject({ kind: 'client', value: 'client:reception-7', e164: null });
  });

  it('keeps anything else verbatim as other, never guessing a number', () => {
    for (const value of ['13105678901', '(310) 567-8901', 'sim:DEadbeef', 'frontdesk@pbx.example.com', 'anonymous', '']) {
      expect(readAddress(value)).toEqual({ kind: 'other', value, e164: null, country: null });
    }
  });

  it('describes each address once and shares it, frozen, while it is in use', () => {
    const first = readAddress('+14155550123');
    readAddress('sip:other@example.com');
    expect(readAddress(`+1415555${'0123'}`)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('stays right past its memory bound: every number read as itself', () => {
    // 60,000 distinct numbers and addresses overflow the caches many times over.
    const values = Array.from({ length: 60_000 }, (_, i) => (i % 10 === 0 ? `sip:agent${i}@example.com` : `+1415${String(i).padStart(7, '0')}`));
    for (const value of values) expect(readAddress(value).value).toBe(value);
    for (const value of values.slice(0, 1000)) {
      const address = readAddress(value);
      expect(address.value).toBe(value);
      expect(address.kind).toBe(value.startsWith('sip:') ? 'sip' : 'phone');
    }
    expect(formatNational(readAddress('+14155550123'))).toBe('(415) 555-0123');
  });

  it('reads an E.164-shaped number no country has as a phone without facts', () => {
    expect(readAddress('+999123')).toMatchObject({ kind: 'phone', value: '+999123', country: null });
  });
});

describe('formatNational', () => {
  it('gives the national display form of a phone number, null for other addresses', () => {
    expect(formatNational(readAddress('+13105678901'))).toBe('(310) 567-8901');
    expect(formatNational(readAddress('+4930555701234'))).toBe('030 555701234');
    expect(formatNational(readAddress('sip:frontdesk@pbx.example.com'))).toBeNull();
    expect(formatNational(readAddress('+999123'))).toBeNull();
  });

  it('asks libphonenumber-js itself where the shortcut does not apply', () => {
    // A national prefix after the calling code, and a non-geographic calling code.
    expect(formatNational(readAddress('+4402071838750'))).toBe('020 7183 8750');
    expect(formatNational(readAddress('+80012345678'))).toBe('1234 5678');
  });
});

describe('phoneFilterValue', () => {
  it('turns numbers as people type them into E.164', () => {
    expect(phoneFilterValue('(310) 567-8901', 'US')).toBe('+13105678901');
    expect(phoneFilterValue(' 310.567.8901 ', 'us')).toBe('+13105678901');
    expect(phoneFilterValue('+1 310 567 8901', 'GB')).toBe('+13105678901');
    expect(phoneFilterValue('020 7183 8750', 'GB')).toBe('+442071838750');
  });

  it('passes sip:, client: and sim: addresses through', () => {
    expect(phoneFilterValue('sip:alice@example.com', 'US')).toBe('sip:alice@example.com');
    expect(phoneFilterValue('client:bob', 'US')).toBe('client:bob');
    expect(phoneFilterValue('sim:DEadbeef', 'US')).toBe('sim:DEadbeef');
  });

  it('returns null for what is not a possible phone number', () => {
    expect(phoneFilterValue('call me maybe', 'US')).toBeNull();
    expect(phoneFilterValue('12', 'US')).toBeNull();
  });
});
