/**
 * Measured process, the ceiling of `callbridge normalize` on NDJSON: read the
 * same file the same way (1 MiB chunks, UTF-8), split lines, `JSON.parse`
 * each, write nothing.
 */
import { createReadStream } from 'node:fs';
import { now, params, peakRssMB, runWorker } from '../lib/worker.js';

export interface NdjsonParseResult {
  parsed: number;
  unparsable: number;
  wallMs: number;
  peakRssMB: number;
}

runWorker(async (): Promise<NdjsonParseResult> => {
  const { path } = params<{ path: string }>();
  const start = now();
  let parsed = 0;
  let unparsable = 0;
  let sink: unknown;
  const take = (line: string) => {
    if (line === '') return;
    try {
      sink = JSON.parse(line);
      parsed += 1;
    } catch {
      unparsable += 1;
    }
  };
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  stream.setEncoding('utf8');
  let carry = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = carry + chunk;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      take(text.slice(from, nl));
      from = nl + 1;
    }
    carry = text.slice(from);
  }
  take(carry);
  void sink;
  return { parsed, unparsable, wallMs: now() - start, peakRssMB: peakRssMB() };
});
