import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type DuckDBConnection, DuckDBInstance, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { CALL_COLUMNS, CELL_SEPARATOR, type CallRow, NULL_CELL, PRICE_SCALE, RAW_CELL } from './columns.js';
import type { SqlParam, SqlSession, StagedRows, SyncDriver, TransactionOptions, WriteCounts } from './driver.js';
import { InsertConflict } from './errors/insert-conflict.js';
import { TransientConflict } from './errors/transient-conflict.js';
import { TargetLockedError } from './errors/target-locked-error.js';
import { SyncTargetError } from './errors/sync-target-error.js';
import { PageFile } from './page-file.js';
import { PlainInserts } from './plain-inserts.js';
import { StagedPage, StagedPages } from './staged-pages.js';
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

// Rows in a row group of the files sync writes, and in a transaction (DuckDB's default is 122,880). A
// transaction's rows wait uncompressed in memory (about 5 kB a row) until its row group is written at the
// commit: half a row group halves that. 1,000,000 / 100,000 calls, peak RSS when chosen: 748-770 / 673-694 MB
// with memory_limit 384 MB, against 928 / 759 MB with 122,880 rows and 512 MB; the file as large, no slower.
const ROW_GROUP_ROWS = 61_440;

// Each transaction is a commit: with DuckDB's default (16 MB of log) a checkpoint, which rewrites the
// key's index, came every few pages; at 256 MB a first sync of 50,000 calls took half the time.
// DuckDB's buffer pool keeps every block it wrote cached up to its limit (80% of RAM by default), so a
// first load's memory grew with the table; 384 MB holds a transaction's row group (ROW_GROUP_ROWS) and the
// key's index (79 MB at 1,000,000 calls), and DuckDB drops cached blocks instead of growing.
// One thread: each statement moves one page, too little to share out, and DuckDB's idle workers
// spun on the two cores the provider's pages are read and converted on (50,000 rows inserted page
// by page: 3.0 s with its default threads, 1.9 s with one).
// FSST for every text column: DuckDB otherwise tries each method on a column's strings before choosing
// (FSST for the wide ones anyway), a pass over every row group that cost a sixth of a first sync's CPU
// and 200 MB of its peak (1,000,000 calls: 78 s and 985 MB against 93 s and 1,229 MB). Short
// low-cardinality columns lose dictionary encoding: the file is within a few percent of the same size.
// A new file is written in the storage format of DuckDB 1.2, the first with zstd for texts (see ZSTD_JSON).
const OPTIONS = { checkpoint_threshold: '256MB', memory_limit: '384MB', threads: '1', force_compression: 'fsst', storage_compatibility_version: 'v1.2.0' };

// The JSON columns (the raw record, 2 kB a call, and subresource_uris) in zstd rather than FSST: records
// repeat each other's keys and URIs, which FSST's per-string symbols miss. 300,000 calls: 25.5-25.9 s against
// 28.9-29.6 s, peak RSS 858-863 against 997 MB, a file of 169 against 665 MB. A file in an older format
// (v1.0.0 and before) would store such a column uncompressed, so there the column is left to FSST.
const ZSTD_JSON = { json: 'USING COMPRESSION zstd' } as const;
const storageAtLeast12 = (version: string) => {
  const [, major = '0', minor = '0'] = /^v(\d+)\.(\d+)/.exec(version) ?? [];
  return Number(major) > 1 || (Number(major) === 1 && Number(minor) >= 2);
};

// DuckDB locks a file per process: within this process, files open for a sync are tracked here.
const openHere = new Set<string>();

// DuckDB says: Could not set lock on file "x.duckdb": Conflicting lock is held in /usr/bin/node (PID 4242).
const LOCK_HELD = /Could not set lock on file[^:]*: Conflicting lock is held in (.*?)\.?(?: See also|$)/s;

/** An instance of DuckDB with the file attached (and in use) as `target`. */
interface Attached {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
}

/**
 * Attaches the file to an instance of its own: the row group size is an option of ATTACH, not of
 * opening a file. The instance's temporary directory is where DuckDB puts one for a file it opens.
 */
async function attach(path: string): Promise<Attached> {
  const instance = await DuckDBInstance.create(':memory:', { ...OPTIONS, temp_directory: `${path}.tmp` });
  try {
    const connection = await instance.connect();
    await connection.run(`ATTACH '${path.replaceAll("'", "''")}' AS target (ROW_GROUP_SIZE ${ROW_GROUP_ROWS})`);
    await connection.run('USE target');
    return { instance, connection };
  } catch (error) {
    instance.closeSync();
    throw error;
  }
}

/** Attaches the file, waiting up to `timeoutMs` while another process (or another sync here) writes it. */
async function attachLocked(path: string, timeoutMs: number): Promise<Attached> {
  const started = Date.now();
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    let holder: string | null = 'another sync in this process';
    if (!openHere.has(path)) {
      try {
        const attached = await attach(path);
        openHere.add(path);
        return attached;
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

/** Pages of the window read ahead of the one being written. */
const PAGES_AHEAD = 32;

const chr = (text: string) => `chr(${text.charCodeAt(0)})`;

// A row's text split back into its cells (see CallRow): joined text, or a JSON array of strings.
const CELLS = `CASE WHEN starts_with(text, '[')
  THEN json_extract_string(text, [${CALL_COLUMNS.slice(0, RAW_CELL).map((_, i) => `'$[${i}]'`).join(', ')}])
  ELSE list_transform(string_split(text, ${chr(CELL_SEPARATOR)}), cell -> NULLIF(cell, ${chr(NULL_CELL)})) END`;

/** A page's rows (`page`: a query of their texts and raw records) as calls columns and content_hash, in order: each cell cast to its column's type. */
const staged = (page: string) => `SELECT ${CALL_COLUMNS.slice(0, RAW_CELL).map((c, i) => `CAST(cells[${i + 1}] AS ${TYPES[c.type]})`).join(', ')}, CAST(raw AS JSON), md5(text)
  FROM (SELECT ${CELLS} AS cells, text, raw FROM (${page}))`;

/** The statements that write rows `$3 + 1` to `$3 + $2` of the page in file `$1`, for lines of up to `maxLine` bytes. */
const writes = (maxLine: number) => {
  const page = `SELECT * FROM (${PageFile.reader(maxLine)}) LIMIT $2 OFFSET $3`;
  const insert = `INSERT INTO calls SELECT *, now(), now() FROM (${staged(page)})`;
  return { insert, insertNew: `${insert} ON CONFLICT DO NOTHING`, upsert: upsertSql(staged(page), '') };
};

// DuckDB says: Constraint Error: Duplicate key "…" violates primary key constraint (or, for a key this
// transaction inserted: PRIMARY KEY or UNIQUE constraint violation: duplicate key "…"). Any other failure is the sync's.
const KEY_CONFLICT = /^Constraint Error:.*duplicate key/is;

class DuckDbSession implements SqlSession {
  readonly #prepared = new Map<string, DuckDBPreparedStatement>();
  // By the longest line they read: a page of longer lines needs its own reader.
  readonly #writes = new Map<number, ReturnType<typeof writes>>();

  constructor(readonly connection: DuckDBConnection) {}

  async query(sql: string, params: readonly SqlParam[] = []): Promise<Array<Record<string, unknown>>> {
    const reader = await this.connection.runAndReadAll(sql, params as SqlParam[]);
    return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
  }

  /** A plain INSERT costs half of `ON CONFLICT` for DuckDB (200,000 rows: 5.7 s of statements against 11.4 s). */
  readonly plain = new PlainInserts();

  /**
   * Each row crosses into DuckDB as two strings (its text and its raw record), in a file; the statements
   * that read, split, cast, hash and upsert them run on a DuckDB thread while this one reads the next page.
   */
  async upsertCalls(page: StagedRows, from = 0, to = page.length): Promise<WriteCounts> {
    if (!(page instanceof StagedPage)) throw new TypeError('DuckDB writes only the pages its driver staged');
    const rows = to - from;
    if (rows <= 0) return { inserted: 0, updated: 0, unchanged: 0 };
    let sql = this.#writes.get(page.maxLine);
    if (sql === undefined) this.#writes.set(page.maxLine, (sql = writes(page.maxLine)));
    const run = async (text: string): Promise<number> => {
      const statement = await this.#prepare(text);
      statement.bindVarchar(1, page.file.path);
      statement.bindInteger(2, rows);
      statement.bindInteger(3, from);
      return (await statement.run()).rowsChanged;
    };
    let inserted: number;
    if (this.plain.next) {
      try {
        inserted = await run(sql.insert);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw KEY_CONFLICT.test(message) ? new InsertConflict(message) : error;
      }
    } else {
      // Counted by two upserts that use the key's index: a join with calls would scan the table at every page.
      inserted = await run(sql.insertNew);
    }
    const updated = inserted === rows ? 0 : await run(sql.upsert);
    this.plain.wrote(inserted, rows);
    return { inserted, updated, unchanged: rows - inserted - updated };
  }

  async #prepare(sql: string): Promise<DuckDBPreparedStatement> {
    let statement = this.#prepared.get(sql);
    if (statement === undefined) {
      statement = await this.connection.prepare(sql);
      this.#prepared.set(sql, statement);
    }
    return statement;
  }

  /** Frees the prepared statements. */
  close(): void {
    for (const statement of this.#prepared.values()) statement.destroySync();
    this.#prepared.clear();
  }
}

class DuckDbDriver implements SyncDriver {
  readonly engine = 'duckdb';
  readonly types = TYPES;
  readonly secondaryIndexes = false;
  readonly columnStorage: SyncDriver['columnStorage'];
  // A transaction of a row group of new rows has them compressed and written straight into the file;
  // smaller ones go through the log uncompressed and again at the checkpoint. 200,000 rows, one DuckDB
  // thread: 12.2 s with 125 pages to a transaction against 16.7 s with 10. Exactly a row group: the few
  // rows a transaction of whole pages wrote past one made a small row group that checkpoints merged,
  // rewriting its neighbours (a first sync of 1,000,000 calls left a file of 2.7 GB, 45% of it free blocks,
  // and the next run's checkpoint took 13 s; row groups written whole: 1.6 GB, 10% free, 0.1 s).
  readonly rowsPerTransaction = ROW_GROUP_ROWS;
  readonly splitPages = true;
  // Pages wait in files, not in memory: while DuckDB compresses a row group at a commit (a second or more
  // on its one thread), the next pages are read and converted on the other core instead of waiting.
  readonly pagesAhead = PAGES_AHEAD;
  readonly #pages = new StagedPages(PAGES_AHEAD);
  readonly #session: DuckDbSession;

  constructor(readonly target: string, private readonly instance: DuckDBInstance, readonly connection: DuckDBConnection, storageVersion: string) {
    this.#session = new DuckDbSession(connection);
    this.columnStorage = storageAtLeast12(storageVersion) ? ZSTD_JSON : {};
  }

  stage(rows: Iterable<CallRow>): StagedPage {
    return this.#pages.stage(rows);
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const session = this.#session;
    for (;;) {
      await this.connection.run('BEGIN TRANSACTION');
      try {
        const result = await work(session);
        await this.connection.run(options.rollback ? 'ROLLBACK' : 'COMMIT');
        session.plain.ended();
        return result;
      } catch (error) {
        await this.connection.run('ROLLBACK').catch(() => {});
        if (!(error instanceof InsertConflict)) throw error;
        session.plain.conflicted();
        if (options.replay === false) throw new TransientConflict(error.reason);
      }
    }
  }

  async close(): Promise<void> {
    this.#session.close();
    // Closing checkpoints what the log holds, on the calling thread: 0.9 s of a stalled event loop at
    // 100,000 calls. Done first as a statement, it runs on DuckDB's thread; should it fail, the close
    // checkpoints as it always did, and reports what goes wrong then.
    await this.connection.run('CHECKPOINT').catch(() => {});
    this.#pages.remove();
    this.connection.closeSync();
    this.instance.closeSync();
    openHere.delete(this.target);
  }
}

/** Opens (creating if needed) a DuckDB file for sync, holding its write lock until closed. */
export async function openDuckDb(file: string, lockTimeoutMs: number): Promise<SyncDriver> {
  const path = resolve(file);
  const { instance, connection } = await attachLocked(path, lockTimeoutMs);
  try {
    // A file keeps the format it was created in (v1.0.0+, v1.2.0+, …), whatever OPTIONS ask.
    const reader = await connection.runAndReadAll("SELECT tags['storage_version'] AS version FROM duckdb_databases() WHERE database_name = current_database()");
    return new DuckDbDriver(path, instance, connection, String(reader.getRowObjectsJS()[0]?.version ?? ''));
  } catch (error) {
    instance.closeSync();
    openHere.delete(path);
    throw error;
  }
}
