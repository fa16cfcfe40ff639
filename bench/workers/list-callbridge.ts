/**
 * Measured process: callbridge's `calls.iterate` over every call of the
 * emulator's Twilio account, page size as given, consuming each Call as it
 * arrives (constant memory is the point).
 */
import { createCallClient } from '../../src/index.js';
import { type ListParams, type ListResult, Marks, now, params, peakRssMB, rssMB, runWorker } from '../lib/worker.js';

runWorker(async (): Promise<ListResult> => {
  const p = params<ListParams>();
  const startRssMB = rssMB();
  const start = now();
  const marks = new Marks(p.marks, start);
  const client = createCallClient({ provider: 'twilio', accountSid: p.accountSid, authToken: p.authToken, baseUrl: p.url, env: {} });
  let count = 0;
  let checksum = 0;
  for await (const call of client.calls.iterate({ pageSize: p.pageSize })) {
    count += 1;
    checksum += call.sid.length + (call.duration ?? 0);
    marks.check(count);
  }
  const wallMs = now() - start;
  return { count, wallMs, startRssMB, peakRssMB: peakRssMB(), checksum, marks: marks.taken };
});
