import { parseArgs } from 'node:util';
import type { CallClientOptions } from '../../client/config.js';
import { PROVIDERS, isProvider } from '../../model/provider.js';
import { DEFAULT_TARGET, type SourceSummary, syncCalls } from '../../sync/sync-calls.js';
import type { Io } from '../io.js';
import { Progress } from '../progress.js';
import { PROVIDER_FLAGS, clientFromFlags } from '../query-flags.js';
import { UsageError } from '../usage-error.js';

export const SYNC_HELP = `Usage:
  callbridge sync [--to TARGET] [--window DURATION] [--provider NAME]... [--dry-run]
                  [--lock-timeout DURATION] [--page-size N] [--quiet] [--base-url URL]

Upserts the calls of the configured account into a database, keyed by
provider, account and sid. TARGET is postgres://… or postgresql://… for a
PostgreSQL server, anything else a DuckDB file (default ${DEFAULT_TARGET}).
Each run reads calls started since the last run's latest start time less
the window (default 48h), calls not yet ended, and stored calls that were
live; a killed run, run again, leaves every call exactly once.

  --provider NAME       sync this provider's account (credentials from the environment);
                        repeat to sync several into one table in one run
  --window DURATION     how far back each run reads again: 48h, 90m, 3d, 0
  --dry-run             count what would change, write nothing
  --lock-timeout D      how long to wait for a DuckDB file another sync writes (default 30s)
`;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Reads `48h`, `90m`, `30s`, `3d`, `500ms` or `0` as milliseconds. */
export function parseDuration(flag: string, value: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(value.trim());
  if (match === null || (match[2] === undefined && match[1] !== '0')) {
    throw new UsageError(`--${flag} must be a duration such as 48h, 90m, 30s or 3d, not "${value}"`);
  }
  return Number(match[1]) * UNIT_MS[match[2] ?? 'ms']!;
}

function line(s: SourceSummary): string {
  const watermark = s.watermarkAfter === null ? 'no watermark' : `watermark ${s.watermarkAfter}`;
  const missing = s.missing > 0 ? `, ${s.missing} gone from the provider` : '';
  return `${s.provider} ${s.account}: ${s.read} read, ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged${missing}; ${watermark}${s.resumed ? ' (resumed)' : ''}\n`;
}

/** `callbridge sync`. */
export async function syncCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...PROVIDER_FLAGS,
      provider: { type: 'string', multiple: true },
      to: { type: 'string' },
      window: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'lock-timeout': { type: 'string' },
      'page-size': { type: 'string' },
      quiet: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(`sync takes no arguments, got "${positionals[0]}"`);
  const { provider: providers = [], ...rest } = values;
  const shared: CallClientOptions = { ...clientFromFlags(rest), env: io.env };
  for (const p of providers) if (!isProvider(p)) throw new UsageError(`--provider must be one of ${PROVIDERS.join(', ')}, not "${p}"`);
  const sources = providers.length === 0 ? [shared] : [...new Set(providers)].map((provider) => ({ ...shared, provider } as CallClientOptions));
  const pageSize = values['page-size'];
  if (pageSize !== undefined && !/^\d+$/.test(pageSize)) throw new UsageError(`--page-size must be a whole number, not "${pageSize}"`);

  const progress = new Progress(io.stderr, 'sync:', values.quiet);
  try {
    const summary = await syncCalls({
      sources,
      ...(values.to !== undefined && { to: values.to }),
      ...(values.window !== undefined && { windowMs: parseDuration('window', values.window) }),
      ...(values['lock-timeout'] !== undefined && { lockTimeoutMs: parseDuration('lock-timeout', values['lock-timeout']) }),
      ...(pageSize !== undefined && { pageSize: Number(pageSize) }),
      dryRun: values['dry-run'] === true,
      onProgress: (p) => progress.update(p.read),
    });
    progress.done();
    io.stdout.write(`${summary.dryRun ? 'dry run, nothing written: ' : ''}${summary.engine} ${summary.target}\n`);
    for (const source of summary.sources) io.stdout.write(line(source));
  } catch (error) {
    progress.done();
    throw error;
  }
  return 0;
}
