/**
 * A plain insert of rows expected to be new met a stored key. The
 * transaction is rolled back and run again with the upsert (see
 * `PlainInserts`). Internal: drivers catch it, a caller never sees it.
 */
export class InsertConflict extends Error {
  constructor(readonly reason: string) {
    super(`a plain insert met a stored key: ${reason}`);
    this.name = 'InsertConflict';
  }
}
