/**
 * Decides when a driver may write a page with a plain insert instead of the
 * upsert: after a page whose rows were all new (a first load, page after
 * page), and not again in a transaction run once more after a key conflict.
 * A plain insert skips the conflict check and the hash comparison, about
 * half of an engine's work for new rows; the key still refuses a stored
 * one, and the driver then throws {@link InsertConflict}, rolls back and
 * runs the transaction again with the upsert.
 */
export class PlainInserts {
  #allowed = true;
  #lastAllNew = false;

  /** Whether the next page may be written with a plain insert. */
  get next(): boolean {
    return this.#allowed && this.#lastAllNew;
  }

  /** Tells how many of a page's rows were new. */
  wrote(inserted: number, rows: number): void {
    this.#lastAllNew = inserted === rows;
  }

  /** A transaction met a conflict: until it commits, pages are upserted. */
  conflicted(): void {
    this.#allowed = false;
  }

  /** A transaction ended: plain inserts are allowed again. */
  ended(): void {
    this.#allowed = true;
  }
}
