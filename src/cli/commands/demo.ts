import { parseArgs } from 'node:util';
import { createCallClient } from '../../client/call-client.js';
import { startEmulator } from '../../emulator/index.js';
import type { Call } from '../../model/call.js';
import type { CallQuery } from '../../model/query.js';
import { sameDecimal } from '../../model/money.js';
import { twilioSidToUuid } from '../../model/sid.js';
import type { Io } from '../io.js';
import { UsageError } from '../usage-error.js';

export const DEMO_HELP = `Usage:
  callbridge demo [--calls N] [--seed S]

Starts the emulator in this process, runs one CallQuery against its Twilio and
its SignalWire dialect, and shows the two normalized results side by side (they
must agree), the requests each dialect sent, and a summary by status.
Exits 1 if the two results differ.
`;

/** The query of the demo: a calendar day in New York (a UTC interval) and two statuses, so both fan-out and exact time bounds show. */
const QUERY: CallQuery = {
  startedOn: { date: '2024-06-28', timeZone: 'America/New_York' },
  status: ['completed', 'busy'],
  pageSize: 20,
};

/** The fields both dialects carry, compared call by call. */
const SHARED: ReadonlyArray<keyof Call> = [
  'status', 'direction', 'startTime', 'endTime', 'dateCreated', 'duration', 'priceUnit', 'callerName', 'apiVersion',
];

function differences(twilio: Call, signalwire: Call): string[] {
  const found = SHARED.filter((field) => JSON.stringify(twilio[field]) !== JSON.stringify(signalwire[field]));
  if (twilioSidToUuid(twilio.sid) !== signalwire.sid) found.unshift('sid');
  if (twilio.from?.value !== signalwire.from?.value) found.push('from');
  if (twilio.to?.value !== signalwire.to?.value) found.push('to');
  // Twilio sends fixed digits ("0.07000"), SignalWire a JSON number (0.07): compare amounts.
  if (!sameDecimal(twilio.price, signalwire.price)) found.push('price');
  return found;
}

/** A request URL with its search params shown unencoded, as the dialect means them. */
function readable(url: string): string {
  const { pathname, searchParams } = new URL(url, 'http://x');
  return `${pathname}?${[...searchParams].map(([k, v]) => `${k}=${v}`).join('&')}`;
}

const pad = (text: string, width: number) => text.padEnd(width);

function row(t: Call, s: Call): string {
  const time = (t.startTime ?? '').replace('T', ' ').replace('Z', '');
  return `${pad(t.sid, 36)}  ${pad(s.sid, 38)}  ${pad(t.status, 11)}  ${pad(time, 19)}  ${pad(String(t.duration ?? ''), 5)}  ${t.price ?? ''} ${t.priceUnit ?? ''}`;
}

/** `callbridge demo`. */
export async function demoCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { calls: { type: 'string' }, seed: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length > 0) throw new UsageError(`demo takes no arguments, got "${positionals[0]}"`);
  for (const flag of ['calls', 'seed'] as const) {
    if (values[flag] !== undefined && !/^\d+$/.test(values[flag]!)) throw new UsageError(`--${flag} must be a whole number`);
  }
  const emulator = await startEmulator({ calls: Number(values.calls ?? 2000), seed: Number(values.seed ?? 1) });
  const out = (line = '') => io.stdout.write(`${line}\n`);
  try {
    const base = { baseUrl: emulator.url, env: {} };
    const twilio = createCallClient({ ...base, provider: 'twilio', ...emulator.twilio });
    const signalwire = createCallClient({ ...base, provider: 'signalwire', projectId: emulator.signalwire.projectId, token: emulator.signalwire.token });

    out(`callbridge demo: one emulator (${emulator.url}), ${emulator.dataset.size} calls, served in both dialects`);
    out(`query: ${JSON.stringify(QUERY)}`);
    out();
    const t = await twilio.calls.list(QUERY);
    const twilioRequests = emulator.requests.map((r) => r.url);
    emulator.clearRequests();
    const s = await signalwire.calls.list(QUERY);
    const signalwireRequests = emulator.requests.map((r) => r.url);
    for (const [name, urls] of [['Twilio', twilioRequests], ['SignalWire', signalwireRequests]] as const) {
      out(`${name}: ${urls.length} requests; the first page of each status:`);
      for (const url of urls.filter((u) => !u.includes('PageToken='))) out(`  GET ${readable(url)}`);
    }
    out();
    out(`${pad('Twilio (canonical)', 36)}  ${pad('SignalWire (canonical)', 38)}  ${pad('status', 11)}  ${pad('start (UTC)', 19)}  ${pad('secs', 5)}  price`);
    const shown = Math.min(12, t.length, s.length);
    for (let i = 0; i < shown; i++) out(row(t[i]!, s[i]!));
    if (t.length > shown) out(`… and ${t.length - shown} more`);
    out();

    const disagreements = t.length === s.length ? t.flatMap((call, i) => {
      const fields = differences(call, s[i]!);
      return fields.length === 0 ? [] : [`  ${call.sid}: ${fields.join(', ')}`];
    }) : [`  Twilio returned ${t.length} calls, SignalWire ${s.length}`];
    const counts = new Map<string, number>();
    for (const call of t) counts.set(call.status, (counts.get(call.status) ?? 0) + 1);
    out(`by status: ${[...counts].map(([status, n]) => `${status} ${n}`).join(', ') || 'no calls'}`);
    if (disagreements.length > 0) {
      out(`the two dialects DISAGREE:`);
      for (const line of disagreements) out(line);
      return 1;
    }
    out(`the two dialects agree on all ${t.length} calls (sids map one-to-one: CA + the UUID's 32 hex digits)`);
    return 0;
  } finally {
    await emulator.close();
  }
}
