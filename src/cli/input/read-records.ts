import { createReadStream } from 'node:fs';
import { CsvRecords, looksLikeCsv } from '../../dialects/common/csv-records.js';
import { JsonValueSplitter } from '../../dialects/common/json-values.js';
import { type RawRecord, type Unreadable, recordsOf } from '../../dialects/common/raw-records.js';

/**
 * Streams the records of one input (a path, or `-` for stdin): list pages,
 * arrays, NDJSON and single records, mixed freely, or the CSV callbridge
 * writes (told by its header line). Memory holds one top-level value (a list
 * page, or one element of a top-level array) or one CSV row at a time.
 */
export async function* readRecords(file: string, stdin: NodeJS.ReadableStream): AsyncGenerator<RawRecord | Unreadable> {
  const name = file === '-' ? '(stdin)' : file;
  const stream = file === '-' ? stdin : createReadStream(file, { highWaterMark: 1 << 20 });
  stream.setEncoding('utf8');
  let reader: { push(chunk: string): Array<RawRecord | Unreadable>; end(): Array<RawRecord | Unreadable> } | null = null;
  let head = '';
  for await (const chunk of stream) {
    if (reader === null) {
      // Decided on the first line, which a chunk may cut.
      head += chunk as string;
      if (!head.includes('\n') && head.length < 1 << 16) continue;
      reader = choose(head, name);
      yield* reader.push(head);
      continue;
    }
    yield* reader.push(chunk as string);
  }
  if (reader === null) {
    reader = choose(head, name);
    yield* reader.push(head);
  }
  yield* reader.end();
}

/** A JSON reader, or a CSV one when the input starts with a CSV header. */
function choose(head: string, name: string) {
  if (looksLikeCsv(head)) return new CsvRecords(name);
  const splitter = new JsonValueSplitter();
  return { push: (text: string) => [...recordsOf(splitter.push(text), name)], end: () => [...recordsOf(splitter.end(), name)] };
}
