import { parseArgs } from 'node:util';
import { createCallClient } from '../../client/call-client.js';
import { startEmulator } from '../../emulator/index.js';
import { DIALECTS } from '../../dialects/registry.js';
import type { Call } from '../../model/call.js';
import { PROVIDERS, type Provider } from '../../model/provider.js';
import type { CallQuery } from '../../model/query.js';
import { sameDecimal } from '../../model/money.js';
import type { Io } from '../io.js';
import { PROVIDER_CHOICES } from '../provider-names.js';
import { UsageError } from '../usage-error.js';

export const DEMO_HELP = `Usage:
  callbridge demo [--calls N] [--seed S]

Starts the emulator in this process, runs one CallQuery against each of its
dialects (${PROVIDER_CHOICES}), and shows the normalized results side by side
(they must agree), the requests each dialect sent, and a summary by status.
Exits 1 if the results differ.
`;

/** The query of the demo: a calendar day in New York (a UTC interval) and two statuses, so both fan-out and exact time bounds show. */
const QUERY: CallQuery = {
  startedOn: { date: '2024-06-28', timeZone: 'America/New_York' },
  status: ['completed', 'busy'],
  pageSize: 20,
};

/** The fields every dialect carries, compared call by call. */
const SHARED: ReadonlyArray<keyof Call> = [
  'status', 'direction', 'startTime', 'endTime', 'dateCreated', 'duration', 'priceUnit', 'callerName',
];

/** The emulator's key of a call as served in a dialect: each dialect spells a call's sid its own way. */
const keyOf = (call: Call): string => DIALECTS[call.provider].emulated.fetchKey(call.sid);

function differences(first: Call, other: Call): string[] {
  const found = SHARED.filter((field) => JSON.stringify(first[field]) !== JSON.stringify(other[field]));
  if (keyOf(first) !== keyOf(other)) found.unshift('sid');
  if (first.from?.value !== other.from?.value) found.push('from');
  if (first.to?.value !== other.to?.value) found.push('to');
  // Prices come as fixed digits ("0.07000") or JSON numbers (0.07): compare amounts.
  if (!sameDecimal(first.price, other.price)) found.push('price');
  return found;
}

/** A request URL with its search params shown unencoded, as the dialect means them. */
function readable(url: string): string {
  const { pathname, searchParams } = new URL(url, 'http://x');
  return `${pathname}?${[...searchParams].map(([k, v]) => `${k}=${v}`).join('&')}`;
}

const pad = (text: string, width: number) => text.padEnd(width);
const WIDTH = 44;

function row(calls: readonly Call[]): string {
  const t = calls[0]!;
  const time = (t.startTime ?? '').replace('T', ' ').replace('Z', '');
  return `${calls.map((c) => pad(c.sid, WIDTH)).join('  ')}  ${pad(t.status, 11)}  ${pad(time, 19)}  ${pad(String(t.duration ?? ''), 5)}  ${t.price ?? ''} ${t.priceUnit ?? ''}`;
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
    const name = (p: Provider) => DIALECTS[p].config.name;
    out(`callbridge demo: one emulator (${emulator.url}), ${emulator.dataset.size} calls, served in ${PROVIDERS.length} dialects`);
    out(`query: ${JSON.stringify(QUERY)}`);
    out();
    const results: Call[][] = [];
    for (const provider of PROVIDERS) {
      const client = createCallClient({ baseUrl: emulator.url, env: {}, provider, ...emulator[provider] });
      emulator.clearRequests();
      results.push(await client.calls.list(QUERY));
      const urls = emulator.requests.map((r) => r.url);
      out(`${name(provider)}: ${urls.length} requests; the first page of each status:`);
      for (const url of urls.filter((u) => !u.includes('PageToken='))) out(`  GET ${readable(url)}`);
    }
    out();
    out(`${PROVIDERS.map((p) => pad(`${name(p)} (canonical)`, WIDTH)).join('  ')}  ${pad('status', 11)}  ${pad('start (UTC)', 19)}  ${pad('secs', 5)}  price`);
    const [first, ...others] = results as [Call[], ...Call[][]];
    const shown = Math.min(12, ...results.map((r) => r.length));
    for (let i = 0; i < shown; i++) out(row(results.map((r) => r[i]!)));
    if (first.length > shown) out(`… and ${first.length - shown} more`);
    out();

    const disagreements = others.flatMap((calls, k) => {
      const provider = PROVIDERS[k + 1]!;
      if (calls.length !== first.length) return [`  ${name(PROVIDERS[0])} returned ${first.length} calls, ${name(provider)} ${calls.length}`];
      return first.flatMap((call, i) => {
        const fields = differences(call, calls[i]!);
        return fields.length === 0 ? [] : [`  ${call.sid} vs ${name(provider)} ${calls[i]!.sid}: ${fields.join(', ')}`];
      });
    });
    const counts = new Map<string, number>();
    for (const call of first) counts.set(call.status, (counts.get(call.status) ?? 0) + 1);
    out(`by status: ${[...counts].map(([status, n]) => `${status} ${n}`).join(', ') || 'no calls'}`);
    if (disagreements.length > 0) {
      out(`the ${PROVIDERS.length} dialects DISAGREE:`);
      for (const line of disagreements) out(line);
      return 1;
    }
    out(`the ${PROVIDERS.length} dialects agree on all ${first.length} calls (each spells a call's sid its own way: CA + 32 hex digits, the UUID of those digits, v3: + the CA sid)`);
    return 0;
  } finally {
    await emulator.close();
  }
}
