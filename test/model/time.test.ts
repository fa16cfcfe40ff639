import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatIso, formatRfc2822, parseIsoInstant, parseProviderTime, parseRfc2822, providerTimeToIso } from '../../src/model/time.js';

const iso = (text: string) => formatIso(parseRfc2822(text));

describe('parseRfc2822', () => {
  it('reads the providers\' form', () => {
    expect(iso('Fri, 18 Oct 2019 17:02:00 +0000')).toBe('2019-10-18T17:02:00Z');
  });

  it('reads Sept, long day names, GMT and numeric zones', () => {
    expect(iso('Wed, 19 Sept 2018 20:00:00 +0000')).toBe('2018-09-19T20:00:00Z');
    expect(iso('Thur, 20 Sept 2018 10:00:00 +0000')).toBe('2018-09-20T10:00:00Z');
    expect(iso('Tue, 05 Mar 2024 08:00:00 GMT')).toBe('2024-03-05T08:00:00Z');
    expect(iso('Tue, 05 Mar 2024 08:00:00 -0500')).toBe('2024-03-05T13:00:00Z');
    expect(iso('Tue, 05 Mar 2024 08:00:00 +05:30')).toBe('2024-03-05T02:30:00Z');
    expect(iso('5 Mar 2024 08:00 EST')).toBe('2024-03-05T13:00:00Z');
    expect(iso('Wed, 19 September 2018 20:00:00 +0000')).toBe('2018-09-19T20:00:00Z');
    expect(providerTimeToIso('Tue, 05 mar 2024 14:00:02 +0000')).toBe('2024-03-05T14:00:02Z');
    expect(providerTimeToIso('Wed, 19-Sep-2018 20:00:00 +0000')).toBe('2018-09-19T20:00:00Z');
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(parseRfc2822('Mon, 31 Sep 2018 10:00:00 +0000')).toBeNaN();
    expect(parseRfc2822('Thu, 29 Feb 2019 10:00:00 +0000')).toBeNaN();
    expect(parseRfc2822('Thu, 01 Feb 2019 24:00:00 +0000')).toBeNaN();
    expect(parseRfc2822('Thu, 01 Foo 2019 10:00:00 +0000')).toBeNaN();
    expect(parseRfc2822('not a date')).toBeNaN();
  });

  it('accepts leap days', () => {
    expect(iso('Thu, 29 Feb 2024 10:00:00 +0000')).toBe('2024-02-29T10:00:00Z');
  });
});

describe('formatRfc2822', () => {
  it('writes what it reads', () => {
    const text = 'Fri, 18 Oct 2019 17:02:00 +0000';
    expect(formatRfc2822(parseRfc2822(text))).toBe(text);
  });
});

describe('parseIsoInstant', () => {
  it('needs a zone and a real date', () => {
    expect(formatIso(parseIsoInstant('2024-03-05T13:00:00Z'))).toBe('2024-03-05T13:00:00Z');
    expect(formatIso(parseIsoInstant('2024-03-05T14:00:00+01:00'))).toBe('2024-03-05T13:00:00Z');
    expect(parseIsoInstant('2024-03-05T13:00:00')).toBeNaN();
    expect(parseIsoInstant('2024-02-30T13:00:00Z')).toBeNaN();
  });

  it('keeps fractions of a second to the millisecond', () => {
    expect(parseIsoInstant('2024-03-05T13:00:00.250Z')).toBe(Date.UTC(2024, 2, 5, 13, 0, 0, 250));
    expect(parseIsoInstant('2024-03-05T14:00:00.5+01:00')).toBe(Date.UTC(2024, 2, 5, 13, 0, 0, 500));
    expect(parseIsoInstant('2024-03-05T13:00:00.123456Z')).toBe(Date.UTC(2024, 2, 5, 13, 0, 0, 123));
    // Canonical instants stay whole seconds.
    expect(formatIso(parseIsoInstant('2024-03-05T13:00:00.999Z'))).toBe('2024-03-05T13:00:00Z');
  });
});

describe('providerTimeToIso', () => {
  it('agrees with the general parser on the providers\' exact shape, and rejects what it rejects', () => {
    for (const text of [
      'Fri, 18 Oct 2019 17:02:00 +0000',
      'Thu, 29 Feb 2024 23:59:59 +0000',
      'Mon, 31 Sep 2018 10:00:00 +0000',
      'Thu, 29 Feb 2019 10:00:00 +0000',
      'Thu, 01 Feb 2019 24:00:00 +0000',
      'Thu, 01 Feb 2019 10:60:00 +0000',
      'Thu, 01 Feb 2019 10:00:60 +0000',
      'Thu, 01 Xyz 2019 10:00:00 +0000',
      'Wed, 19 Sept 2018 20:00:00 +0000',
      'Tue, 05 Mar 2024 08:00:00 -0500',
      'Tue, 05 Mar 2024 08:00:00 GMT',
      'Tue, 05 mar 2024 14:00:02 +0000',
      'Wed, 19-Sep-2018 20:00:00 +0000',
      'Wed, 19 Sep 2018 2x:00:00 +0000',
      'Wed, x9 Sep 2018 20:00:00 +0000',
      '999, 19 Sep 2018 20:00:00 +0000',
    ]) {
      const ms = parseRfc2822(text);
      expect(providerTimeToIso(text)).toBe(Number.isNaN(ms) ? null : formatIso(ms));
    }
  });

  it('never confuses an impossible day with a real one of another month', () => {
    // Jun and Jul differ by 2 in their packed letters: day 65 of July once shared the day cache's key of 1 June.
    expect(providerTimeToIso('Tue, 01 Jun 1999 20:00:00 +0000')).toBe('1999-06-01T20:00:00Z');
    expect(providerTimeToIso('Tue, 65 Jul 1999 20:00:00 +0000')).toBeNull();
    expect(providerTimeToIso('Mon, 66 Jul 1998 20:00:00 +0000')).toBeNull();
    expect(providerTimeToIso('Tue, 02 Jun 1998 20:00:00 +0000')).toBe('1998-06-02T20:00:00Z');
  });

  it('agrees with the general parser on every day of four years', () => {
    for (let ms = Date.UTC(2023, 0, 1, 13, 7, 9); ms < Date.UTC(2027, 0, 1); ms += 86_400_000) {
      const text = formatRfc2822(ms);
      expect(providerTimeToIso(text)).toBe(formatIso(ms));
    }
  });

  it('agrees with the general parser over any sequence of times, whatever was read before', () => {
    // Few days and minutes, so that times share a day or a minute with the one read before;
    // then characters swapped, so that near misses follow the day read before.
    const time = fc
      .tuple(
        fc.constantFrom('Wed, 19 Sep 2018', 'Thu, 20 Sep 2018', 'Mon, 31 Sep 2018', 'Thu, 29 Feb 2024', 'Fri, 29 Feb 2019', 'Sun, 30 Jun 2024'),
        fc.constantFrom('20', '23', '24', '00', '2x'),
        fc.constantFrom('00', '59', '60', '07'),
        fc.constantFrom('00', '01', '59', '60', '99', 'x1'),
        fc.constantFrom(' +0000', ' +0100', ' -0000', ' GMT', '+0000 '),
      )
      .map(([day, hour, minute, second, zone]) => `${day} ${hour}:${minute}:${second}${zone}`);
    const edited = fc
      .tuple(time, fc.array(fc.tuple(fc.nat(30), fc.constantFrom('0', '9', ' ', ':', ',', 'x', '-', '+')), { maxLength: 2 }))
      .map(([text, edits]) => edits.reduce((t, [at, c]) => t.slice(0, at) + c + t.slice(at + 1), text));
    // A time, then the same time with a character changed, right after it.
    const pair = edited
      .chain((text) => fc.tuple(fc.constant(text), fc.nat(30), fc.constantFrom('0', '9', ' ', ':', 'x', '+')))
      .map(([text, at, c]) => [text, text.slice(0, at) + c + text.slice(at + 1)]);
    fc.assert(
      fc.property(fc.array(fc.oneof(time, time, edited, pair), { minLength: 1, maxLength: 40 }).map((items) => items.flat()), (texts) => {
        for (const text of texts) {
          const ms = parseProviderTime(text);
          expect(providerTimeToIso(text)).toBe(Number.isNaN(ms) ? null : formatIso(ms));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
