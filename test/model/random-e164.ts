import metadata from 'libphonenumber-js/metadata.min.json';

type Json = {
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, [string, string, string, ...unknown[]]>;
  nonGeographic?: Record<string, unknown>;
};
const json = metadata as unknown as Json;
const CODES = [...Object.keys(json.country_calling_codes), ...Object.keys(json.nonGeographic ?? {})];

/** A regular expression of libphonenumber-js's metadata, parsed: digits, classes, groups, alternatives, quantifiers. */
type Node = { alt: Node[][] } | { chars: string } | { repeat: Node; min: number; max: number };

function parsePattern(source: string): Node[][] {
  let i = 0;
  const sequence = (): Node[][] => {
    const alternatives: Node[][] = [[]];
    while (i < source.length && source[i] !== ')') {
      const c = source[i]!;
      let node: Node;
      if (c === '|') {
        i += 1;
        alternatives.push([]);
        continue;
      } else if (c === '(') {
        i += source.startsWith('(?:', i) ? 3 : 1;
        node = { alt: sequence() };
        i += 1;
      } else if (c === '[') {
        const end = source.indexOf(']', i);
        const body = source.slice(i + 1, end);
        let chars = '';
        for (let k = 0; k < body.length; k += 1) {
          if (body[k + 1] === '-') {
            for (let d = body.charCodeAt(k); d <= body.charCodeAt(k + 2); d += 1) chars += String.fromCharCode(d);
            k += 2;
          } else chars += body[k];
        }
        node = { chars };
        i = end + 1;
      } else if (c === '\\') {
        node = { chars: '0123456789' };
        i += 2;
      } else {
        node = { chars: c };
        i += 1;
      }
      if (source[i] === '{') {
        const end = source.indexOf('}', i);
        const [min, max] = source.slice(i + 1, end).split(',').map(Number);
        node = { repeat: node, min: min!, max: max ?? min! };
        i = end + 1;
      } else if (source[i] === '?') {
        node = { repeat: node, min: 0, max: 1 };
        i += 1;
      }
      alternatives[alternatives.length - 1]!.push(node);
    }
    return alternatives;
  };
  return sequence();
}

function sample(alternatives: Node[][], random: () => number): string {
  const nodes = alternatives[Math.floor(random() * alternatives.length)]!;
  let text = '';
  for (const node of nodes) {
    if ('alt' in node) text += sample(node.alt, random);
    else if ('chars' in node) text += node.chars[Math.floor(random() * node.chars.length)];
    else for (let n = node.min + Math.floor(random() * (node.max - node.min + 1)); n > 0; n -= 1) text += sample([[node.repeat]], random);
  }
  return text;
}

/** Every number-type pattern of every country (its national number pattern and leading digits too), parsed, under its calling code. */
const PATTERNS: Array<{ code: string; shared: boolean; pattern: Node[][] }> = [];
for (const [code, countries] of Object.entries(json.country_calling_codes)) {
  for (const country of countries) {
    const entry = json.countries[country]!;
    const types = (entry[11] || []) as Array<[string] | 0 | undefined>;
    // A country's leading digits, when it has them, then a tail of random digits.
    const leading = entry[10] ? `(?:${entry[10] as string})\\d{4,9}` : '';
    for (const source of [entry[2], leading, ...types.map((t) => (t ? t[0] : ''))]) {
      if (source) PATTERNS.push({ code, shared: countries.length > 1, pattern: parsePattern(source) });
    }
  }
}
const SHARED_PATTERNS = PATTERNS.filter((p) => p.shared);

/** A 32-bit seeded generator (mulberry32). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` random E.164-shaped numbers (`+` then 2 to 15 digits, the first not
 * 0), the same for the same seed. A quarter have any calling code (the
 * non-geographic ones included) and random digits of any length; the rest
 * are drawn from a random number-type pattern of a random country of
 * libphonenumber-js's metadata (so every territory of a shared calling code
 * is reached), a third of those then changed by one digit, cut short or
 * lengthened, to land near the edges of the ranges. `sharedOnly` draws only
 * from the patterns of countries that share their calling code.
 */
export function randomE164(seed: number, count: number, sharedOnly = false): string[] {
  const random = generator(seed);
  const digit = () => String.fromCharCode(48 + Math.floor(random() * 10));
  const numbers: string[] = [];
  while (numbers.length < count) {
    let value: string;
    if (!sharedOnly && random() < 0.25) {
      const code = CODES[Math.floor(random() * CODES.length)]!;
      value = `+${code}`;
      for (let n = Math.floor(random() * (16 - code.length)); n > 0; n -= 1) value += digit();
    } else {
      const patterns = sharedOnly ? SHARED_PATTERNS : PATTERNS;
      const { code, pattern } = patterns[Math.floor(random() * patterns.length)]!;
      let national = sample(pattern, random);
      const change = random();
      const at = Math.floor(random() * national.length);
      if (change < 0.1) national = national.slice(0, at) + digit() + national.slice(at + 1);
      else if (change < 0.2) national = national.slice(0, at);
      else if (change < 0.3) national += digit();
      value = `+${code}${national}`;
    }
    if (/^\+[1-9]\d{1,14}$/.test(value)) numbers.push(value);
  }
  return numbers;
}
