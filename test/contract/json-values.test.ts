import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JsonGarbage, type JsonText, JsonValueSplitter } from '../../src/dialects/common/json-values.js';

/** What the splitter found, without the values it parsed on its NDJSON fast path (checked against the text). */
function split(chunks: readonly string[]): Array<JsonText | JsonGarbage> {
  const splitter = new JsonValueSplitter();
  return [...chunks.flatMap((c) => splitter.push(c)), ...splitter.end()].map((found) => {
    if (!('value' in found)) return found;
    const { value, ...rest } = found;
    expect(value).toEqual(JSON.parse(found.text));
    return rest;
  });
}

/** Cuts a text at the given (sorted, deduplicated) positions. */
function cut(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length));
}

describe('JsonValueSplitter', () => {
  it('splits NDJSON, pretty-printed objects and top-level arrays, with lines', () => {
    const text = '{"a":1}\n{"b":"x}{"}\n[\n {"c":[1,{"d":2}]},\n {"e":"\\"]"}\n]\n{\n  "f": 3\n}\n';
    const found = split([text]) as JsonText[];
    expect(found.map((f) => [JSON.parse(f.text), f.line, f.index])).toEqual([
      [{ a: 1 }, 1, null],
      [{ b: 'x}{' }, 2, null],
      [{ c: [1, { d: 2 }] }, 4, 0],
      [{ e: '"]' }, 5, 1],
      [{ f: 3 }, 7, null],
    ]);
  });

  it('finds the same values however the input is cut into chunks', () => {
    const value = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null), fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 })), { maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 12 }), (values, asArray, at) => {
        const text = asArray ? JSON.stringify(values, null, 1) : values.map((v) => JSON.stringify(v)).join('\n');
        const whole = split([text]);
        expect(split(cut(text, at))).toEqual(whole);
        expect(whole.map((f) => JSON.parse((f as JsonText).text))).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });

  it('reports garbage once per line, and a cut-off record without swallowing the next', () => {
    const found = split(['not json\n{"a":\n{"b":1}\n{"c":"unterminated\n{"d":2}\n', '{"e":']);
    expect(found).toEqual([
      { error: 'not a JSON object (starts with "not json")', line: 1 },
      { error: 'the record breaks off before its end (truncated line?)', line: 2 },
      { text: '{"b":1}', line: 3, index: null },
      { error: 'the record breaks off inside a string (truncated line?)', line: 4 },
      { text: '{"d":2}', line: 5, index: null },
      { error: 'the input ends inside a JSON value (truncated?)', line: 6 },
    ]);
  });
});

describe('JsonValueSplitter NDJSON fast path', () => {
  it('parses whole-object lines itself, and scans everything else', () => {
    const splitter = new JsonValueSplitter();
    const found = splitter.push('{"a":1}\n  {"b":2}  \n{"c":\n3}\n') as JsonText[];
    expect(found.map((f) => [f.value, f.line])).toEqual([[{ a: 1 }, 1], [{ b: 2 }, 2], [undefined, 3]]);
    expect(JSON.parse(found[2]!.text)).toEqual({ c: 3 });
  });
});
