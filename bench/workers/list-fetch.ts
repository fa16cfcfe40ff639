/**
 * Measured process, the floor of listing: Node's own fetch and JSON.parse of
 * each page, following next_page_uri, building no records. What any client
 * over the same HTTP stack must at least spend.
 */
import { type ListParams, type ListResult, Marks, now, params, peakRssMB, rssMB, runWorker } from '../lib/worker.js';

interface Page {
  calls: Array<{ sid: string; duration: string | null }>;
  next_page_uri: string | null;
}

runWorker(async (): Promise<ListResult> => {
  const p = params<ListParams>();
  const startRssMB = rssMB();
  const start = now();
  const marks = new Marks(p.marks, start);
  const authorization = `Basic ${Buffer.from(`${p.accountSid}:${p.authToken}`).toString('base64')}`;
  let next: string | null = `/2010-04-01/Accounts/${p.accountSid}/Calls.json?PageSize=${p.pageSize}`;
  let count = 0;
  let checksum = 0;
  while (next !== null) {
    const response = await fetch(new URL(next, p.url), { headers: { authorization, accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${next}: HTTP ${response.status}`);
    const page = JSON.parse(await response.text()) as Page;
    for (const call of page.calls) {
      count += 1;
      checksum += call.sid.length + Number(call.duration ?? 0);
      marks.check(count);
    }
    next = page.next_page_uri;
  }
  const wallMs = now() - start;
  return { count, wallMs, startRssMB, peakRssMB: peakRssMB(), checksum, marks: marks.taken };
});
