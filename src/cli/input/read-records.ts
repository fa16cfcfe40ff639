import { createReadStream } from 'node:fs';
import { JsonValueSplitter } from '../../dialects/common/json-values.js';
import { type RawRecord, type Unreadable, recordsOf } from '../../dialects/common/raw-records.js';

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
  for await (const chunk of stream) yield* recordsOf(splitter.push(chunk as string), name);
  yield* recordsOf(splitter.end(), name);
}
