import type { Provider } from '../model/provider.js';
import type { ApiError } from './api-error.js';
import type { ListRequest } from './list-request.js';
import type { PageToken } from './paging.js';

/** What a dialect's routes need to write one list page. */
export interface PageInput {
  /** The account id as this dialect spells it. */
  account: string;
  request: ListRequest;
  /** The page's raw records, already in this dialect. */
  records: Array<Record<string, unknown>>;
  next: PageToken | null;
  previous: PageToken | null;
}

/**
 * One dialect of the emulator's API: how it reads list parameters and sids,
 * and how it writes pages and errors. Everything else (data, filtering,
 * paging, auth, faults) is shared.
 */
export interface DialectView {
  readonly provider: Provider;
  /** The Basic-auth realm named in `WWW-Authenticate`. */
  readonly realm: string;
  /** Reads the list parameters; throws a `bad-request` ApiError. */
  readList(query: URLSearchParams): ListRequest;
  /** The sid key (see sidKey) of a sid as this dialect writes it, e.g. taken from a fetch path. */
  fetchKey(sid: string): string;
  /** The list page body. */
  pageBody(input: PageInput): Record<string, unknown>;
  /** The error body, for a request to `path`. */
  errorBody(error: ApiError, path: string): Record<string, unknown>;
}
