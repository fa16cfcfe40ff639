import type { CallRow, ColumnType } from './columns.js';

/** A parameter of a statement: `$1`, `$2`, … in the SQL both engines read. */
export type SqlParam = string | number | boolean | null;

/** What a write of rows did: new rows, rows whose values changed, rows left as they were. */
export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Statements inside one transaction of a target. */
export interface SqlSession {
  /** Runs one statement; `$1`… are bound to `params`. Returns the rows, one object per row. */
  query(sql: string, params?: readonly SqlParam[]): Promise<Array<Record<string, unknown>>>;
  /**
   * Upserts rows into `calls` by (provider, account_sid, sid), each sid at most
   * once: a new row is inserted, a row whose content hash differs is rewritten,
   * any other is left untouched (its `synced_at` too).
   */
  upsertCalls(rows: readonly CallRow[]): Promise<WriteCounts>;
}

/**
 * A database sync writes into: everything engine-specific sits behind this.
 * The schema, state and upsert logic above it speak SQL that both engines
 * read; a driver supplies the column types, bulk writing and transactions.
 */
export interface SyncDriver {
  /** `duckdb` or `postgres`. */
  readonly engine: string;
  /** The target as users name it, without any password. */
  readonly target: string;
  /** The SQL type of each column type. */
  readonly types: Readonly<Record<ColumnType, string>>;
  /**
   * How many pages of the window one transaction writes, with the cursor after the last of them:
   * a killed run loses at most this many pages' writing.
   */
  readonly pagesPerTransaction: number;
  /** Whether to create secondary indexes (on start_time, date_created): worth it on PostgreSQL; DuckDB's zone maps do without. */
  readonly secondaryIndexes: boolean;
  /**
   * Runs `work` in one transaction and commits it, or rolls it back when `work`
   * throws or `rollback` is set (a dry run). A driver may run `work` again after
   * a transient conflict (a deadlock), so `work` must only write through the session.
   * With `exclusive`, no other process runs an exclusive transaction on the target at the same time.
   */
  transaction<T>(work: (session: SqlSession) => Promise<T>, options?: { rollback?: boolean; exclusive?: boolean }): Promise<T>;
  /** Releases the connection (and a DuckDB file's lock). */
  close(): Promise<void>;
}
