import { createReadStream } from 'node:fs';
import { JsonValueSplitter } from './json-values.js';

/** One raw record read from an input, with where it came from. */
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
 * Streams the records of one input (a path, or `-` for stdin): list pages,
 * arrays, NDJSON and single records, mixed freely. Memory holds one top-level
 * value at a time (a list page, or one element of a top-level array).
 */
export async function* readRecords(file: string, stdin: NodeJS.ReadableStream): AsyncGenerator<RawRecord | Unreadable> {
  const name = file === '-' ? '(stdin)' : file;
  const stream = file === '-' ? stdin : createReadStream(file, { highWaterMark: 1 << 20 });
  stream.setEncoding('utf8');
  const splitter = new JsonValueSplitter();
  const expand = function* (found: ReturnType<JsonValueSplitter['push']>): Generator<RawRecord | Unreadable> {
    for (const item of found) {
      if ('error' in item) {
        yield { file: name, line: item.line, reason: item.error };
        continue;
      }
      let value = item.value;
      if (value === undefined) {
        try {
          value = JSON.parse(item.text);
        } catch (error) {
          yield { file: name, line: item.line, reason: `not valid JSON: ${(error as Error).message}` };
          continue;
        }
      }
      const where = `${name}:${item.line}${item.index === null ? '' : ` [${item.index}]`}`;
      const calls = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { calls?: unknown }).calls : undefined;
      if (Array.isArray(calls)) {
        for (let i = 0; i < calls.length; i++) yield { raw: calls[i], file: name, line: item.line, position: `${where} calls[${i}]` };
      } else {
        yield { raw: value, file: name, line: item.line, position: where };
      }
    }
  };
  for await (const chunk of stream) yield* expand(splitter.push(chunk as string));
  yield* expand(splitter.end());
}
