import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CALL_COLUMNS, type CallRow, PRICE_SCALE } from './columns.js';
import { COPY_TEXT_OPTIONS, copyLines } from './copy-text.js';
import type { SqlParam, SqlSession, StagedRows, SyncDriver, TransactionOptions, WriteCounts } from './driver.js';
import { InsertConflict } from './errors/insert-conflict.js';
import { TransientConflict } from './errors/transient-conflict.js';
import { SyncTargetError } from './errors/sync-target-error.js';
import { PlainInserts } from './plain-inserts.js';
import { upsertSql } from './upsert-sql.js';

const TYPES = {
  text: 'TEXT',
  timestamp: 'TIMESTAMPTZ',
  decimal: `NUMERIC(38, ${PRICE_SCALE})`,
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE PRECISION',
  json: 'JSONB',
} as const;

const STAGE = 'callbridge_incoming';
const NAMES = [...CALL_COLUMNS.map((c) => c.name), 'content_hash'];

// Rows reach the server by COPY, into a temporary table of the connection, then one upsert moves them
// into calls: COPY reads a row's text as it is, where a JSON array of rows had every value parsed as JSON.
// Rows up to 8 kB stay there uncompressed (compressing them cost the server as much as writing them),
// and the table empties itself at each commit.
const CREATE_STAGE = `CREATE TEMPORARY TABLE ${STAGE} (${[...CALL_COLUMNS.map((c) => `${c.name} ${TYPES[c.type]}`), 'content_hash TEXT'].join(', ')})
  WITH (toast_tuple_target = 8160) ON COMMIT DELETE ROWS`;
const COPY_CHUNK_ROWS = 100;
const copyInto = (table: string) => `COPY ${table} (${NAMES.join(', ')}) FROM STDIN WITH (${COPY_TEXT_OPTIONS})`;
const COPY_STAGE = copyInto(STAGE);
// A page expected to be all new goes straight into calls, its sync times the columns' default (migration 3):
// 300,000 calls took 12% less of the server's CPU than through the temporary table and the upsert.
const COPY_CALLS = copyInto('calls');
/** The key of calls, which a plain COPY of a stored call violates. */
const KEY_CONSTRAINT = 'calls_pkey';

// Rows are written in key order, so that two syncs writing the same rows lock them in the same order.
const UPSERT = upsertSql(`SELECT ${NAMES.join(', ')} FROM ${STAGE} ORDER BY provider, account_sid, sid`, 'RETURNING (xmax = 0) AS inserted');

/** Deadlock and serialization failure: the transaction is run again. */
const TRANSIENT = new Set(['40P01', '40001']);

/** The target without its password, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.href;
  } catch {
    return 'the PostgreSQL URL given';
  }
}

class PostgresSession implements SqlSession {
  /** Whether this transaction staged rows already: the next upsert empties the table first. */
  staged = false;
  readonly plain = new PlainInserts();

  constructor(private readonly client: pg.Client) {}

  async query(sql: string, params: readonly SqlParam[] = []): Promise<Array<Record<string, unknown>>> {
    return (await this.client.query(sql, params as SqlParam[])).rows as Array<Record<string, unknown>>;
  }

  async upsertCalls(staged: StagedRows, from = 0, to = staged.length): Promise<WriteCounts> {
    if (!Array.isArray(staged)) throw new TypeError('PostgreSQL writes only the rows its driver staged');
    const all = staged as readonly CallRow[];
    const rows = from === 0 && to === all.length ? all : all.slice(from, to);
    if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    if (this.plain.next) {
      try {
        await this.#copy(rows, COPY_CALLS);
      } catch (error) {
        throw (error as { constraint?: string }).constraint === KEY_CONSTRAINT ? new InsertConflict(error instanceof Error ? error.message : String(error)) : error;
      }
      return { inserted: rows.length, updated: 0, unchanged: 0 };
    }
    if (this.staged) await this.client.query(`TRUNCATE ${STAGE}`);
    this.staged = true;
    await this.#copy(rows, COPY_STAGE);
    const written = await this.query(UPSERT);
    const inserted = written.filter((row) => row.inserted === true).length;
    this.plain.wrote(inserted, rows.length);
    return { inserted, updated: written.length - inserted, unchanged: rows.length - written.length };
  }

  async #copy(rows: readonly CallRow[], copy: string): Promise<void> {
    // One chunk made ahead of the one being sent.
    await pipeline(Readable.from(copyLines(rows, COPY_CHUNK_ROWS), { highWaterMark: 1 }), this.client.query(copyFrom(copy)));
  }
}

class PostgresDriver implements SyncDriver {
  readonly engine = 'postgres';
  readonly types = TYPES;
  readonly columnStorage = {};
  readonly secondaryIndexes = true;
  // Ten pages to a transaction measured no faster (200,000 calls: 32.1 s against 30.0 s page by page) and held more memory.
  readonly rowsPerTransaction = 1;
  readonly splitPages = false;
  // Pages wait as rows in memory: one ahead, read while the server writes the one before.
  readonly pagesAhead = 1;
  readonly #session: PostgresSession;

  constructor(readonly target: string, private readonly client: pg.Client) {
    this.#session = new PostgresSession(client);
  }

  stage(rows: Iterable<CallRow>): readonly CallRow[] {
    return [...rows];
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.client.query('BEGIN');
      this.#session.staged = false;
      try {
        if (options.exclusive) await this.client.query("SELECT pg_advisory_xact_lock(hashtext('callbridge_sync_schema'))");
        const result = await work(this.#session);
        await this.client.query(options.rollback ? 'ROLLBACK' : 'COMMIT');
        this.#session.plain.ended();
        return result;
      } catch (error) {
        await this.client.query('ROLLBACK').catch(() => {});
        const conflict = error instanceof InsertConflict;
        if (!conflict && !TRANSIENT.has((error as { code?: string }).code ?? '')) throw error;
        // Run again with the upsert, whose rows are locked in key order: a plain COPY takes them in page order.
        this.#session.plain.conflicted();
        if (options.replay === false) throw new TransientConflict(error instanceof Error ? error.message : String(error));
        if (conflict || attempt < 5) continue;
        throw error;
      }
    }
  }

  async close(): Promise<void> {
    // One synchronous commit flushes the log up to it, so every page committed before is on disk when the sync returns.
    // Left when it fails: the server writes them within a second anyway, and the error that brought us here matters more.
    await this.client.query('SET synchronous_commit = on; BEGIN; SELECT pg_current_xact_id(); COMMIT').catch(() => {});
    await this.client.end();
  }
}

/** Connects to a PostgreSQL database for sync. */
export async function openPostgres(url: string): Promise<SyncDriver> {
  const target = redacted(url);
  const client = new pg.Client({ connectionString: url });
  // An error on an idle connection would otherwise crash the process; the next query reports it.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(CREATE_STAGE);
    // A commit does not wait for its log to reach the disk (the server writes it within a second). A server crash
    // may lose the last commits, each a page with the cursor before it, never one without the other: the next
    // run resumes from the cursor kept. close() flushes. This saved about 4 ms of each page's 6 ms commit.
    await client.query('SET synchronous_commit = off');
  } catch (error) {
    await client.end().catch(() => {});
    throw new SyncTargetError(`cannot connect to ${target}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return new PostgresDriver(target, client);
}
