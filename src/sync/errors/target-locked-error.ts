import { CallbridgeError } from '../../model/errors/callbridge-error.js';

/**
 * Another process holds the sync target's write lock (a DuckDB file has one
 * writing process at a time) and did not release it within the wait allowed.
 */
export class TargetLockedError extends CallbridgeError {
  override name = 'TargetLockedError';
  /** The locked target, e.g. the DuckDB file. */
  readonly target: string;
  /** Who holds the lock, as the engine reported it (`/usr/bin/node (PID 4242)`), when known. */
  readonly holder: string | null;

  constructor(target: string, holder: string | null, waitedMs: number) {
    super(
      `${target} is locked by another process${holder === null ? '' : ` (${holder})`} and was not released within ${waitedMs} ms; ` +
        'wait for that sync to finish, or allow a longer wait (lockTimeout, --lock-timeout)',
    );
    this.target = target;
    this.holder = holder;
  }
}
