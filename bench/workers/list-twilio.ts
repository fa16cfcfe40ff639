/**
 * Measured process: the official twilio-node SDK listing every call of the
 * emulator's Twilio account, as a user would configure it (its HTTP client
 * redirected from api.twilio.com to the emulator), with `list()` (gathers an
 * array) or `each()` (streams to a callback).
 */
import twilio from 'twilio';
// Only the redirect helper, not callbridge's library: its memory is not twilio-node's.
import { redirectHttpClient } from '../../src/emulator/sdk-http-client.js';
import { type ListParams, type ListResult, Marks, now, params, peakRssMB, rssMB, runWorker } from '../lib/worker.js';

interface TwilioCall {
  sid: string;
  duration: string | null;
}

runWorker(async (): Promise<ListResult> => {
  const p = params<ListParams>();
  const startRssMB = rssMB();
  const start = now();
  const marks = new Marks(p.marks, start);
  const client = twilio(p.accountSid, p.authToken, {
    httpClient: redirectHttpClient(new twilio.RequestClient(), 'https://api.twilio.com', p.url),
  });
  let count = 0;
  let checksum = 0;
  const touch = (call: TwilioCall) => {
    count += 1;
    checksum += call.sid.length + Number(call.duration ?? 0);
    marks.check(count);
  };
  if (p.mode === 'each') {
    await new Promise<void>((resolve, reject) => {
      client.calls.each({ pageSize: p.pageSize, done: (error?: Error) => (error ? reject(error) : resolve()) }, (call) => touch(call));
    });
  } else {
    const calls = await client.calls.list({ pageSize: p.pageSize });
    marks.check(calls.length);
    for (const call of calls) touch(call);
  }
  const wallMs = now() - start;
  return { count, wallMs, startRssMB, peakRssMB: peakRssMB(), checksum, marks: marks.taken };
});
