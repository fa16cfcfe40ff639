import type { MetadataJson } from 'libphonenumber-js';
import metadataJson from 'libphonenumber-js/metadata.min.json';
import { DigitMemo } from './digit-memo.js';
import { DigitNfa } from './digit-nfa.js';

// libphonenumber-js's compressed metadata (version 4), read by position as its
// own Metadata class reads it: 0 (or absent) means "not set".
type Pattern = string | 0 | undefined;
type FormatJson = [pattern: string, format: string, leading?: string[] | 0, rule?: Pattern, optional?: 0 | 1, international?: Pattern];
type TypeJson = [pattern: string, lengths?: number[] | 0] | 0 | undefined;
type CountryJson = [
  callingCode: string,
  idd: string,
  nationalNumber: string,
  lengths: number[] | 0,
  formats?: FormatJson[] | 0,
  nationalPrefix?: Pattern,
  nationalPrefixFormattingRule?: Pattern,
  nationalPrefixForParsing?: Pattern,
  transformRule?: Pattern,
  nationalPrefixOptional?: 0 | 1,
  leadingDigits?: Pattern,
  types?: TypeJson[] | 0,
];
interface Metadata {
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, CountryJson>;
  nonGeographic?: Record<string, CountryJson>;
}

const metadata = metadataJson as MetadataJson as unknown as Metadata;

/** `text` matched entirely, as libphonenumber-js's `matchesEntirely` does. */
const entire = (pattern: string) => new RegExp(`^(?:${pattern})$`);
/** `text.search(pattern) === 0`, i.e. a match that starts at the first digit. */
const atStart = (pattern: string) => new RegExp(`^(?:${pattern})`);

// The patterns a number is tested against on the hot path are compiled with
// `+` and the calling code in front, and tested on the E.164 text itself: no
// national part is sliced out of each number read.

/** `pattern` matches the whole national part of an E.164 text starting `+<callingCode>`. */
const entireAfter = (callingCode: string, pattern: string) => new RegExp(`^\\+${callingCode}(?:${pattern})$`);
/** `pattern` matches at the start of the national part of an E.164 text starting `+<callingCode>`. */
const atStartAfter = (callingCode: string, pattern: string) => new RegExp(`^\\+${callingCode}(?:${pattern})`);

interface FormatPlan {
  /** The last of the format's leading-digits patterns, the one libphonenumber-js checks. */
  leading: RegExp | null;
  whole: RegExp;
  /** Unanchored, as libphonenumber-js replaces with it. */
  pattern: RegExp;
  /** The national format with the national prefix rule applied. */
  replacement: string;
}

interface TypePlan {
  /** On the E.164 text (see {@link entireAfter}). */
  pattern: RegExp;
  /** Possible lengths of the national part. */
  lengths: readonly number[] | null;
}

interface CountryPlan {
  country: string;
  /** For countries that share a calling code: their leading digits, when the metadata has them (on the E.164 text). */
  leading: RegExp | null;
  /** Otherwise the national number pattern and the number types, as `getNumberType` checks them (on the E.164 text). */
  nationalNumber: RegExp;
  types: readonly TypePlan[];
  formats: readonly FormatPlan[];
}

/**
 * Consecutive countries of a shared calling code that all have leading
 * digits (23 of NANP's 25): one pattern tells whether any of them claims a
 * number, so that a number none claims (a Canadian one, say) is not tested
 * against each in turn.
 */
interface LeadingRun {
  any: RegExp;
  countries: readonly CountryPlan[];
}

interface CodePlan {
  callingCode: string;
  /**
   * The main country's prefix for parsing, matching at least one digit at the
   * start of the national part: such a number takes libphonenumber-js's own path.
   */
  prefix: RegExp | null;
  /** The countries in libphonenumber-js's order, runs of leading-digit countries grouped. */
  steps: ReadonlyArray<CountryPlan | LeadingRun>;
  countries: readonly CountryPlan[];
  /** {@link phoneCountry}'s answers by the patterns it tests, or null when one of them is outside {@link DigitNfa}'s syntax. */
  answers: DigitMemo<string | null | undefined> | null;
}

function formatPlans(own: CountryJson, main: CountryJson): FormatPlan[] {
  const formats = own[4] || main[4] || [];
  const countryRule = own[6] || main[6];
  return formats.map((f) => {
    const leading = f[2] || [];
    const rule = f[3] || countryRule;
    return {
      leading: leading.length > 0 ? atStart(leading[leading.length - 1]!) : null,
      whole: entire(f[0]),
      pattern: new RegExp(f[0]),
      replacement: rule ? f[1].replace(/(\$\d)/, rule) : f[1],
    };
  });
}

function countryPlan(callingCode: string, country: string, main: CountryJson): CountryPlan {
  const own = metadata.countries[country]!;
  const types: TypePlan[] = [];
  for (const type of own[11] || []) {
    if (!type || !type[0]) continue;
    const lengths = type[1] || own[3] || null;
    types.push({ pattern: entireAfter(callingCode, type[0]), lengths });
  }
  return {
    country,
    leading: own[10] ? atStartAfter(callingCode, own[10]) : null,
    nationalNumber: entireAfter(callingCode, own[2]),
    types,
    formats: formatPlans(own, main),
  };
}

/** The countries in order, each run of two or more with leading digits as one {@link LeadingRun}. */
function stepsOf(callingCode: string, countries: readonly CountryPlan[]): Array<CountryPlan | LeadingRun> {
  const steps: Array<CountryPlan | LeadingRun> = [];
  for (let i = 0; i < countries.length; ) {
    let end = i;
    while (end < countries.length && countries[end]!.leading !== null) end++;
    if (end - i < 2) {
      steps.push(countries[i]!);
      i++;
      continue;
    }
    const run = countries.slice(i, end);
    const leading = run.map((c) => metadata.countries[c.country]![10] as string);
    steps.push({ any: atStartAfter(callingCode, leading.map((l) => `(?:${l})`).join('|')), countries: run });
    i = end;
  }
  return steps;
}

// States kept per calling code: far more than real numbers need (NANP's
// numbers of a real log take a few hundred), a bound for any input.
const ANSWER_STATES = 20_000;

/**
 * An automaton of every pattern that {@link plainNational} and {@link countryOf}
 * test for a calling code, on the national part; null when one is outside its syntax.
 */
function patternsOf(names: readonly string[], prefix: Pattern): DigitNfa | null {
  const nfa = new DigitNfa();
  let ok = !prefix || nfa.add(prefix, 'nonEmptyPrefix');
  if (names.length > 1) {
    for (const name of names) {
      const own = metadata.countries[name]!;
      if (own[10]) ok &&= nfa.add(own[10], 'prefix');
      else ok &&= nfa.add(own[2], 'whole') && (own[11] || []).every((type) => !type || !type[0] || nfa.add(type[0], 'whole'));
    }
  }
  return ok ? nfa : null;
}

function codePlan(callingCode: string): CodePlan {
  const names = metadata.country_calling_codes[callingCode]!;
  const main = metadata.countries[names[0]!]!;
  const prefix = main[7] || main[5];
  const countries = names.map((c) => countryPlan(callingCode, c, main));
  const plan: CodePlan = {
    callingCode,
    // The lookbehind demands that the match took at least one digit: an empty match strips nothing.
    prefix: prefix ? new RegExp(`^\\+${callingCode}(?:${prefix})(?<!^\\+${callingCode})`) : null,
    steps: stepsOf(callingCode, countries),
    countries,
    answers: null,
  };
  const nfa = patternsOf(names, prefix);
  // What the answer depends on: the patterns tested and the national part's length (plainNational, hasType).
  if (nfa !== null) plan.answers = new DigitMemo(nfa, (value) => countryIn(plan, value), ANSWER_STATES);
  return plan;
}

/** libphonenumber-js's `getNumberType(...)` is set (the number is valid in `plan`'s country); `length`: of the national part. */
function hasType(plan: CountryPlan, value: string, length: number): boolean {
  if (!plan.nationalNumber.test(value)) return false;
  for (const type of plan.types) {
    if ((type.lengths === null || type.lengths.includes(length)) && type.pattern.test(value)) return true;
  }
  return false;
}

/** `getCountryByNationalNumber`: the first country whose leading digits or number types match. */
function countryOf(plan: CodePlan, value: string): CountryPlan | undefined {
  const { countries } = plan;
  if (countries.length === 1) return countries[0];
  const length = value.length - plan.callingCode.length - 1;
  for (const step of plan.steps) {
    if ('any' in step) {
      if (!step.any.test(value)) continue;
      for (const country of step.countries) if (country.leading!.test(value)) return country;
    } else if (step.leading !== null ? step.leading.test(value) : hasType(step, value, length)) {
      return step;
    }
  }
  return undefined;
}

/** `chooseFormatForNumber` then `formatNationalNumberUsingFormat`, national form with its prefix. */
function formatNational(formats: readonly FormatPlan[], national: string): string {
  for (const format of formats) {
    if (format.leading !== null && !format.leading.test(national)) continue;
    if (format.whole.test(national)) return national.replace(format.pattern, format.replacement);
  }
  return national;
}

// Geographic calling codes by length (1 to 3 digits) and value; plans are
// built, their patterns compiled, the first time a code is met.
const CODES: Array<Array<CodePlan | null | undefined>> = [[], new Array(10), new Array(100), new Array(1000)];
for (const [code, countries] of Object.entries(metadata.country_calling_codes)) {
  // Non-geographic codes (+800, +882, …) keep to libphonenumber-js's own path.
  if (countries.some((c) => metadata.countries[c] === undefined)) continue;
  CODES[code.length]![Number(code)] = null;
}
const NON_GEOGRAPHIC = new Set(Object.keys(metadata.nonGeographic ?? {}));

/**
 * The plan of the calling code `value` starts with (`+` then digits), or
 * undefined when the first calling code libphonenumber-js would find is not
 * one of the geographic ones.
 */
function planOf(value: string): CodePlan | undefined {
  let code = 0;
  for (let length = 1; length <= 3; length++) {
    code = code * 10 + value.charCodeAt(length) - 48;
    const table = CODES[length]!;
    const plan = table[code];
    if (plan !== undefined) return plan ?? (table[code] = codePlan(String(code)));
    if (NON_GEOGRAPHIC.has(String(code))) return undefined;
  }
  return undefined;
}

/**
 * True when libphonenumber-js reads the digits after the calling code as the
 * national number: at least two of them, and no national prefix that it would
 * strip (those numbers it decides itself).
 */
function plainNational(plan: CodePlan, value: string): boolean {
  return value.length - plan.callingCode.length - 1 >= 2 && (plan.prefix === null || !plan.prefix.test(value));
}

/**
 * The country libphonenumber-js gives an E.164 number (`+` then 2 to 15
 * digits, the first not 0), computed from its own metadata with its patterns
 * compiled once: `parsePhoneNumberFromString(value).country ?? null`, its
 * `number` being `value` itself. Undefined where this shortcut does not
 * apply (the number starts with a national prefix, a non-geographic or
 * unknown calling code, a national part shorter than two digits): the caller
 * then asks libphonenumber-js. `test/model/phone-plans.test.ts` checks that
 * both agree.
 */
export function phoneCountry(value: string): string | null | undefined {
  const plan = planOf(value);
  if (plan === undefined) return undefined;
  return plan.answers === null ? countryIn(plan, value) : plan.answers.get(value, plan.callingCode.length + 1);
}

/** {@link phoneCountry} in `plan`, by its patterns. */
function countryIn(plan: CodePlan, value: string): string | null | undefined {
  if (!plainNational(plan, value)) return undefined;
  const country = countryOf(plan, value);
  return country === undefined ? null : country.country;
}

/**
 * `parsePhoneNumberFromString(value).formatNational()` by the same shortcut
 * as {@link phoneCountry}, or undefined where it does not apply.
 */
export function phoneNational(value: string): string | undefined {
  const plan = planOf(value);
  if (plan === undefined || !plainNational(plan, value)) return undefined;
  const national = value.slice(plan.callingCode.length + 1);
  return formatNational((countryOf(plan, value) ?? plan.countries[0]!).formats, national);
}
