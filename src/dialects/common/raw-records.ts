import { type JsonGarbage, type JsonText, JsonValueSplitter } from './json-values.js';

/** One raw record found in an input, with where it came from. */
export interface RawRecord {
  raw: unknown;
  file: string;
  line: number;
  /** `file:line`, plus `calls[i]` or `[i]` inside a page or array. */
  position: string;
}

/** Something in an input that is not a record, with where and why. */
export interface Unreadable {
  file: string;
  line: number;
  /** The record inside the line's value (`[3] calls[2]`), when there is one. */
  record?: string;
  reason: string;
}

/**
 * The records of the JSON texts a {@link JsonValueSplitter} found in input
 * named `file`: each element of a list page's `calls`, or the value itself;
 * what is not JSON is {@link Unreadable}.
 */
export function* recordsOf(found: ReadonlyArray<JsonText | JsonGarbage>, file: string): Generator<RawRecord | Unreadable> {
  for (const item of found) {
    if ('error' in item) {
      yield { file, line: item.line, reason: item.error };
      continue;
    }
    let value = item.value;
    if (value === undefined) {
      try {
        value = JSON.parse(item.text);
      } catch (error) {
        yield { file, line: item.line, reason: `not valid JSON: ${(error as Error).message}` };
        continue;
      }
    }
    const where = `${file}:${item.line}${item.index === null ? '' : ` [${item.index}]`}`;
    const calls = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { calls?: unknown }).calls : undefined;
    if (Array.isArray(calls)) {
      for (let i = 0; i < calls.length; i++) yield { raw: calls[i], file, line: item.line, position: `${where} calls[${i}]` };
    } else {
      yield { raw: value, file, line: item.line, position: where };
    }
  }
}

/**
 * The records of a whole text: list pages, arrays, NDJSON, concatenated or
 * pretty-printed records, mixed freely, as `callbridge normalize` reads them.
 * A text that is one JSON document is read whole, however it is laid out: the
 * splitter takes a `{` opening a line inside a value for the start of a new
 * record, as a cut-off line would look.
 */
export function* recordsOfText(text: string, file: string): Generator<RawRecord | Unreadable> {
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    const splitter = new JsonValueSplitter();
    yield* recordsOf(splitter.push(text), file);
    yield* recordsOf(splitter.end(), file);
    return;
  }
  // Found as the splitter would find it: a top-level array element by element.
  const found: JsonText[] = Array.isArray(whole)
    ? whole.map((value, index) => ({ text: '', value, line: 1, index }))
    : [{ text: '', value: whole, line: 1, index: null }];
  yield* recordsOf(found, file);
}
