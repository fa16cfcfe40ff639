import type { SyncDriver } from './driver.js';

/** Options of opening a target. */
export interface OpenOptions {
  /** How long to wait for a DuckDB file another process is writing, in ms. */
  lockTimeoutMs: number;
}

/** True when a target names a PostgreSQL server rather than a DuckDB file. */
export function isPostgresTarget(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * Opens the driver a target names. Each engine's driver, and its database
 * client, is imported only here, when a sync runs: code that never syncs
 * never loads either.
 */
export async function openTarget(target: string, options: OpenOptions): Promise<SyncDriver> {
  if (isPostgresTarget(target)) {
    const { openPostgres } = await import('./postgres-driver.js');
    return openPostgres(target);
  }
  const { openDuckDb } = await import('./duckdb-driver.js');
  return openDuckDb(target, options.lockTimeoutMs);
}
