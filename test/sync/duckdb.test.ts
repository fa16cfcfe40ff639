import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { datasetOf } from '../../src/emulator/calls-dataset.js';
import { generateDataset } from '../../src/emulator/generate-dataset.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { type TestServer, sendJson, startServer } from '../support/http-server.js';
import { spawnCli } from '../support/run-cli.js';
import { callRow } from '../../src/sync/columns.js';
import { syncCalls } from '../../src/sync/index.js';
import { migrate } from '../../src/sync/migrations.js';
import { openTarget } from '../../src/sync/open-target.js';
import { cliEnv, expectedHashes, sourceOf, storedHashes, syncContract } from './contract.js';
import { duckdbEngine } from './engines.js';
import { callsOf } from './evolve.js';

describe('sync into DuckDB', () => {
  const engine = duckdbEngine();
  afterAll(() => engine.stop());
  syncContract(() => engine);

  describe('storage', () => {
    let emulator: Emulator | undefined;
    afterEach(async () => {
      await emulator?.close();
      emulator = undefined;
    });

    /** Each column's storage methods, and the file's format. */
    async function storage(target: string) {
      const rows = await engine.select(
        target,
        `SELECT column_name, list_sort(list_distinct(list(compression))) AS methods, any_value((SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = current_database())) AS format
         FROM pragma_storage_info('calls') WHERE segment_type NOT IN ('VALIDITY', 'BIGINT') AND compression <> 'Constant' GROUP BY column_name`,
      );
      return { format: rows[0]?.format, methods: Object.fromEntries(rows.map((row) => [row.column_name, row.methods])) };
    }

    it('stores the JSON columns of a new file in zstd, the texts in FSST, in the format of DuckDB 1.2', async () => {
      emulator = await startEmulator({ dataset: datasetOf(callsOf(generateDataset({ calls: 3000, seed: 5 }))) });
      const target = await engine.fresh();
      await syncCalls({ to: target, sources: [sourceOf(emulator)] });
      const { format, methods } = await storage(target);
      expect(format).toBe('v1.2.0+');
      expect(methods).toMatchObject({ raw: ['ZSTD'], subresource_uris: ['ZSTD'], sid: ['FSST'], uri: ['FSST'] });
    });

    it('writes row groups of 61,440 rows, a transaction each, into a file whose path holds a quote', async () => {
      emulator = await startEmulator({ dataset: datasetOf(callsOf(generateDataset({ calls: 62_000, seed: 5 }))) });
      const target = join(dirname(await engine.fresh()), "o'brien.duckdb");
      const [summary] = (await syncCalls({ to: target, sources: [sourceOf(emulator)] })).sources;
      expect(summary!.inserted).toBe(62_000);
      const groups = await engine.select(target, "SELECT row_group_id, max(count) AS rows FROM pragma_storage_info('calls') GROUP BY row_group_id ORDER BY row_group_id");
      expect(groups.map((group) => Number(group.rows))).toEqual([61_440, 560]);
    }, 60_000);

    it('checkpoints on DuckDB’s thread when it closes the file, so that the event loop turns meanwhile', async () => {
      const target = await engine.fresh();
      const driver = await openTarget(target, { lockTimeoutMs: 1000 });
      await migrate(driver);
      // Fewer rows than a row group: they wait in DuckDB's log for the checkpoint.
      const rows = callsOf(generateDataset({ calls: 2000, seed: 5 })).map((call) => callRow(call, 'AC'));
      await driver.transaction((session) => session.upsertCalls(driver.stage(rows)));
      let turns = 0;
      let closed = false;
      const spin = () => {
        if (closed) return;
        turns++;
        setImmediate(spin);
      };
      setImmediate(spin);
      await driver.close();
      closed = true;
      expect(turns).toBeGreaterThan(0);
      expect(await engine.select(target, 'SELECT count(*) AS n FROM calls')).toEqual([{ n: 2000n }]);
    });

    it('leaves them to FSST in a file of an older format, which would store zstd columns uncompressed', async () => {
      emulator = await startEmulator({ dataset: datasetOf(callsOf(generateDataset({ calls: 3000, seed: 5 }))) });
      const target = await engine.fresh();
      // A file another program created, in DuckDB's default format.
      (await DuckDBInstance.create(target)).closeSync();
      await syncCalls({ to: target, sources: [sourceOf(emulator)] });
      const { format, methods } = await storage(target);
      expect(format).toBe('v1.0.0+');
      expect(methods).toMatchObject({ raw: ['FSST'], subresource_uris: ['FSST'], sid: ['FSST'] });
    });
  });

  describe('raw records', () => {
    let server: TestServer | undefined;
    afterEach(async () => server?.close());

    it('stores each record as the provider wrote it: Twilio’s published page, served verbatim', async () => {
      const sample = readFileSync(new URL('../../fixtures/twilio/published/openapi-list-calls-page-1.json', import.meta.url), 'utf8');
      const records = (JSON.parse(sample) as { calls: Array<{ sid: string }> }).calls;
      // Its next page (and every listing after the first) is empty.
      server = await startServer((_req, res, url) => {
        if (url.searchParams.has('PageToken')) sendJson(res, 200, { calls: [], next_page_uri: null, page: 1, page_size: 2 });
        else res.writeHead(200, { 'content-type': 'application/json' }).end(sample);
      });
      const target = await engine.fresh();
      const account = records[0]!.sid.replace(/^CA/, 'AC');
      await syncCalls({ to: target, sources: [{ provider: 'twilio', baseUrl: server.origin, env: {}, accountSid: account, authToken: 'token' }] });
      const rows = await engine.select(target, 'SELECT sid, CAST(raw AS VARCHAR) AS raw FROM calls ORDER BY sid');
      expect(rows.map((row) => row.sid)).toEqual(records.map((record) => record.sid).sort());
      for (const row of rows) {
        const record = records.find((r) => r.sid === row.sid)!;
        expect(JSON.parse(row.raw as string)).toEqual(record);
        // The page's own text, spacing and all, not the record serialized again.
        expect(sample).toContain(row.raw);
        expect(row.raw).not.toBe(JSON.stringify(record));
      }
    });
  });

  describe('one writing process per file', () => {
    let emulator: Emulator | undefined;
    afterEach(async () => emulator?.close());

    it('a second sync waits a bounded time for the lock, then exits 1 naming it; one that may wait longer runs after the first', async () => {
      emulator = await startEmulator({ dataset: datasetOf(callsOf(generateDataset({ calls: 2000, seed: 5 }))), faults: { latencyMs: 40 } });
      const target = await engine.fresh();
      const first = spawnCli(['sync', '--to', target, '--page-size', '100'], cliEnv(emulator));
      let firstDone = false;
      void first.done.then(() => (firstDone = true));
      // Once the emulator has seen the first sync's requests, that sync holds the file.
      while (emulator.requestCount < 2) await new Promise((resolve) => setTimeout(resolve, 5));

      const refused = await spawnCli(['sync', '--to', target, '--lock-timeout', '300ms'], cliEnv(emulator)).done;
      expect(firstDone).toBe(false);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(target);
      expect(refused.stderr).toMatch(/locked by another process \(.*PID \d+\)/);

      const patient = spawnCli(['sync', '--to', target, '--lock-timeout', '120s'], cliEnv(emulator));
      expect(firstDone).toBe(false);
      const order: string[] = [];
      const [a, b] = await Promise.all([first.done.then((r) => (order.push('first'), r)), patient.done.then((r) => (order.push('patient'), r))]);
      expect([a.code, b.code]).toEqual([0, 0]);
      expect(order).toEqual(['first', 'patient']);
      expect(b.stdout).toContain('0 inserted, 0 updated');
      expect(await storedHashes(engine, target)).toEqual(await expectedHashes(emulator));
    }, 120_000);
  });
});
