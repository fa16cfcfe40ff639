import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/emulator/generate-dataset.js';
import type { Call } from '../../src/model/call.js';
import { callRow } from '../../src/sync/columns.js';
import type { SyncDriver } from '../../src/sync/driver.js';
import { openDuckDb } from '../../src/sync/duckdb-driver.js';
import { migrate } from '../../src/sync/migrations.js';
import { type WindowBatch, type WindowPage, writeWindow } from '../../src/sync/write-window.js';
import { duckdbEngine } from './engines.js';
import { callsOf } from './evolve.js';

const engine = duckdbEngine();
afterAll(() => engine.stop());

const [a, b, c, d] = callsOf(generateDataset({ calls: 10, seed: 5 })).slice(0, 4).map((call) => ({ ...call, status: 'completed' as const }));
const priced = (call: Call) => ({ ...call, price: '-0.75', priceUnit: 'USD' });

function page(calls: Call[], cursor: string | null): WindowPage {
  return { rows: calls.map((call) => callRow(call, 'AC')), read: calls.length, seen: [], maxCreatedMs: null, cursor, last: cursor === null };
}

describe('writeWindow (DuckDB)', () => {
  it('reads a transaction a plain insert rolled back again from the last committed cursor, and counts only what was committed', async () => {
    const target = await engine.fresh();
    const opened = await openDuckDb(target, 1000);
    // Three rows to a transaction: pages 1 and 2 commit together, page 3 alone.
    const driver: SyncDriver = {
      engine: opened.engine,
      target: opened.target,
      types: opened.types,
      secondaryIndexes: opened.secondaryIndexes,
      rowsPerTransaction: 3,
      transaction: (work, options) => opened.transaction(work, options),
      close: () => opened.close(),
    };
    const listings: Array<string | null> = [];
    const recorded: Array<string | null> = [];
    const batches: WindowBatch[] = [];
    try {
      await migrate(driver);
      await writeWindow(
        driver,
        {
          async *pages(cursor) {
            listings.push(cursor);
            const all = [page([a!, b!], 'p2'), page([c!], 'p3'), page([d!, priced(a!)], null)];
            yield* all.slice(cursor === null ? 0 : Number(cursor.slice(1)) - 1);
          },
          record: async (_session, cursor) => void recorded.push(cursor),
        },
        null,
        (batch) => batches.push(batch),
        false,
      );
    } finally {
      await driver.close();
    }
    // Page 2 was all new, so page 3 went in with a plain insert, which met `a`.
    expect(listings).toEqual([null, 'p3']);
    expect(recorded).toEqual(['p3', null]);
    expect(batches.map((batch) => [batch.read, batch.cursor, batch.counts])).toEqual([
      [3, 'p3', [{ inserted: 2, updated: 0, unchanged: 0 }, { inserted: 1, updated: 0, unchanged: 0 }]],
      [2, null, [{ inserted: 1, updated: 1, unchanged: 0 }]],
    ]);
    const rows = await engine.select(target, 'SELECT sid, price FROM calls ORDER BY sid');
    expect(rows).toHaveLength(4);
    expect(rows.find((row) => row.sid === a!.sid)?.price).toBe(-0.75);
  });
});
