import type { CallRow, ColumnType } from './columns.js';
import type { TransientConflict } from './errors/transient-conflict.js';

/** A parameter of a statement: `$1`, `$2`, … in the SQL both engines read. */
export type SqlParam = string | number | boolean | null;

/** What a write of rows did: new rows, rows whose values changed, rows left as they were. */
export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Rows a driver made ready to be written (see {@link SyncDriver.stage}): `length` of them. */
export interface StagedRows {
  readonly length: number;
}

/** Statements inside one transaction of a target. */
export interface SqlSession {
  /** Runs one statement; `$1`… are bound to `params`. Returns the rows, one object per row. */
  query(sql: string, params?: readonly SqlParam[]): Promise<Array<Record<string, unknown>>>;
  /**
   * Upserts the staged rows from `from` up to `to` into `calls` by (provider,
   * account_sid, sid), each sid at most once: a new row is inserted, a row
   * whose content hash differs is rewritten, any other is left untouched (its
   * `synced_at` too).
   */
  upsertCalls(rows: StagedRows, from?: number, to?: number): Promise<WriteCounts>;
}

/** Options of {@link SyncDriver.transaction}. */
export interface TransactionOptions {
  rollback?: boolean;
  exclusive?: boolean;
  /** Whether the driver may run the work again after a transient conflict. Default true. */
  replay?: boolean;
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
  /** How the `calls` columns of a type are stored, a clause after the type when the table is created (none by default). */
  readonly columnStorage: Readonly<Partial<Record<ColumnType, string>>>;
  /**
   * How many rows a transaction of the window writes at least, in whole pages, with the cursor after
   * the last of them (1: each page its own transaction). A killed run loses at most one transaction's writing.
   */
  readonly rowsPerTransaction: number;
  /**
   * Whether a page may be split between two transactions, so that each but the last writes exactly
   * {@link rowsPerTransaction} rows. The page's cursor is then committed with the transaction that
   * writes its last row; a run resumed before that reads the page again.
   */
  readonly splitPages: boolean;
  /** How many pages of the window are read and staged ahead of the one being written. */
  readonly pagesAhead: number;
  /**
   * Makes rows ready for {@link SqlSession.upsertCalls}, as pages are read
   * ahead: the rows in an array, or a copy the driver keeps (DuckDB: a file).
   * The rows are iterated once, and may be made as they are taken.
   */
  stage(rows: Iterable<CallRow>): StagedRows;
  /** Whether to create secondary indexes (on start_time, date_created): worth it on PostgreSQL; DuckDB's zone maps do without. */
  readonly secondaryIndexes: boolean;
  /**
   * Runs `work` in one transaction and commits it, or rolls it back when `work`
   * throws or `rollback` is set (a dry run). After a transient conflict (a
   * deadlock; on DuckDB a plain insert that met a stored key) a driver runs
   * `work` again, so `work` must only write through the session; with
   * `replay: false` it throws {@link TransientConflict} instead, for work that
   * cannot be run twice. With `exclusive`, no other process runs an exclusive
   * transaction on the target at the same time.
   */
  transaction<T>(work: (session: SqlSession) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Releases the connection (and a DuckDB file's lock). */
  close(): Promise<void>;
}
