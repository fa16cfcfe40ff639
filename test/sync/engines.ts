import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/** A database engine the sync tests run against: real, started by the tests. */
export interface Engine {
  name: 'duckdb' | 'postgres';
  /** A new, empty target. */
  fresh(): Promise<string>;
  /** Runs a query on a target no sync is writing (DuckDB allows one process per file). */
  select(target: string, sql: string): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

/** DuckDB files in a temporary directory. */
export function duckdbEngine(): Engine {
  const dir = mkdtempSync(join(tmpdir(), 'callbridge-sync-'));
  let n = 0;
  return {
    name: 'duckdb',
    fresh: async () => join(dir, `calls-${++n}.duckdb`),
    async select(target, sql) {
      const instance = await DuckDBInstance.create(target);
      try {
        const connection = await instance.connect();
        const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS() as Array<Record<string, unknown>>;
        connection.closeSync();
        return rows;
      } finally {
        instance.closeSync();
      }
    },
    stop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}


/** A PostgreSQL server from the embedded-postgres package, on a free port, one database per target. */
export async function postgresEngine(): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'callbridge-pg-'));
  // The server runs as its own user, which must reach the data directory inside.
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(join(dir, 'data'), 'sync-test');
  let n = 0;
  return {
    name: 'postgres',
    fresh: () => server.createDatabase(`calls_${++n}`),
    async select(target, sql) {
      const client = new pg.Client({ connectionString: target });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Array<Record<string, unknown>>;
      } finally {
        await client.end();
      }
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
