import { parseArgs } from 'node:util';
import { type FaultOptions, loadDataset, startEmulator } from '../../emulator/index.js';
import { PROVIDERS } from '../../model/provider.js';
import type { Io } from '../io.js';
import { UsageError } from '../usage-error.js';
import { PROVIDER_NAMES } from '../provider-names.js';

export const EMULATOR_HELP = `Usage:
  callbridge emulator [--calls N] [--seed S] [--port P] [--host H] [--load FILE]… [--faults SPEC]

Starts a local server speaking the dialects of ${PROVIDER_NAMES} over
one dataset (generated: N calls, default 1000, seed S; or loaded from files of
raw records). Prints one JSON line when ready, with the base URL and each
dialect's credentials, and stops cleanly on Ctrl-C (SIGINT) or SIGTERM.

Calls created through it send their status callbacks (loopback URLs only),
signed as each provider signs them: Twilio's with the auth token, SignalWire's
with the Signing Key the ready line gives as signalwire.signingKey.

Faults (off by default), comma-separated:
  latency=MS | latency=MIN-MAX   delay every response
  rate-limit=K[:SECONDS]         every K-th request gets 429 with Retry-After (default 1 s)
  errors=P                       a 500/503 with probability P (0..1)
  truncate=once | truncate=K     cut the first (or every K-th) successful body
  next-page-origin=URL           next_page_uri points at another origin
`;

function number(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`--faults ${name} must be a number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

/** Reads `--faults latency=50,rate-limit=7:1,errors=0.05,truncate=once`. */
export function parseFaults(spec: string): FaultOptions {
  const faults: FaultOptions = {};
  for (const part of spec.split(',').filter((p) => p.trim() !== '')) {
    const [name = '', value = ''] = part.trim().split(/=(.*)/s);
    switch (name) {
      case 'latency': {
        const [min, max] = value.split('-');
        faults.latencyMs = max === undefined ? number(name, value, 0, 60_000) : { min: number(name, min!, 0, 60_000), max: number(name, max, 0, 60_000) };
        break;
      }
      case 'rate-limit': {
        const [every = '', seconds] = value.split(':');
        faults.rateLimit = { every: number(name, every, 1, 1e9), ...(seconds !== undefined && { retryAfterSeconds: number(name, seconds, 0, 3600) }) };
        break;
      }
      case 'errors':
        faults.serverErrors = { probability: number(name, value, 0, 1) };
        break;
      case 'truncate':
        faults.truncate = value === 'once' ? { once: true } : { every: number(name, value, 1, 1e9) };
        break;
      case 'next-page-origin':
        if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
          throw new UsageError(`--faults next-page-origin must be an http(s) URL such as https://elsewhere.example, not "${value}"`);
        }
        faults.nextPageOrigin = value;
        break;
      default:
        throw new UsageError(`unknown fault "${name}"; known: latency, rate-limit, errors, truncate, next-page-origin`);
    }
  }
  return faults;
}

/** `callbridge emulator`. */
export async function emulatorCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      calls: { type: 'string' },
      seed: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      load: { type: 'string', multiple: true },
      faults: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(`emulator takes no arguments, got "${positionals[0]}"`);
  const whole = (flag: string, text: string | undefined, max = Number.MAX_SAFE_INTEGER) => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text) || Number(text) > max) throw new UsageError(`--${flag} must be a whole number from 0 to ${max}, not "${text}"`);
    return Number(text);
  };
  if (values.load !== undefined && values.calls !== undefined) throw new UsageError('--load and --calls cannot be combined');
  const emulator = await startEmulator({
    ...(values.calls !== undefined && { calls: whole('calls', values.calls)! }),
    ...(values.seed !== undefined && { seed: whole('seed', values.seed)! }),
    ...(values.port !== undefined && { port: whole('port', values.port, 65_535)! }),
    ...(values.host !== undefined && { host: values.host }),
    ...(values.load !== undefined && { dataset: await loadDataset(values.load) }),
    ...(values.faults !== undefined && { faults: parseFaults(values.faults) }),
  });
  io.stdout.write(
    `${JSON.stringify({ url: emulator.url, calls: emulator.dataset.size, ...Object.fromEntries(PROVIDERS.map((p) => [p, emulator[p]])) })}\n`,
  );
  const signal = await new Promise<string>((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => resolve(name));
  });
  await emulator.close();
  io.stderr.write(`emulator: stopped on ${signal}\n`);
  return 0;
}
