import { CALL_COLUMNS } from './columns.js';
import type { SyncDriver } from './driver.js';
import { SyncTargetError } from './errors/sync-target-error.js';

/** One step of the schema: applied once, in order, recorded in `callbridge_migrations`. */
interface Migration {
  version: number;
  name: string;
  statements: (driver: SyncDriver) => string[];
}

/**
 * The schema's history. Never edit a step that has shipped: add the next one.
 * State times are epoch milliseconds (BIGINT), exact and the same on every engine.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'calls and sync state',
    // A column's storage clause is not schema: it only decides how new tables store their values.
    statements: ({ types: t, columnStorage, secondaryIndexes }) => [
      `CREATE TABLE calls (
        ${CALL_COLUMNS.map((c) => `${c.name} ${t[c.type]}${columnStorage[c.type] === undefined ? '' : ` ${columnStorage[c.type]}`}${['provider', 'account_sid', 'sid', 'status'].includes(c.name) ? ' NOT NULL' : ''}`).join(',\n        ')},
        content_hash ${t.text} NOT NULL,
        first_synced_at ${t.timestamp} NOT NULL,
        synced_at ${t.timestamp} NOT NULL,
        PRIMARY KEY (provider, account_sid, sid)
      )`,
      ...(secondaryIndexes ? ['CREATE INDEX calls_start_time ON calls (start_time)', 'CREATE INDEX calls_date_created ON calls (date_created)'] : []),
      `CREATE TABLE callbridge_sync_state (
        provider ${t.text} NOT NULL,
        account_sid ${t.text} NOT NULL,
        watermark_ms ${t.bigint},
        last_run_started_ms ${t.bigint},
        last_run_finished_ms ${t.bigint},
        run_pending BOOLEAN NOT NULL DEFAULT false,
        run_from_ms ${t.bigint},
        run_page_size INTEGER,
        run_cursor ${t.text},
        run_listed BOOLEAN NOT NULL DEFAULT false,
        run_max_ms ${t.bigint},
        run_started_ms ${t.bigint},
        PRIMARY KEY (provider, account_sid)
      )`,
    ],
  },
  {
    version: 2,
    name: 'calls rows stored uncompressed up to 8 kB on PostgreSQL',
    // Compressing each new row (its raw record) took a fifth of the server's time in a sync; rows of a
    // few kB now stay whole, at about twice the table's size. DuckDB compresses by column, unasked.
    statements: ({ engine }) => (engine === 'postgres' ? ['ALTER TABLE calls SET (toast_tuple_target = 8160)'] : []),
  },
  {
    version: 3,
    name: 'sync times default to now() on PostgreSQL',
    // New calls are copied straight into calls (COPY sets no expression), taking the transaction's time as the upsert does.
    statements: ({ engine }) =>
      engine === 'postgres' ? ['ALTER TABLE calls ALTER COLUMN first_synced_at SET DEFAULT now(), ALTER COLUMN synced_at SET DEFAULT now()'] : [],
  },
];

/** The schema version this callbridge writes. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/**
 * Brings the target's schema to {@link SCHEMA_VERSION}, in one exclusive
 * transaction so that two syncs starting together do not both migrate.
 * Refuses a target migrated by a newer callbridge.
 */
export async function migrate(driver: SyncDriver): Promise<void> {
  await driver.transaction(
    async (session) => {
      await session.query(`CREATE TABLE IF NOT EXISTS callbridge_migrations (version INTEGER PRIMARY KEY, name ${driver.types.text} NOT NULL, applied_at ${driver.types.timestamp} NOT NULL)`);
      const [row] = await session.query('SELECT max(version) AS version FROM callbridge_migrations');
      const current = row?.version === null || row?.version === undefined ? 0 : Number(row.version);
      if (current > SCHEMA_VERSION) {
        throw new SyncTargetError(`${driver.target} has schema version ${current}, newer than ${SCHEMA_VERSION} which this callbridge knows; upgrade callbridge`);
      }
      for (const migration of MIGRATIONS) {
        if (migration.version <= current) continue;
        for (const statement of migration.statements(driver)) await session.query(statement);
        await session.query('INSERT INTO callbridge_migrations (version, name, applied_at) VALUES ($1, $2, now())', [migration.version, migration.name]);
      }
    },
    { exclusive: true },
  );
}
