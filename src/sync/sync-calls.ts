import { type CallClient, createCallClient } from '../client/call-client.js';
import type { CallClientOptions } from '../client/config.js';
import { NotFoundError } from '../client/errors/not-found-error.js';
import type { CallPage } from '../client/list-calls.js';
import type { Call } from '../model/call.js';
import { BadQueryError } from '../model/errors/bad-query-error.js';
import { UnsupportedQueryError } from '../model/errors/unsupported-query-error.js';
import { PAGE_SIZE } from '../model/query.js';
import { type CallRow, callRow } from './columns.js';
import type { StagedRows, SyncDriver, WriteCounts } from './driver.js';
import { migrate } from './migrations.js';
import { openTarget } from './open-target.js';
import { LIVE_STATUSES, type SourceKey, beginRun, finishRun, liveSids, recordPage } from './state.js';
import { type WindowPage, type WindowSource, later, writeWindow } from './write-window.js';

/** The default target: a DuckDB file in the working directory. */
export const DEFAULT_TARGET = 'calls.duckdb';
/** The default trailing window every run reads again: 48 hours. */
export const DEFAULT_WINDOW_MS = 48 * 60 * 60 * 1000;

/** Options of {@link syncCalls}. */
export interface SyncOptions {
  /**
   * Where to write: `postgres://…` or `postgresql://…` for a PostgreSQL
   * server, anything else a DuckDB file path. Default `calls.duckdb`.
   */
  to?: string;
  /**
   * The accounts to read, each a client or the options to create one; all go
   * into one `calls` table. Default: the one account the environment configures.
   */
  sources?: ReadonlyArray<CallClient | CallClientOptions>;
  /** How far behind the watermark each run reads again, in ms (late prices, durations, statuses). Default 48 h. */
  windowMs?: number;
  /** Calls per page read, 1..1000. Default 1000. The window's pages are written several to a transaction on DuckDB. */
  pageSize?: number;
  /** Read and count what would change, but write no call and no state (every transaction rolled back); only a missing schema is created. */
  dryRun?: boolean;
  /** How long to wait for a DuckDB file another process is writing, in ms. Default 30000. */
  lockTimeoutMs?: number;
  /** Called after each page written. */
  onProgress?: (progress: SyncProgress) => void;
}

/** Where a source's run stands, after each page. */
export interface SyncProgress {
  provider: string;
  account: string;
  /** `window`: calls created since the watermark less the window; `live`: calls not yet ended; `settle`: stored live calls read one by one. */
  phase: 'window' | 'live' | 'settle';
  read: number;
}

/** What a run did for one source. */
export interface SourceSummary extends WriteCounts {
  provider: string;
  account: string;
  /** Calls read from the provider. */
  read: number;
  /** Stored live calls gone from the provider (404), left as they were. */
  missing: number;
  /** This run finished a run a killed process had left. */
  resumed: boolean;
  /** Creation time from which this run listed calls (ISO 8601), null when it listed every call. */
  listedFrom: string | null;
  /** The watermark before and after the run (ISO 8601). */
  watermarkBefore: string | null;
  watermarkAfter: string | null;
}

/** What {@link syncCalls} did. */
export interface SyncSummary {
  /** The target, without any password. */
  target: string;
  engine: string;
  dryRun: boolean;
  sources: SourceSummary[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const isClient = (source: CallClient | CallClientOptions): source is CallClient => 'calls' in source && 'account' in source;

/**
 * Reads the calls of one or more provider accounts and upserts them into a
 * DuckDB file or a PostgreSQL database, keyed by provider, account and sid:
 * incrementally, in transactions that commit the source's state with the rows, so
 * that a run killed at any point and run again leaves every call exactly once
 * with its latest values.
 *
 * Each run lists the calls created at or after the source's watermark less
 * `windowMs` (all calls on the first run), then the calls still live
 * (queued, ringing, in progress), then fetches one by one the stored calls
 * that were live and are no longer listed as such. The watermark, kept in
 * the target, becomes the latest `date_created` listed; it never moves back. Rows whose canonical values did not change are not rewritten.
 *
 * Throws {@link TargetLockedError} when a DuckDB file stays locked by another
 * process longer than `lockTimeoutMs`, {@link SyncTargetError} when the target
 * cannot be used, and the client's errors when a provider fails.
 *
 * @example
 * const summary = await syncCalls({ to: 'postgres://localhost/telephony', windowMs: 72 * 3600_000 });
 */
export async function syncCalls(options: SyncOptions = {}): Promise<SyncSummary> {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  if (!Number.isSafeInteger(windowMs) || windowMs < 0) throw new BadQueryError('windowMs', `must be a whole number of ms, 0 or more, not ${windowMs}`);
  const pageSize = options.pageSize ?? PAGE_SIZE.max;
  if (!Number.isInteger(pageSize) || pageSize < PAGE_SIZE.min || pageSize > PAGE_SIZE.max) {
    throw new BadQueryError('pageSize', `must be a whole number from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}, not ${pageSize}`);
  }
  // Clients first: a configuration error is reported before the target is touched.
  const clients = (options.sources ?? [{}]).map((source) => (isClient(source) ? source : createCallClient(source)));
  const driver = await openTarget(options.to ?? DEFAULT_TARGET, { lockTimeoutMs: options.lockTimeoutMs ?? 30_000 });
  try {
    // A dry run too: it compares with the tables, empty on a new target.
    await migrate(driver);
    const sources: SourceSummary[] = [];
    for (const client of clients) sources.push(await syncSource(driver, client, { windowMs, pageSize, dryRun: options.dryRun === true, onProgress: options.onProgress }));
    return { target: driver.target, engine: driver.engine, dryRun: options.dryRun === true, sources };
  } finally {
    await driver.close();
  }
}

interface RunOptions {
  windowMs: number;
  pageSize: number;
  dryRun: boolean;
  onProgress: ((progress: SyncProgress) => void) | undefined;
}

/**
 * The rows of the calls, of the last call of each sid only (a provider may
 * list a call twice when it changes between pages), each made when it is
 * taken: staged one at a time, a page's rows are never all alive at once.
 */
function* rowsOf(calls: readonly Call[], account: string): Generator<CallRow, void, undefined> {
  const last = new Map<string, number>();
  for (let i = 0; i < calls.length; i++) last.set(calls[i]!.sid, i);
  for (let i = 0; i < calls.length; i++) if (last.get(calls[i]!.sid) === i) yield callRow(calls[i]!, account);
}

const LIVE: ReadonlySet<string> = new Set(LIVE_STATUSES);

const createdMs = (call: Call) => (call.dateCreated === null ? Number.NaN : Date.parse(call.dateCreated));

function latestCreated(calls: readonly Call[]): number | null {
  let max: number | null = null;
  for (const call of calls) max = later(max, createdMs(call));
  return max;
}

/**
 * Syncs one source. A run that resumes one a killed process left finishes
 * that listing, which started before the provider's latest changes; a fresh
 * run follows it, so that what is stored at the end is what the provider says now.
 */
async function syncSource(driver: SyncDriver, client: CallClient, options: RunOptions): Promise<SourceSummary> {
  const resumed = await runOnce(driver, client, options);
  if (!resumed.resumed) return resumed;
  const fresh = await runOnce(driver, client, options);
  return {
    ...fresh,
    read: resumed.read + fresh.read,
    inserted: resumed.inserted + fresh.inserted,
    updated: resumed.updated + fresh.updated,
    unchanged: resumed.unchanged + fresh.unchanged,
    missing: fresh.missing,
    resumed: true,
    watermarkBefore: resumed.watermarkBefore,
  };
}

async function runOnce(driver: SyncDriver, client: CallClient, options: RunOptions): Promise<SourceSummary> {
  const key: SourceKey = { provider: client.provider, account: client.account };
  const rollback = options.dryRun;
  const run = await driver.transaction((s) => beginRun(s, key, options.windowMs, options.pageSize, Date.now()), { rollback });
  const summary: SourceSummary = {
    ...key,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    missing: 0,
    resumed: run.resumed,
    listedFrom: iso(run.fromMs),
    watermarkBefore: iso(run.watermarkMs),
    watermarkAfter: null,
  };
  const count = (counts: WriteCounts) => {
    summary.inserted += counts.inserted;
    summary.updated += counts.updated;
    summary.unchanged += counts.unchanged;
  };
  const progress = (phase: SyncProgress['phase']) => options.onProgress?.({ ...key, phase, read: summary.read });
  
  // 1. The window: every call created since the watermark less the window. Providers list
  // calls newest first by creation date, so the listing stops at the first older call, whatever
  // the call's other times (a call canceled before it was dialed never gets a start time).
  // Pages are committed, several at a time, with the cursor that resumes after the last of them.
  let maxCreated: number | null = null;
  // The live calls read in this run: step 3 reads again only the stored live calls not read since. A call
  // read as ended was stored as ended, so step 3 does not see it; a dry run stores nothing, so there every
  // sid read is kept. (Keeping every sid made the memory grow with the number of calls.)
  const seen = new Set<string>();
  const seenOf = (calls: readonly Call[]) => calls.filter((call) => options.dryRun || LIVE.has(call.status)).map((call) => call.sid);
  const remember = (calls: readonly Call[]) => {
    for (const sid of seenOf(calls)) seen.add(sid);
  };
  if (!run.listed) {
    const from = run.fromMs;
    // The generator below holds no call in a local of its own (a suspended generator keeps its
    // locals alive): this converts and stages the next page, so that only its staged rows wait
    // among the pages read ahead, not its calls and the page's text their records keep.
    const nextPage = async (listing: AsyncIterator<CallPage>, stage: (rows: Iterable<CallRow>) => StagedRows): Promise<WindowPage | null> => {
      const next = await listing.next();
      if (next.done === true) return null;
      const { calls: listed, cursor } = next.value;
      const calls = from === null ? listed : listed.filter((call) => createdMs(call) >= from);
      const last = cursor === null || calls.length < listed.length;
      return { rows: stage(rowsOf(calls, key.account)), read: calls.length, seen: seenOf(calls), maxCreatedMs: latestCreated(calls), cursor, last };
    };
    const window: WindowSource = {
      async *pages(cursor, stage) {
        const listing = client.calls.pages({ pageSize: run.pageSize }, cursor === null ? { rawText: true } : { cursor, rawText: true })[Symbol.asyncIterator]();
        try {
          for (;;) {
            const page = await nextPage(listing, stage);
            if (page === null) return;
            yield page;
            if (page.last) return;
          }
        } finally {
          await listing.return?.();
        }
      },
      record: (session, cursor, listed, maxCreatedMs) => recordPage(session, key, from, cursor, listed, maxCreatedMs),
    };
    await writeWindow(driver, window, run.cursor, (batch) => {
      for (const pageCounts of batch.counts) count(pageCounts);
      for (const sid of batch.seen) seen.add(sid);
      maxCreated = later(maxCreated, batch.maxCreatedMs);
      summary.read += batch.read;
      progress('window');
    }, rollback);
  }

  // 2. Calls not yet ended, wherever they started (a queued call has no start time to list it by).
  // One status at a time: a provider that cannot filter on one (Telnyx has no queued) has no such calls.
  for (const status of LIVE_STATUSES) {
    try {
      for await (const page of client.calls.pages({ status, pageSize: run.pageSize }, { rawText: true })) {
        remember(page.calls);
        count(await driver.transaction((s) => s.upsertCalls(driver.stage(rowsOf(page.calls, key.account))), { rollback }));
        summary.read += page.calls.length;
        progress('live');
      }
    } catch (error) {
      // Refused before any request, so before anything was written.
      if (!(error instanceof UnsupportedQueryError)) throw error;
    }
  }

  // 3. Stored calls that were live and were not read in this run: they ended since; read each.
  // (In a dry run the store still holds what steps 1 and 2 would have changed: `seen` keeps them from counting twice.)
  const settle = (await driver.transaction((s) => liveSids(s, key), { rollback })).filter((sid) => !seen.has(sid));
  for (let i = 0; i < settle.length; i += run.pageSize) {
    const calls: Call[] = [];
    for (const sid of settle.slice(i, i + run.pageSize)) {
      try {
        calls.push(await client.calls.get(sid));
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        summary.missing += 1;
      }
    }
    count(await driver.transaction((s) => s.upsertCalls(driver.stage(rowsOf(calls, key.account))), { rollback }));
    summary.read += calls.length;
    progress('settle');
  }

  const watermark = await driver.transaction((s) => finishRun(s, key, run.fromMs, maxCreated, Date.now()), { rollback });
  summary.watermarkAfter = iso(watermark);
  return summary;
}
