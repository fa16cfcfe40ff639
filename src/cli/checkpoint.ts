import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { UsageError } from './usage-error.js';

/**
 * Where an export stands: the cursor after the last batch written, how many
 * records and bytes of the output that batch ended at, and which export it is.
 * Written atomically (temp file + rename) after every batch, so a killed
 * export resumes exactly there.
 */
export interface Checkpoint {
  version: 1;
  /** What was asked (provider, origin, query without its limit, format, dialect), as JSON: a checkpoint never resumes another export. */
  job: string;
  /** The --limit of the run that wrote it, or null; a raised limit resumes the same export. */
  limit?: number | null;
  /** The page size the listing was started with (derived from the limit when not given): the cursor holds to it. */
  pageSize?: number;
  cursor: string | null;
  records: number;
  bytes: number;
  done: boolean;
}

/** Reads a checkpoint, or null when there is none yet. */
export function loadCheckpoint(path: string): Checkpoint | null {
  if (!existsSync(path)) return null;
  let checkpoint: Checkpoint;
  try {
    checkpoint = JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
  } catch {
    throw new UsageError(`checkpoint ${path} is not readable JSON; delete it to start over`);
  }
  if (checkpoint.version !== 1 || typeof checkpoint.bytes !== 'number' || typeof checkpoint.records !== 'number') {
    throw new UsageError(`checkpoint ${path} was not written by this version of callbridge; delete it to start over`);
  }
  return checkpoint;
}

/** The parts of two jobs (JSON objects) that differ, by name: `origin`, `query`, … */
export function jobDifferences(saved: string, current: string): string[] {
  let before: Record<string, unknown>;
  try {
    before = JSON.parse(saved) as Record<string, unknown>;
  } catch {
    return ['job'];
  }
  const now = JSON.parse(current) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(now)])];
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(now[key]));
}

/** Replaces the checkpoint atomically. */
export function saveCheckpoint(path: string, checkpoint: Checkpoint): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, JSON.stringify(checkpoint));
  renameSync(temp, path);
}
