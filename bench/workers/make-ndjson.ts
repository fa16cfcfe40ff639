/**
 * Writes the mixed NDJSON input of the `callbridge normalize` benchmark:
 * calls from the emulator's dataset generator, each written in Twilio or
 * SignalWire dialect (chosen by a hash of the line number, about half each),
 * and now and then a line that is not a readable record (cut-off JSON, text
 * that is not JSON, a JSON object that is no call record).
 */
import { closeSync, openSync } from 'node:fs';
import { generateDataset } from '../../src/emulator/index.js';
import { type Provider, toDialect } from '../../src/index.js';
import { params, runWorker, writeAll } from '../lib/worker.js';

export interface MakeNdjsonParams {
  path: string;
  /** Stop once the file holds at least this many bytes. */
  bytes: number;
  /** Calls generated: more than the file's lines, so that each line is a call of its own (a first read). */
  calls: number;
  seed: number;
  /** One bad line every this many lines. */
  badEvery: number;
}

export interface MakeNdjsonResult {
  path: string;
  bytes: number;
  lines: number;
  /** Lines holding a readable call record. */
  records: number;
  twilio: number;
  signalwire: number;
  bad: number;
}

const BAD_LINES = [
  (good: string) => good.slice(0, Math.floor(good.length / 2)),
  () => 'this line is not JSON',
  () => '{"note":"a JSON object that is no call record"}',
];

runWorker(async (): Promise<MakeNdjsonResult> => {
  const p = params<MakeNdjsonParams>();
  const dataset = generateDataset({ calls: p.calls, seed: p.seed });
  const fd = openSync(p.path, 'w');
  const counts = { twilio: 0, signalwire: 0, bad: 0 };
  let bytes = 0;
  let lines = 0;
  let chunk: string[] = [];
  let chunkBytes = 0;
  try {
    while (bytes < p.bytes) {
      if (lines >= dataset.size) throw new Error(`${p.calls} calls fill only ${bytes} bytes of ${p.bytes}: generate more`);
      const dialect: Provider = (Math.imul(lines + 1, 0x9e3779b1) >>> 31) === 1 ? 'twilio' : 'signalwire';
      let line = JSON.stringify(toDialect(dataset.call(lines), dialect));
      if ((lines + 1) % p.badEvery === 0) {
        line = BAD_LINES[counts.bad % BAD_LINES.length]!(line);
        counts.bad += 1;
      } else {
        counts[dialect] += 1;
      }
      line += '\n';
      lines += 1;
      bytes += Buffer.byteLength(line);
      chunk.push(line);
      chunkBytes += line.length;
      if (chunkBytes >= 1 << 20) {
        writeAll(fd, chunk.join(''));
        chunk = [];
        chunkBytes = 0;
      }
    }
    if (chunk.length > 0) writeAll(fd, chunk.join(''));
  } finally {
    closeSync(fd);
  }
  return { path: p.path, bytes, lines, records: counts.twilio + counts.signalwire, ...counts };
});
