import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/emulator/generate-dataset.js';
import type { Call } from '../../src/model/call.js';
import { type CallRow, callRow } from '../../src/sync/columns.js';
import type { StagedRows, SyncDriver } from '../../src/sync/driver.js';
import { migrate } from '../../src/sync/migrations.js';
import { openTarget } from '../../src/sync/open-target.js';
import { type WindowBatch, type WindowPage, writeWindow } from '../../src/sync/write-window.js';
import { type Engine, duckdbEngine, postgresEngine } from './engines.js';
import { callsOf } from './evolve.js';

const engine = duckdbEngine();
afterAll(() => engine.stop());

const [a, b, c, d, e, f] = callsOf(generateDataset({ calls: 10, seed: 5 })).slice(0, 6).map((call) => ({ ...call, status: 'completed' as const }));
const priced = (call: Call) => ({ ...call, price: '-0.75', priceUnit: 'USD' });

function page(calls: Call[], cursor: string | null, stage: (rows: Iterable<CallRow>) => StagedRows): WindowPage {
  return { rows: stage(calls.map((call) => callRow(call, 'AC'))), read: calls.length, seen: [], maxCreatedMs: null, cursor, last: cursor === null };
}

/** The target's driver with transactions of `rows` rows. */
async function driverOf(target: string, rows: number, splitPages: boolean): Promise<SyncDriver> {
  const opened = await openTarget(target, { lockTimeoutMs: 1000 });
  return {
    engine: opened.engine,
    target: opened.target,
    types: opened.types,
    columnStorage: opened.columnStorage,
    secondaryIndexes: opened.secondaryIndexes,
    rowsPerTransaction: rows,
    splitPages,
    pagesAhead: opened.pagesAhead,
    stage: (rows) => opened.stage(rows),
    transaction: (work, options) => opened.transaction(work, options),
    close: () => opened.close(),
  };
}

/**
 * Writes pages of calls (cursors p2, p3, …) through writeWindow from `cursor`; returns what it listed,
 * recorded and committed. With `dieAt`, the listing fails when asked for that page (0-based), as a killed run would.
 */
async function writePages(driver: SyncDriver, calls: Call[][], cursor: string | null = null, dieAt?: number) {
  const listings: Array<string | null> = [];
  const recorded: Array<[string | null, boolean]> = [];
  const batches: WindowBatch[] = [];
  let error: unknown = null;
  try {
    await migrate(driver);
    await writeWindow(
      driver,
      {
        async *pages(from, stage) {
          listings.push(from);
          for (let i = from === null ? 0 : Number(from.slice(1)) - 1; i < calls.length; i++) {
            if (i === dieAt) throw new Error('killed');
            yield page(calls[i]!, i === calls.length - 1 ? null : `p${i + 2}`, stage);
          }
        },
        record: async (_session, at, listed) => void recorded.push([at, listed]),
      },
      cursor,
      (batch) => batches.push(batch),
      false,
    );
  } catch (thrown) {
    error = thrown;
  } finally {
    await driver.close();
  }
  return { listings, recorded, batches, error };
}

/** Both engines write pages that were all new with a plain insert, and replay its transaction as upserts when it meets a stored key. */
describe.each(['duckdb', 'postgres'] as const)('writeWindow, plain inserts (%s)', (name) => {
  let target: Engine;
  beforeAll(async () => {
    target = name === 'duckdb' ? engine : await postgresEngine();
  }, 180_000);
  afterAll(async () => {
    if (name === 'postgres') await target?.stop();
  }, 60_000);

  it('reads a transaction a plain insert rolled back again from the last committed cursor, and counts only what was committed', async () => {
    const at = await target.fresh();
    // Three rows to a transaction, whole pages: pages 1 and 2 commit together, page 3 alone.
    const { listings, recorded, batches, error } = await writePages(await driverOf(at, 3, false), [[a!, b!], [c!], [d!, priced(a!)]]);
    expect(error).toBeNull();
    // Page 2 was all new, so page 3 went in with a plain insert, which met `a`.
    expect(listings).toEqual([null, 'p3']);
    expect(recorded).toEqual([['p3', false], [null, true]]);
    expect(batches.map((batch) => [batch.read, batch.cursor, batch.counts])).toEqual([
      [3, 'p3', [{ inserted: 2, updated: 0, unchanged: 0 }, { inserted: 1, updated: 0, unchanged: 0 }]],
      [2, null, [{ inserted: 1, updated: 1, unchanged: 0 }]],
    ]);
    const rows = await target.select(at, 'SELECT sid, price, synced_at >= first_synced_at AS ordered FROM calls ORDER BY sid');
    expect(rows).toHaveLength(4);
    expect(Number(rows.find((row) => row.sid === a!.sid)?.price)).toBe(-0.75);
    expect(rows.every((row) => row.ordered === true)).toBe(true);
  });
});

describe('writeWindow (DuckDB)', () => {
  it('splits pages so that each transaction writes exactly its rows, the cursor after the last whole page', async () => {
    const target = await engine.fresh();
    const { listings, recorded, batches } = await writePages(await driverOf(target, 3, true), [[a!, b!], [c!, d!], [e!, priced(a!)]]);
    // 1: a b | c, committed with p2. 2: d | e went in by plain insert, then a met the key: rolled back,
    // read again from p2 (c is stored: unchanged), c d | e with p3. 3: a by plain insert met the key again:
    // read again from p3, e a as upserts. Every call read is counted once per reading, and written once.
    expect(listings).toEqual([null, 'p2', 'p3']);
    expect(recorded).toEqual([['p2', false], ['p3', false], [null, true]]);
    expect(batches.map((batch) => [batch.read, batch.cursor, batch.listed, batch.counts])).toEqual([
      [3, 'p2', false, [{ inserted: 2, updated: 0, unchanged: 0 }, { inserted: 1, updated: 0, unchanged: 0 }]],
      [3, 'p3', false, [{ inserted: 1, updated: 0, unchanged: 1 }, { inserted: 1, updated: 0, unchanged: 0 }]],
      [2, null, true, [{ inserted: 0, updated: 1, unchanged: 1 }]],
    ]);
    const rows = await engine.select(target, 'SELECT sid, price FROM calls ORDER BY sid');
    expect(rows).toHaveLength(5);
    expect(rows.find((row) => row.sid === a!.sid)?.price).toBe(-0.75);
  });

  it('resumes a run stopped inside a split page from the cursor before it, with the latest values', async () => {
    const target = await engine.fresh();
    const first = await writePages(await driverOf(target, 3, true), [[a!, b!], [c!, d!], [e!, f!]], null, 2);
    // a b | c committed with p2; d was being written when the listing failed: rolled back.
    expect(first.error).toEqual(new Error('killed'));
    expect(first.recorded).toEqual([['p2', false]]);
    expect(await engine.select(target, 'SELECT count(*)::INTEGER AS n FROM calls')).toEqual([{ n: 3 }]);
    // The provider changed c meanwhile; the resumed run reads page 2 again.
    const resumed = await writePages(await driverOf(target, 3, true), [[a!, b!], [priced(c!), d!], [e!, f!]], 'p2');
    expect(resumed.error).toBeNull();
    expect(resumed.listings).toEqual(['p2']);
    expect(resumed.batches.map((batch) => [batch.read, batch.cursor, batch.listed, batch.counts])).toEqual([
      [3, 'p3', false, [{ inserted: 1, updated: 1, unchanged: 0 }, { inserted: 1, updated: 0, unchanged: 0 }]],
      [1, null, true, [{ inserted: 1, updated: 0, unchanged: 0 }]],
    ]);
    const rows = await engine.select(target, 'SELECT sid, price FROM calls ORDER BY sid');
    expect(rows).toHaveLength(6);
    expect(rows.find((row) => row.sid === c!.sid)?.price).toBe(-0.75);
  });

  it('writes pages read far ahead of the one being written, each from its own file, every call once', async () => {
    const target = await engine.fresh();
    const driver = await driverOf(target, 7, true);
    const calls = callsOf(generateDataset({ calls: 3 * (driver.pagesAhead + 2) * 2, seed: 8 }));
    // Pages of two calls, more than three times the driver's files: each file is written again and again
    // while the pages before are waiting, split between transactions and written.
    const pages = Array.from({ length: calls.length / 2 }, (_, i) => calls.slice(2 * i, 2 * i + 2));
    const { batches, error } = await writePages(driver, pages);
    expect(error).toBeNull();
    expect(batches.reduce((sum, batch) => sum + batch.counts.reduce((n, counts) => n + counts.inserted, 0), 0)).toBe(calls.length);
    const rows = await engine.select(target, 'SELECT sid, status FROM calls ORDER BY sid');
    expect(rows).toEqual(calls.map((call) => ({ sid: call.sid, status: call.status })).sort((x, y) => (x.sid < y.sid ? -1 : 1)));
  });
});
