import type { CallRow } from './columns.js';
import type { SqlSession, StagedRows, SyncDriver, WriteCounts } from './driver.js';
import { TransientConflict } from './errors/transient-conflict.js';
import { readAhead } from './read-ahead.js';

/** A page of the window, converted and staged: ready to be written. */
export interface WindowPage {
  rows: StagedRows;
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
  /** Calls read: a page split between two batches counts its written rows in the first, the rest in the second. */
  read: number;
  seen: string[];
  maxCreatedMs: number | null;
  /** The cursor committed with the batch, after its last whole page (null: the window's start). */
  cursor: string | null;
  /** Whether the window is listed: its last page was written. */
  listed: boolean;
}

/** How the window is read and its progress recorded. */
export interface WindowSource {
  /**
   * Lists the window's pages from a committed cursor (null: from the start),
   * each page's rows staged with `stage` before the page is yielded: the
   * rows, and the calls they came from, are then garbage while the page waits
   * its turn among those read ahead.
   */
  pages(cursor: string | null, stage: (rows: Iterable<CallRow>) => StagedRows): AsyncIterable<WindowPage>;
  /** Records, in the transaction that wrote them, the cursor after its last whole page, whether the window is listed, and the latest creation time read. */
  record(session: SqlSession, cursor: string | null, listed: boolean, maxCreatedMs: number | null): Promise<void>;
}

// A transient conflict rolls a transaction back; more than this many in a row without a commit is an error.
const CONFLICTS = 5;

/** The later of two epoch-ms times, either of which may be unknown. */
export const later = (a: number | null, b: number | null): number | null => (a === null || (b !== null && b > a) ? b : a);

/** A page, and how many of its rows an earlier transaction already wrote. */
interface PagePart {
  page: WindowPage;
  from: number;
}

/** The window's pages, one part at a time; the rest of a split page comes first. */
class PageParts {
  readonly #pages: AsyncIterator<WindowPage>;
  #rest: PagePart | null = null;

  constructor(pages: AsyncIterator<WindowPage>) {
    this.#pages = pages;
  }

  async next(): Promise<PagePart | null> {
    const rest = this.#rest;
    if (rest !== null) {
      this.#rest = null;
      return rest;
    }
    const next = await this.#pages.next();
    return next.done === true ? null : { page: next.value, from: 0 };
  }

  /** Keeps the rest of a page for the next transaction. */
  keep(rest: PagePart): void {
    this.#rest = rest;
  }
}

/**
 * Writes the window, from `cursor` on, in transactions of the driver's
 * `rowsPerTransaction` rows: at least that many in whole pages, or exactly
 * that many when the driver splits pages. Each page is upserted while the
 * driver's `pagesAhead` next ones are read, converted and staged, and each
 * transaction records the cursor after its last whole page. A transaction
 * rolled back by a transient conflict is read again from the last committed
 * cursor; the pages it held are never kept for a replay. `committed` is told
 * each batch once it is committed (rolled back, in a dry run).
 */
export async function writeWindow(driver: SyncDriver, source: WindowSource, cursor: string | null, committed: (batch: WindowBatch) => void, rollback: boolean): Promise<void> {
  for (let conflicts = 0; ; ) {
    const pages = readAhead(source.pages(cursor, (rows) => driver.stage(rows)), driver.pagesAhead);
    const parts = new PageParts(pages);
    try {
      for (;;) {
        const from = cursor;
        const batch = await driver.transaction((session) => writeBatch(session, parts, driver, source, from), { rollback, replay: false });
        committed(batch);
        conflicts = 0;
        if (batch.listed) return;
        cursor = batch.cursor;
      }
    } catch (error) {
      if (!(error instanceof TransientConflict) || ++conflicts > CONFLICTS) throw error;
    } finally {
      await pages.return();
    }
  }
}

async function writeBatch(session: SqlSession, parts: PageParts, driver: SyncDriver, source: WindowSource, cursor: string | null): Promise<WindowBatch> {
  const batch: WindowBatch = { counts: [], read: 0, seen: [], maxCreatedMs: null, cursor, listed: false };
  for (let room = driver.rowsPerTransaction; room > 0; ) {
    const part = await parts.next();
    if (part === null) {
      batch.listed = true;
      break;
    }
    const { page, from } = part;
    const to = driver.splitPages ? Math.min(page.rows.length, from + room) : page.rows.length;
    batch.counts.push(await session.upsertCalls(page.rows, from, to));
    room -= to - from;
    if (to < page.rows.length) {
      // Full within the page: its cursor, sids and latest creation time go with the transaction that writes its last row.
      parts.keep({ page, from: to });
      batch.read += to - from;
      break;
    }
    batch.read += page.read - from;
    batch.seen.push(...page.seen);
    batch.maxCreatedMs = later(batch.maxCreatedMs, page.maxCreatedMs);
    batch.cursor = page.cursor;
    batch.listed = page.last;
    if (page.last) break;
  }
  await source.record(session, batch.cursor, batch.listed, batch.maxCreatedMs);
  return batch;
}
