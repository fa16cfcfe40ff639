import type { CallRow } from './columns.js';
import type { SqlSession, SyncDriver, WriteCounts } from './driver.js';
import { TransientConflict } from './errors/transient-conflict.js';
import { readAhead } from './read-ahead.js';

/** A page of the window, converted and ready to be written. */
export interface WindowPage {
  rows: CallRow[];
  /** Calls read on the page (a sid listed twice counts twice). */
  read: number;
  /** Sids to remember as read in this run (see `syncCalls`). */
  seen: string[];
  /** The latest creation time on the page, epoch ms. */
  maxCreatedMs: number | null;
  /** The client's cursor after this page; null on the last page. */
  cursor: string | null;
  /** Whether the window ends with this page. */
  last: boolean;
}

/** What one committed transaction of the window held. */
export interface WindowBatch {
  counts: WriteCounts[];
  read: number;
  seen: string[];
  maxCreatedMs: number | null;
  /** The cursor committed with the batch: null once the window is listed. */
  cursor: string | null;
}

/** How the window is read and its progress recorded. */
export interface WindowSource {
  /** Lists the window's pages from a committed cursor (null: from the start). */
  pages(cursor: string | null): AsyncIterable<WindowPage>;
  /** Records, in the transaction that wrote them, the cursor after its pages and their latest creation time. */
  record(session: SqlSession, cursor: string | null, maxCreatedMs: number | null): Promise<void>;
}

// A transient conflict rolls a transaction back; more than this many in a row without a commit is an error.
const CONFLICTS = 5;

/** The later of two epoch-ms times, either of which may be unknown. */
export const later = (a: number | null, b: number | null): number | null => (a === null || (b !== null && b > a) ? b : a);

/**
 * Writes the window, from `cursor` on: whole pages in transactions of at
 * least the driver's `rowsPerTransaction` rows, each page upserted while the
 * next one is read and converted, each transaction with the cursor after its
 * last page. A transaction rolled back by a transient conflict is read again
 * from the last committed cursor; the pages it held are never kept in memory
 * for a replay. `committed` is told each batch once it is committed (rolled
 * back, in a dry run).
 */
export async function writeWindow(driver: SyncDriver, source: WindowSource, cursor: string | null, committed: (batch: WindowBatch) => void, rollback: boolean): Promise<void> {
  for (let conflicts = 0; ; ) {
    const pages = readAhead(source.pages(cursor));
    try {
      for (;;) {
        const batch = await driver.transaction((session) => writeBatch(session, pages, driver.rowsPerTransaction, source), { rollback, replay: false });
        committed(batch);
        conflicts = 0;
        if (batch.cursor === null) return;
        cursor = batch.cursor;
      }
    } catch (error) {
      if (!(error instanceof TransientConflict) || ++conflicts > CONFLICTS) throw error;
    } finally {
      await pages.return();
    }
  }
}

async function writeBatch(session: SqlSession, pages: AsyncIterator<WindowPage>, rows: number, source: WindowSource): Promise<WindowBatch> {
  const batch: WindowBatch = { counts: [], read: 0, seen: [], maxCreatedMs: null, cursor: null };
  for (let written = 0; written < rows; ) {
    const next = await pages.next();
    if (next.done === true) break;
    const page = next.value;
    batch.counts.push(await session.upsertCalls(page.rows));
    batch.read += page.read;
    batch.seen.push(...page.seen);
    batch.maxCreatedMs = later(batch.maxCreatedMs, page.maxCreatedMs);
    written += page.rows.length;
    batch.cursor = page.last ? null : page.cursor;
    if (page.last) break;
  }
  await source.record(session, batch.cursor, batch.maxCreatedMs);
  return batch;
}
