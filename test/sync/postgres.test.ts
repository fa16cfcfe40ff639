import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetOf } from '../../src/emulator/calls-dataset.js';
import { generateDataset } from '../../src/emulator/generate-dataset.js';
import { startEmulator } from '../../src/emulator/server.js';
import { SyncTargetError } from '../../src/sync/errors/sync-target-error.js';
import { syncCalls } from '../../src/sync/sync-calls.js';
import { spawnCli } from '../support/run-cli.js';
import { cliEnv, expectedHashes, sourceOf, storedHashes, syncContract } from './contract.js';
import { type Engine, postgresEngine } from './engines.js';
import { callsOf, evolve } from './evolve.js';

describe('sync into PostgreSQL', () => {
  // One server for the file, one database per test.
  let engine: Engine;
  beforeAll(async () => {
    engine = await postgresEngine();
  }, 180_000);
  afterAll(async () => engine?.stop(), 60_000);
  syncContract(() => engine);

  describe('concurrent syncs', () => {

    it('two syncs at once both run; neither duplicates nor loses a row', async () => {
      const calls = callsOf(generateDataset({ calls: 2000, seed: 9 }));
      const emulator = await startEmulator({ dataset: datasetOf(calls), faults: { latencyMs: 10 } });
      try {
        const target = await engine.fresh();
        const runs = [spawnCli(['sync', '--to', target, '--page-size', '100'], cliEnv(emulator)), spawnCli(['sync', '--to', target, '--page-size', '100'], cliEnv(emulator))];
        const results = await Promise.all(runs.map((r) => r.done));
        for (const r of results) {
          expect(r.stderr).toBe('');
          expect(r.code).toBe(0);
        }
        expect(await storedHashes(engine, target)).toEqual(await expectedHashes(emulator));

        // And again while the provider's data changes: both see and store the latest values.
        emulator.setDataset(evolve(calls, { change: 6, add: 5 }).dataset);
        const again = await Promise.all([0, 1].map(() => spawnCli(['sync', '--to', target, '--page-size', '50'], cliEnv(emulator)).done));
        expect(again.map((r) => r.code)).toEqual([0, 0]);
        expect(await storedHashes(engine, target)).toEqual(await expectedHashes(emulator));
      } finally {
        await emulator.close();
      }
    }, 120_000);

    it('names the server, without its password, when it cannot connect', async () => {
      const emulator = await startEmulator({ calls: 10 });
      try {
        const error = await syncCalls({ to: 'postgres://someone:hunter2@127.0.0.1:9/none', sources: [sourceOf(emulator)] }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SyncTargetError);
        expect(String(error)).toContain('127.0.0.1:9');
        expect(String(error)).not.toContain('hunter2');
      } finally {
        await emulator.close();
      }
    });
  });
});
