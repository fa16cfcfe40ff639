import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CallClient, createCallClient } from '../../src/client/call-client.js';
import type { CallClientOptions } from '../../src/client/config.js';
import { datasetOf } from '../../src/emulator/calls-dataset.js';
import { generateDataset } from '../../src/emulator/generate-dataset.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import type { Call } from '../../src/model/call.js';
import { CALL_COLUMNS, callCells, callRow } from '../../src/sync/columns.js';
import { syncCalls } from '../../src/sync/sync-calls.js';
import { type CliResult, runCli, spawnCli } from '../support/run-cli.js';
import type { Engine } from './engines.js';
import { callsOf, evolve, laterVersion } from './evolve.js';

/** Options of a client of the emulator's Twilio or SignalWire account. */
export function sourceOf(emulator: Emulator, provider: 'twilio' | 'signalwire' = 'twilio'): CallClientOptions {
  const credentials = provider === 'twilio' ? emulator.twilio : { projectId: emulator.signalwire.projectId, token: emulator.signalwire.token };
  return { provider, baseUrl: emulator.url, env: {}, retry: { baseDelay: 5, maxDelay: 20 }, ...credentials };
}

/** The environment `callbridge sync` reads the emulator's Twilio account from. */
export function cliEnv(emulator: Emulator): Record<string, string> {
  return { CALLBRIDGE_BASE_URL: emulator.url, TWILIO_ACCOUNT_SID: emulator.twilio.accountSid, TWILIO_AUTH_TOKEN: emulator.twilio.authToken };
}

/** sid -> content hash of every call the emulator serves now, read through the client as sync reads them. */
export async function expectedHashes(emulator: Emulator, provider: 'twilio' | 'signalwire' = 'twilio'): Promise<Map<string, string>> {
  const client = createCallClient(sourceOf(emulator, provider));
  const calls = await client.calls.list({ pageSize: 1000 });
  return new Map(calls.map((call) => [call.sid, callRow(call, client.account).hash]));
}

/** sid -> content hash of the stored rows of a provider; fails if a sid is stored twice. */
export async function storedHashes(engine: Engine, target: string, provider = 'twilio'): Promise<Map<string, string>> {
  const rows = await engine.select(target, `SELECT sid, content_hash FROM calls WHERE provider = '${provider}'`);
  const map = new Map(rows.map((r) => [r.sid as string, r.content_hash as string]));
  expect(map.size).toBe(rows.length);
  return map;
}

async function bookkeeping(engine: Engine, target: string): Promise<Map<string, string>> {
  const rows = await engine.select(target, 'SELECT sid, content_hash, CAST(synced_at AS VARCHAR) AS synced_at FROM calls');
  return new Map(rows.map((r) => [r.sid as string, `${r.content_hash as string} ${r.synced_at as string}`]));
}

async function watermark(engine: Engine, target: string): Promise<number | null> {
  const [row] = await engine.select(target, "SELECT watermark_ms FROM callbridge_sync_state WHERE provider = 'twilio'");
  return row?.watermark_ms === null || row === undefined ? null : Number(row.watermark_ms);
}

const latestCreated = (calls: readonly Call[]) => Math.max(...calls.map((c) => Date.parse(c.dateCreated!)));

/**
 * Runs `callbridge sync` and kills it (kill -9) once the emulator has answered `requests` requests.
 * Its temporary directory is one of its own, removed afterwards: a killed DuckDB sync leaves its page files there.
 */
async function killAfter(emulator: Emulator, args: string[], requests: number): Promise<CliResult> {
  const start = emulator.requestCount;
  const tmp = mkdtempSync(join(tmpdir(), 'callbridge-killed-'));
  const { child, done } = spawnCli(args, { ...cliEnv(emulator), TMPDIR: tmp });
  const poll = setInterval(() => {
    if (emulator.requestCount - start >= requests) child.kill('SIGKILL');
  }, 1);
  try {
    return await done;
  } finally {
    clearInterval(poll);
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The behaviour every sync target shares, run against a real engine (started
 * and stopped by the caller, which hands it over once started):
 * upsert by key, the incremental window, the watermark, late changes, dry
 * runs, several sources, and kill -9 at any point.
 */
export function syncContract(engineOf: () => Engine): void {
  let engine: Engine;
  const emulators: Emulator[] = [];
  beforeAll(() => {
    engine = engineOf();
  });
  afterEach(async () => {
    await Promise.all(emulators.splice(0).map((e) => e.close()));
  });

  const emulatorOf = async (calls: readonly Call[]) => {
    const emulator = await startEmulator({ dataset: datasetOf(calls) });
    emulators.push(emulator);
    return emulator;
  };
  const generated = (n: number, seed = 3) => callsOf(generateDataset({ calls: n, seed }));

  describe('contract', () => {
    it('writes every call once, then rewrites nothing when nothing changed', async () => {
      const calls = generated(1500);
      const emulator = await emulatorOf(calls);
      const target = await engine.fresh();
      const first = await syncCalls({ to: target, sources: [sourceOf(emulator)], pageSize: 200 });
      expect(first.engine).toBe(engine.name);
      expect(first.sources[0]).toMatchObject({ provider: 'twilio', inserted: 1500, updated: 0, listedFrom: null, watermarkBefore: null });
      expect(await storedHashes(engine, target)).toEqual(await expectedHashes(emulator));
      expect(await watermark(engine, target)).toBe(latestCreated(calls));

      const before = await bookkeeping(engine, target);
      const second = await syncCalls({ to: target, sources: [sourceOf(emulator)], pageSize: 200 });
      expect(second.sources[0]).toMatchObject({ inserted: 0, updated: 0, listedFrom: new Date(latestCreated(calls) - 48 * 3600_000).toISOString() });
      // Only the trailing window was read again, not every call.
      expect(second.sources[0]!.read).toBeLessThan(calls.length / 2);
      expect(await bookkeeping(engine, target)).toEqual(before);
    });

    it('stores canonical values with real types', async () => {
      const calls = generated(200);
      const emulator = await emulatorOf(calls);
      const target = await engine.fresh();
      await syncCalls({ to: target, sources: [sourceOf(emulator)] });
      const priced = calls.find((c) => c.price !== null && c.duration !== null && c.to?.e164 !== null && c.startTime !== null)!;
      const [row] = await engine.select(
        target,
        `SELECT CAST(price AS VARCHAR) AS price, price_unit, duration, to_address_e164, to_address_country, status,
           CAST(EXTRACT(EPOCH FROM start_time) AS BIGINT) AS start_s, CAST(raw AS VARCHAR) AS raw
         FROM calls WHERE sid = '${priced.sid}'`,
      );
      expect(Number(row!.price)).toBe(Number(priced.price));
      expect(row!.price).toMatch(/^\d+\.\d+$/);
      expect(row).toMatchObject({ price_unit: priced.priceUnit, duration: priced.duration, to_address_e164: priced.to!.e164, to_address_country: priced.to!.country, status: priced.status });
      expect(Number(row!.start_s)).toBe(Date.parse(priced.startTime!) / 1000);
      expect(JSON.parse(row!.raw as string)).toMatchObject({ sid: priced.sid });
    });

    it('stores every column of every call as read: NULLs, numbers, JSON, and texts holding any character', async () => {
      // A row crosses into the database as one text, its cells joined by \x1f with \x1e for NULL: texts holding those are kept too.
      const odd = ['a\x1fb', '\x1e', '', '[not json', 'tab\there "quoted" \\ é 📞', 'two\r\nlines\n'];
      const calls = generated(300).map((call, i) => (i < odd.length ? { ...call, callerName: odd[i]!, ...(i === 3 ? { fromFormatted: '\x1f' } : {}) } : call));
      const emulator = await emulatorOf(calls);
      const target = await engine.fresh();
      await syncCalls({ to: target, sources: [sourceOf(emulator)], pageSize: 70 });
      const client = createCallClient(sourceOf(emulator));
      const expected = new Map((await client.calls.list({ pageSize: 1000 })).map((call) => [call.sid, callCells(call, client.account)]));
      const asText = (c: (typeof CALL_COLUMNS)[number]) =>
        c.type === 'timestamp' ? `CAST(EXTRACT(EPOCH FROM ${c.name}) * 1000 AS BIGINT)` : `CAST(${c.name} AS VARCHAR)`;
      const rows = await engine.select(target, `SELECT ${CALL_COLUMNS.map((c) => `${asText(c)} AS ${c.name}`).join(', ')} FROM calls`);
      expect(rows).toHaveLength(expected.size);
      const trimmed = (decimal: string) => decimal.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
      for (const row of rows) {
        const cells = expected.get(row.sid as string)!;
        CALL_COLUMNS.forEach((c, i) => {
          const [stored, read] = [row[c.name], cells[i]];
          if (read === null || stored === null) expect([c.name, stored]).toEqual([c.name, read]);
          else if (c.type === 'timestamp') expect([c.name, Number(stored)]).toEqual([c.name, Date.parse(read as string)]);
          else if (c.type === 'decimal') expect([c.name, trimmed(stored as string)]).toEqual([c.name, trimmed(read as string)]);
          else if (c.type === 'json') expect([c.name, JSON.parse(stored as string)]).toEqual([c.name, read]);
          else if (c.type === 'text') expect([c.name, stored]).toEqual([c.name, read]);
          else expect([c.name, Number(stored)]).toEqual([c.name, read]);
        });
      }
      expect(odd.map((text) => rows.some((row) => row.caller_name === text))).toEqual(odd.map(() => true));
      expect(await storedHashes(engine, target)).toEqual(await expectedHashes(emulator));
    });

    it('stores a call listed twice (in one page, or on two pages of one transaction) once, with the last values read', async () => {
      const [c0, c1, c2] = generated(10).map((call) => ({ ...call, status: 'completed' as const }));
      const later = (call: Call, price: string) => ({ ...call, price, priceUnit: 'USD' });
      // A provider whose calls change while they are listed: the same sid comes again, with other values.
      const pages = [
        { calls: [c0!, c1!, later(c1!, '-0.5')], cursor: 'after-first' },
        { calls: [c2!, later(c0!, '-0.25')], cursor: null },
      ];
      const client = {
        provider: 'twilio',
        account: c0!.accountSid!,
        calls: {
          // Pages of the window, from a cursor as a client resumes; the live statuses list nothing.
          async *pages(query: { status?: string } = {}, options: { cursor?: string } = {}) {
            if (query.status === undefined) yield* pages.slice(options.cursor === 'after-first' ? 1 : 0);
          },
        },
      } as unknown as CallClient;
      const target = await engine.fresh();
      const summary = await syncCalls({ to: target, sources: [client] });
      expect(summary.sources[0]).toMatchObject({ read: 5, inserted: 3, updated: 1, unchanged: 0 });
      const rows = await engine.select(target, 'SELECT sid, content_hash FROM calls ORDER BY sid');
      const expected = [later(c0!, '-0.25'), later(c1!, '-0.5'), c2!].sort((a, b) => (a.sid < b.sid ? -1 : 1));
      expect(rows.map((row) => [row.sid, row.content_hash])).toEqual(expected.map((call) => [call.sid, callRow(call, client.account).hash]));
    });

    it('after N calls change inside the window, updates exactly those N rows and inserts the new ones', async () => {
      const calls = generated(1500);
      const emulator = await emulatorOf(calls);
      const target = await engine.fresh();
      await syncCalls({ to: target, sources: [sourceOf(emulator)], pageSize: 250 });
      const before = await bookkeeping(engine, target);

      const later = evolve(calls, { change: 7, add: 4 });
      emulator.setDataset(later.dataset);
      const run = await syncCalls({ to: target, sources: [sourceOf(emulator)], pageSize: 250 });
      expect(run.sources[0]).toMatchObject({ inserted: 4, updated: 7 });
      const after = await bookkeeping(engine, target);
      expect(after.size).toBe(1504);
      const rewritten = [...after].filter(([sid, value]) => before.get(sid) !== value).map(([sid]) => sid);
      expect(rewritten.sort()).toEqual([...later.changed, ...later.added].sort());
      expect(await storedHashes(engine, target)).toEqual(await expectedHashes(emulator));
      expect(await watermark(engine, target)).toBe(latestCreated(later.calls));
    });

    it('reads a live call again until it has ended, even long outside the window', async () => {
      const calls = generated(1500);
      const old = 1200;
      calls[old] = { ...calls[old]!, status: 'in-progress', endTime: null, duration: null, price: null, priceUnit: null };
      const emulator = await emulatorOf(calls);
      const target = await engine.fresh();
      await syncCalls({ to: target, sources: [sourceOf(emulator)] });
      const ended = calls.map((c, i) => (i === old ? laterVersion(c) : c));
      emulator.setDataset(datasetOf(ended));
      const run = await syncCalls({ to: target, sources: [sourceOf(emulator)] });
      expect(run.sources[0]).toMatchObject({ inserted: 0, updated: 1 });
      const [row] = await engine.select(target, `SELECT status, duration FROM calls WHERE sid = '${calls[old]!.sid}'`);
      expect(row).toEqual({ status: 'completed', duration: 61 });
      // Ended now: the next run reads it no more.
      const quiet = await syncCalls({ to: target, sources: [sourceOf(emulator)] });
      expect(quiet.sources[0]).toMatchObject({ inserted: 0, updated: 0 });
    });

    it('never moves the watermark back', async () => {
      const calls = generated(800);
      const emulator = await emulatorOf(calls);
      const target = await engine.fresh();
      await syncCalls({ to: target, sources: [sourceOf(emulator)] });
      const high = await watermark(engine, target);
      // The newest calls vanish from the provider's listing (deleted): the next run lists older ones only.
      emulator.setDataset(datasetOf(calls.slice(100)));
      const run = await syncCalls({ to: target, sources: [sourceOf(emulator)] });
      expect(run.sources[0]!.watermarkAfter).toBe(new Date(high!).toISOString());
      expect(await watermark(engine, target)).toBe(high);
      expect((await storedHashes(engine, target)).size).toBe(800);
    });

    it('syncs several sources into one table in one run', async () => {
      const calls = generated(600);
      const emulator = await emulatorOf(calls);
      const target = await engine.fresh();
      const run = await syncCalls({ to: target, sources: [sourceOf(emulator, 'twilio'), sourceOf(emulator, 'signalwire')] });
      expect(run.sources.map((s) => [s.provider, s.inserted])).toEqual([['twilio', 600], ['signalwire', 600]]);
      expect(await storedHashes(engine, target, 'signalwire')).toEqual(await expectedHashes(emulator, 'signalwire'));
      const states = await engine.select(target, 'SELECT provider, account_sid, watermark_ms FROM callbridge_sync_state ORDER BY provider');
      expect(states.map((s) => [s.provider, s.account_sid, Number(s.watermark_ms)])).toEqual([
        ['signalwire', emulator.signalwire.projectId, latestCreated(calls)],
        ['twilio', emulator.twilio.accountSid, latestCreated(calls)],
      ]);
    });

    it('counts what a dry run would change and writes nothing', async () => {
      const calls = generated(800);
      const emulator = await emulatorOf(calls);
      const target = await engine.fresh();
      await syncCalls({ to: target, sources: [sourceOf(emulator)] });
      const before = await bookkeeping(engine, target);
      emulator.setDataset(evolve(calls, { change: 3, add: 2 }).dataset);
      const dry = await runCli(['sync', '--to', target, '--dry-run'], cliEnv(emulator));
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/^dry run, nothing written/);
      expect(dry.stdout).toContain('2 inserted, 3 updated');
      expect(await bookkeeping(engine, target)).toEqual(before);
      const real = await runCli(['sync', '--to', target], cliEnv(emulator));
      expect(real.stdout).toContain('2 inserted, 3 updated');
    });

    it('after kill -9 at any point, the next run leaves every call exactly once with its latest values', async () => {
      const calls = generated(2000);
      const emulator = await emulatorOf(calls);
      emulator.setFaults({ latencyMs: 15 });
      // 20 pages of the window (on PostgreSQL a page to a transaction; on DuckDB one transaction of a row
      // group holds them all: killed inside it or after it), then the live calls, then the settling reads.
      for (const [i, requests] of [1, 6, 14, 19, 22].entries()) {
        emulator.setDataset(datasetOf(calls));
        const target = await engine.fresh();
        const killed = await killAfter(emulator, ['sync', '--to', target, '--page-size', '100'], requests);
        expect(killed.signal).toBe('SIGKILL');
        // The provider changes meanwhile: the rerun must store the latest values.
        const later = evolve(calls, { change: 5, add: 3, offset: i });
        emulator.setDataset(later.dataset);
        const rerun = await runCli(['sync', '--to', target, '--page-size', '100'], cliEnv(emulator));
        expect(rerun.stderr).toBe('');
        expect(rerun.code).toBe(0);
        if (requests >= 6) expect(rerun.stdout).toContain('(resumed)');
        expect(await storedHashes(engine, target)).toEqual(await expectedHashes(emulator));
        expect(await watermark(engine, target)).toBe(latestCreated(later.calls));
      }
    }, 120_000);
  });
}
