import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { datasetOf } from '../../src/emulator/calls-dataset.js';
import { generateDataset } from '../../src/emulator/generate-dataset.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { spawnCli } from '../support/run-cli.js';
import { cliEnv, expectedHashes, storedHashes, syncContract } from './contract.js';
import { duckdbEngine } from './engines.js';
import { callsOf } from './evolve.js';

describe('sync into DuckDB', () => {
  const engine = duckdbEngine();
  afterAll(() => engine.stop());
  syncContract(() => engine);

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
