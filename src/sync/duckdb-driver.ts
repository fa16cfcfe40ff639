import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type DuckDBAppender, type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CALL_COLUMNS, type CallRow, PRICE_SCALE } from './columns.js';
import type { SqlParam, SqlSession, SyncDriver, WriteCounts } from './driver.js';
import { TargetLockedError } from './errors/target-locked-error.js';
import { SyncTargetError } from './errors/sync-target-error.js';
import { upsertSql } from './upsert-sql.js';

const TYPES = {
  text: 'VARCHAR',
  timestamp: 'TIMESTAMPTZ',
  decimal: `DECIMAL(38, ${PRICE_SCALE})`,
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  json: 'JSON',
} as const;

// Each page is a commit: with DuckDB's default (16 MB of log) a checkpoint, which rewrites the
// key's index, came every few pages; at 256 MB a first sync of 50,000 calls took half the time.
// DuckDB's buffer pool keeps every block it wrote cached up to its limit (80% of RAM by default), so a
// first load's memory grew with the table; 512 MB holds the uncheckpointed pages and the key's index.
const OPTIONS = { checkpoint_threshold: '256MB', memory_limit: '512MB' };

// DuckDB locks a file per process: within this process, files open for a sync are tracked here.
const openHere = new Set<string>();

// DuckDB says: Could not set lock on file "x.duckdb": Conflicting lock is held in /usr/bin/node (PID 4242).
const LOCK_HELD = /Could not set lock on file[^:]*: Conflicting lock is held in (.*?)\.?(?: See also|$)/s;

/** Opens the file, waiting up to `timeoutMs` while another process (or another sync here) writes it. */
async function openLocked(path: string, timeoutMs: number): Promise<DuckDBInstance> {
  const started = Date.now();
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    let holder: string | null = 'another sync in this process';
    if (!openHere.has(path)) {
      try {
        const instance = await DuckDBInstance.create(path, OPTIONS);
        openHere.add(path);
        return instance;
      } catch (error) {
        const held = LOCK_HELD.exec(error instanceof Error ? error.message : String(error));
        if (held === null) throw new SyncTargetError(`cannot open DuckDB file ${path}: ${error instanceof Error ? error.message : String(error)}`);
        holder = held[1]!.trim();
      }
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) throw new TargetLockedError(path, holder, waited);
    await sleep(Math.min(delay, timeoutMs - waited));
  }
}

const STAGE = 'callbridge_stage';
const cells = CALL_COLUMNS.map((c) => c.type);

/** Appends one row (its cells, then its hash, then `tail`), each value with the appender call its type takes. */
function appendRow(appender: DuckDBAppender, row: CallRow, tail: readonly string[]): void {
  for (let i = 0; i < cells.length; i++) {
    const value = row.cells[i];
    if (value === null || value === undefined) appender.appendNull();
    else if (cells[i] === 'integer') appender.appendInteger(value as number);
    else if (cells[i] === 'bigint') appender.appendBigInt(BigInt(value as number));
    else if (cells[i] === 'double') appender.appendDouble(value as number);
    else if (cells[i] === 'json') appender.appendVarchar(JSON.stringify(value));
    // Text, and timestamps and decimals as text that DuckDB reads exactly.
    else appender.appendVarchar(value as string);
  }
  appender.appendVarchar(row.hash);
  for (const value of tail) appender.appendVarchar(value);
  appender.endRow();
}

/** A row appended straight into calls had a stored key after all: the transaction is run again with the upsert. */
class AppendConflict extends Error {}

class DuckDbSession implements SqlSession {
  constructor(readonly connection: DuckDBConnection) {}

  async query(sql: string, params: readonly SqlParam[] = []): Promise<Array<Record<string, unknown>>> {
    const reader = await this.connection.runAndReadAll(sql, params as SqlParam[]);
    return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
  }

  /**
   * Set by the driver while the last pages were all new: rows are then appended straight into
   * calls, which saves the staging table and the upsert. The key still refuses a duplicate; the
   * driver then runs the transaction again with this off.
   */
  appendDirect = false;
  /** Whether every row of the last upsert was new. */
  lastAllNew = false;

  async upsertCalls(rows: readonly CallRow[]): Promise<WriteCounts> {
    if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    if (this.appendDirect) {
      const now = new Date().toISOString();
      try {
        await this.#append('calls', rows, [now, now]);
      } catch (error) {
        throw new AppendConflict(error instanceof Error ? error.message : String(error));
      }
      return { inserted: rows.length, updated: 0, unchanged: 0 };
    }
    await this.#append(STAGE, rows, []);
    // Counted by two upserts that use the key's index: a join with calls would scan the table at every page.
    const inserted = (await this.query(`INSERT INTO calls SELECT *, now(), now() FROM ${STAGE} ON CONFLICT DO NOTHING RETURNING 1 AS n`)).length;
    const updated = inserted === rows.length ? 0 : (await this.query(upsertSql(`SELECT * FROM ${STAGE}`, 'RETURNING 1 AS n'))).length;
    await this.connection.run(`DELETE FROM ${STAGE}`);
    this.lastAllNew = inserted === rows.length;
    return { inserted, updated, unchanged: rows.length - inserted - updated };
  }

  async #append(table: string, rows: readonly CallRow[], tail: readonly string[]): Promise<void> {
    const appender = await this.connection.createAppender(table, null, table === STAGE ? 'temp' : null);
    try {
      for (const row of rows) appendRow(appender, row, tail);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }
}

class DuckDbDriver implements SyncDriver {
  readonly engine = 'duckdb';
  readonly types = TYPES;
  readonly secondaryIndexes = false;
  #session: DuckDbSession;
  #staged = false;

  constructor(readonly target: string, private readonly instance: DuckDBInstance, connection: DuckDBConnection) {
    this.#session = new DuckDbSession(connection);
  }

  get connection(): DuckDBConnection {
    return this.#session.connection;
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>, options: { rollback?: boolean } = {}): Promise<T> {
    for (;;) {
      if (!this.#staged && (await this.#hasCalls())) await this.#stage();
      const session = this.#session;
      session.appendDirect = session.lastAllNew;
      await this.connection.run('BEGIN TRANSACTION');
      try {
        const result = await work(session);
        await this.connection.run(options.rollback ? 'ROLLBACK' : 'COMMIT');
        return result;
      } catch (error) {
        await this.connection.run('ROLLBACK').catch(() => {});
        if (!(error instanceof AppendConflict)) throw error;
        // After a failed append DuckDB refuses the next one on the same connection, even after the rollback: a new connection (and staging table).
        this.connection.closeSync();
        this.#session = new DuckDbSession(await this.instance.connect());
        this.#staged = false;
      }
    }
  }

  async #hasCalls(): Promise<boolean> {
    const rows = await this.#session.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'calls' AND table_schema = 'main'");
    return rows.length > 0;
  }

  /** The staging table rows are appended to before one upsert moves them into calls: temporary, so never in the file. */
  async #stage(): Promise<void> {
    await this.connection.run(`CREATE TEMP TABLE ${STAGE} AS SELECT * EXCLUDE (first_synced_at, synced_at) FROM calls LIMIT 0`);
    this.#staged = true;
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
    openHere.delete(this.target);
  }
}

/** Opens (creating if needed) a DuckDB file for sync, holding its write lock until closed. */
export async function openDuckDb(file: string, lockTimeoutMs: number): Promise<SyncDriver> {
  const path = resolve(file);
  const instance = await openLocked(path, lockTimeoutMs);
  try {
    return new DuckDbDriver(path, instance, await instance.connect());
  } catch (error) {
    instance.closeSync();
    openHere.delete(path);
    throw error;
  }
}
