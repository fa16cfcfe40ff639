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
  /** What was asked (provider, origin, query, format): a checkpoint never resumes another export. */
  job: string;
  cursor: string | null;
  records: number;
  bytes: number;
  done: boolean;
}

/** Reads a checkpoint for this job, or null when there is none yet. */
export function loadCheckpoint(path: string, job: string): Checkpoint | null {
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
  if (checkpoint.job !== job) {
    throw new UsageError(`checkpoint ${path} belongs to another export (other query, provider or format); delete it or pass --checkpoint`);
  }
  return checkpoint;
}

/** Replaces the checkpoint atomically. */
export function saveCheckpoint(path: string, checkpoint: Checkpoint): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, JSON.stringify(checkpoint));
  renameSync(temp, path);
}
