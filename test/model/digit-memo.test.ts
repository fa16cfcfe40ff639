import metadata from 'libphonenumber-js/metadata.min.json';
import { describe, expect, it } from 'vitest';
import { DigitMemo } from '../../src/model/digit-memo.js';
import { DigitNfa } from '../../src/model/digit-nfa.js';
import { randomE164 } from './random-e164.js';

type Match = 'whole' | 'prefix' | 'nonEmptyPrefix';
type CountryJson = [string, string, string, unknown, unknown, string | 0 | undefined, unknown, string | 0 | undefined, unknown, unknown, string | 0 | undefined, Array<[string] | 0> | 0 | undefined];
const json = metadata as unknown as { country_calling_codes: Record<string, string[]>; countries: Record<string, CountryJson> };

/** What JavaScript's own regular expressions say of `pattern` on a text of digits. */
function jsRegExp(pattern: string, match: Match): RegExp {
  if (match === 'whole') return new RegExp(`^(?:${pattern})$`);
  // The lookbehind: the match does not end where it starts.
  return new RegExp(match === 'prefix' ? `^(?:${pattern})` : `^(?:${pattern})(?<!^)`);
}

/** Every pattern of a calling code's countries, each in all three ways of matching. */
function patternsOf(code: string): Array<[string, Match]> {
  const patterns: Array<[string, Match]> = [];
  for (const name of json.country_calling_codes[code]!) {
    const own = json.countries[name];
    if (own === undefined) continue;
    const texts = [own[2], own[5], own[7], own[10], ...(own[11] || []).map((t) => (t ? t[0] : 0))];
    for (const text of texts) if (text) for (const match of ['whole', 'prefix', 'nonEmptyPrefix'] as const) patterns.push([text, match]);
  }
  return patterns;
}

/** Answers as the memo's `compute`: which patterns match the text from `from` on, and its length. */
function matcher(patterns: ReadonlyArray<[string, Match]>, from = 0) {
  const regExps = patterns.map(([pattern, match]) => jsRegExp(pattern, match));
  let calls = 0;
  return {
    compute(text: string) {
      calls += 1;
      const digits = text.slice(from);
      return `${digits.length}:${regExps.map((r) => (r.test(digits) ? 1 : 0)).join('')}`;
    },
    calls: () => calls,
  };
}

describe('DigitMemo over a DigitNfa', () => {
  it("answers as JavaScript's regular expressions do, for every calling code's patterns", () => {
    const numbers = randomE164(20_251_203, 60_000);
    let remembered = 0;
    let tested = 0;
    for (const code of Object.keys(json.country_calling_codes)) {
      const patterns = patternsOf(code).filter(([pattern, match]) => new DigitNfa().add(pattern, match));
      if (patterns.length === 0) continue;
      const nfa = new DigitNfa();
      for (const [pattern, match] of patterns) expect(nfa.add(pattern, match)).toBe(true);
      const direct = matcher(patterns, code.length + 1);
      const memo = new DigitMemo(nfa, direct.compute, 100_000);
      const texts = numbers.filter((n) => n.startsWith(`+${code}`)).map((n) => n.slice(code.length + 1));
      // Each text twice: the second time, and for texts that share a state, from memory.
      for (const text of [...texts, ...texts]) expect(memo.get(`+${code}${text}`, code.length + 1), text).toBe(matcher(patterns).compute(text));
      remembered += 2 * texts.length - direct.calls();
      tested += 2 * texts.length;
    }
    // More than the repeats alone: distinct numbers share states.
    expect(remembered).toBeGreaterThan(tested * 0.6);
  });

  it('refuses syntax outside its subset and accepts the rest', () => {
    for (const pattern of ['(?=1)2', '1$', '[^1]2', 'a', '\\s', '1{2', '1+?', '(?<x>1)', '[3-1]', '1)', '(1'])
      expect(new DigitNfa().add(pattern, 'whole'), pattern).toBe(false);
    for (const pattern of ['', '1?', '[2-9]\\d{2,}', '(1|2)*3+', '(?:0|[13-5]\\d{1,3})?']) expect(new DigitNfa().add(pattern, 'whole'), pattern).toBe(true);
  });

  it('tells the three ways of matching apart, empty matches included', () => {
    const nfa = new DigitNfa();
    const patterns: Array<[string, Match]> = [['1?', 'whole'], ['1?', 'prefix'], ['1?', 'nonEmptyPrefix'], ['(?:12)*', 'nonEmptyPrefix'], ['[0-2]\\d+', 'whole']];
    for (const [pattern, match] of patterns) nfa.add(pattern, match);
    const memo = new DigitMemo(nfa, matcher(patterns).compute, 100);
    for (const text of ['', '1', '2', '11', '12', '121', '1212', '21', '200', '0', '3']) {
      expect(memo.get(text, 0), text).toBe(matcher(patterns).compute(text));
    }
  });

  it('stays right past its bound of states', () => {
    const patterns: Array<[string, Match]> = [['\\d{3}[5-9]\\d*', 'whole'], ['12', 'prefix']];
    const nfa = new DigitNfa();
    for (const [pattern, match] of patterns) nfa.add(pattern, match);
    const memo = new DigitMemo(nfa, matcher(patterns).compute, 3);
    for (const text of ['1234', '1256', '99999', '0', '1234567', '1256', '4444'].flatMap((t) => [t, t])) {
      expect(memo.get(text, 0), text).toBe(matcher(patterns).compute(text));
    }
  });
});
