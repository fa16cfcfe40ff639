import type { CallQuery } from '../../model/query.js';
import { CallbridgeError } from '../../model/errors/callbridge-error.js';

/** What was being done when the answer was lost. */
export type WriteOperation = 'create' | 'update' | 'delete';

/**
 * A create, update or delete was sent and may have reached the provider, but
 * no answer says whether it acted: a timeout, a 5xx, a connection dropped
 * after sending, an accepted answer cut off. callbridge does not retry such a
 * request, because providers take no idempotency key and a retried create could
 * place the call twice. For a create, `lookup` is the query that finds the call
 * if it exists (`calls.list(error.lookup)`); for an update or delete, fetch
 * `sid` to see the call's state.
 */
export class AmbiguousResultError extends CallbridgeError {
  override name = 'AmbiguousResultError';
  readonly operation: WriteOperation;
  readonly url: string;
  /** What went wrong after sending. */
  readonly reason: string;
  /** For a create: the calls to list to find it (to, from, started since shortly before the request). */
  readonly lookup: CallQuery | null;
  /** For an update or delete: the call concerned. */
  readonly sid: string | null;

  constructor(operation: WriteOperation, method: string, url: string, reason: string, where: { lookup: CallQuery } | { sid: string }) {
    const how =
      'lookup' in where
        ? `The call may or may not exist. callbridge did not retry, so as not to place it twice. To look, list calls with ${JSON.stringify(where.lookup)} (calls.list(error.lookup)); a call still queued has no start time yet, so look again a little later or without startedAt.`
        : `The ${operation} may or may not have been applied; callbridge did not retry it. Fetch the call (calls.get("${where.sid}")) to see its state.`;
    super(`${method} ${url}: ${reason}. ${how}`);
    this.operation = operation;
    this.url = url;
    this.reason = reason;
    this.lookup = 'lookup' in where ? where.lookup : null;
    this.sid = 'sid' in where ? where.sid : null;
  }
}
