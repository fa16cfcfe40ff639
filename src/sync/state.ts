import type { SqlSession } from './driver.js';

/** Identifies one source: a provider account. */
export interface SourceKey {
  provider: string;
  account: string;
}

/** The run a source is in: a new one, or one a killed process left and this one resumes. */
export interface RunState {
  /** Lower bound (inclusive) of the creation times this run lists, epoch ms; null on the first run (everything). */
  fromMs: number | null;
  pageSize: number;
  /** Where the listing resumes; null to start at its beginning. */
  cursor: string | null;
  /** The window listing is complete; only the live calls remain to be read. */
  listed: boolean;
  /** The watermark the last completed run left, epoch ms. */
  watermarkMs: number | null;
  resumed: boolean;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const KEY = 'provider = $1 AND account_sid = $2';
// GREATEST of two values either of which may be NULL, the same on both engines.
const greatest = (a: string, b: string) => `GREATEST(COALESCE(${a}, ${b}), COALESCE(${b}, ${a}))`;

/**
 * Starts a run of a source, or joins the run a killed (or concurrent) process
 * left pending, so that its listing resumes where the last committed page
 * left it. The state row is updated in one statement: two processes starting
 * together agree on the same run.
 */
export async function beginRun(session: SqlSession, key: SourceKey, windowMs: number, pageSize: number, nowMs: number): Promise<RunState> {
  await session.query(
    'INSERT INTO callbridge_sync_state (provider, account_sid, run_pending, run_listed) VALUES ($1, $2, false, false) ON CONFLICT DO NOTHING',
    [key.provider, key.account],
  );
  const [row] = await session.query(
    `UPDATE callbridge_sync_state SET
       run_from_ms = CASE WHEN run_pending THEN run_from_ms ELSE watermark_ms - $3::BIGINT END,
       run_page_size = CASE WHEN run_pending THEN run_page_size ELSE $4::INTEGER END,
       run_cursor = CASE WHEN run_pending THEN run_cursor ELSE NULL END,
       run_listed = CASE WHEN run_pending THEN run_listed ELSE false END,
       run_max_ms = CASE WHEN run_pending THEN run_max_ms ELSE NULL END,
       run_started_ms = CASE WHEN run_pending THEN run_started_ms ELSE $5::BIGINT END,
       last_run_started_ms = $5::BIGINT,
       run_pending = true
     WHERE ${KEY}
     RETURNING run_from_ms, run_page_size, run_cursor, run_listed, run_started_ms, watermark_ms`,
    [key.provider, key.account, windowMs, pageSize, nowMs],
  );
  return {
    fromMs: num(row!.run_from_ms),
    pageSize: Number(row!.run_page_size),
    cursor: (row!.run_cursor as string | null) ?? null,
    listed: row!.run_listed === true,
    watermarkMs: num(row!.watermark_ms),
    resumed: num(row!.run_started_ms) !== nowMs,
  };
}

/**
 * Records, in the transaction that wrote a page, where the listing stands
 * (`listed`: it is complete; else the cursor to resume from, null for its start) and the latest creation time it has read. Only the run that listed from `fromMs`
 * moves it: a later run's state is never overwritten with another query's cursor.
 */
export async function recordPage(session: SqlSession, key: SourceKey, fromMs: number | null, cursor: string | null, listed: boolean, maxCreatedMs: number | null): Promise<void> {
  await session.query(
    `UPDATE callbridge_sync_state SET run_cursor = $4, run_listed = $5, run_max_ms = ${greatest('run_max_ms', '$6::BIGINT')}
     WHERE ${KEY} AND run_pending AND run_from_ms IS NOT DISTINCT FROM $3::BIGINT`,
    [key.provider, key.account, fromMs, cursor, listed, maxCreatedMs],
  );
}

/**
 * Ends the run: the watermark becomes the latest creation time the run listed,
 * unless it already stands later (it never moves back). Returns the watermark.
 */
export async function finishRun(session: SqlSession, key: SourceKey, fromMs: number | null, maxCreatedMs: number | null, nowMs: number): Promise<number | null> {
  // A run another process already finished has no pending state left: only the figures this process read count then.
  await session.query(
    `UPDATE callbridge_sync_state SET
       watermark_ms = ${greatest('watermark_ms', greatest('CASE WHEN run_pending AND run_from_ms IS NOT DISTINCT FROM $3::BIGINT THEN run_max_ms END', '$4::BIGINT'))},
       last_run_finished_ms = $5::BIGINT
     WHERE ${KEY}`,
    [key.provider, key.account, fromMs, maxCreatedMs, nowMs],
  );
  const [row] = await session.query(
    `UPDATE callbridge_sync_state SET run_pending = false, run_cursor = NULL, run_listed = false, run_max_ms = NULL, run_from_ms = NULL,
       run_page_size = NULL, run_started_ms = NULL
     WHERE ${KEY} RETURNING watermark_ms`,
    [key.provider, key.account],
  );
  return num(row?.watermark_ms);
}

/** Statuses of a call that has not ended: its row is read again until it has. */
export const LIVE_STATUSES = ['queued', 'ringing', 'in-progress'] as const;

/** Sids of the source's rows whose stored status is live. */
export async function liveSids(session: SqlSession, key: SourceKey): Promise<string[]> {
  const rows = await session.query(
    `SELECT sid FROM calls WHERE ${KEY} AND status IN (${LIVE_STATUSES.map((s) => `'${s}'`).join(', ')}) ORDER BY sid`,
    [key.provider, key.account],
  );
  return rows.map((row) => row.sid as string);
}
