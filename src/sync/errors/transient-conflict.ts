/**
 * A transaction met a transient conflict and was rolled back; its work was
 * not run again (`replay: false`). Running it again from what was committed
 * is safe. Internal: sync catches it, a caller never sees it.
 */
export class TransientConflict extends Error {
  constructor(readonly reason: string) {
    super(`transaction rolled back after a transient conflict: ${reason}`);
    this.name = 'TransientConflict';
  }
}
