import type { ApiError } from './api-error.js';
import type { Credentials } from '../provider-config.js';
import type { ListRequest } from './list-request.js';
import type { PageToken } from './page-token.js';

/** What a provider's emulated API needs to write one list page. */
export interface PageInput {
  /** The account id as this provider spells it. */
  account: string;
  /** The account's list path (the dialect's `callsPath`). */
  path: string;
  request: ListRequest;
  /** The page's raw records, already in this dialect. */
  records: Array<Record<string, unknown>>;
  next: PageToken | null;
  previous: PageToken | null;
}

/** A request path read by a provider's routes. */
export interface RouteMatch {
  /** The account id in the path, decoded. */
  account: string;
  /** The call sid for a fetch, decoded; null for the list. */
  sid: string | null;
  /**
   * How surely the path is this provider's: 2 when the path or the account's
   * shape is its own, 1 when only the path's form fits. The emulator takes the
   * surest match, so that two providers may share a path form.
   */
  fit: 1 | 2;
}

/** The account the emulator serves in one provider's dialect. */
export interface EmulatedAccount<C extends object, A extends object> {
  /** The account id in this provider's paths. */
  id: string;
  /** The account's settings as `createCallClient` options (plus what its SDK needs), shown by `startEmulator` and the CLI. */
  credentials: C;
  /** Further credentials of the same account the emulator accepts (Twilio: an API key). */
  alternates: readonly A[];
  /** Every credential the emulator accepts for this account, in the provider's auth scheme. */
  accepts: readonly Credentials[];
  /**
   * The credential its webhooks are signed with, when the provider keys them
   * with one (Twilio: the auth token); absent when the provider has a key of
   * its own for them, which the emulator then makes from its seed.
   */
  webhookSecret?: string;
}

/**
 * One provider's API as the emulator serves it, as pure functions of a
 * request: its routes, how it reads list parameters and sids (with the
 * provider's own time-filter semantics), and how it writes pages and errors.
 * Data, filtering, paging, auth checks, faults and HTTP are the emulator's.
 */
// `any` by default so that a list of providers can hold each with its own credential types.
export interface EmulatedApi<C extends object = any, A extends object = any> {
  /** Path prefixes of this API: a path no route matches gets the error body of the provider whose prefix it has. */
  readonly pathPrefixes: readonly string[];
  /** Reads a request path; null when it is not one of this provider's Calls resources. */
  route(pathname: string): RouteMatch | null;
  /** The `WWW-Authenticate` value of a 401. */
  readonly challenge: string;
  /**
   * The account served, from the dataset's 32-character account key,
   * deterministic secrets (`secret(i)`: 32 hex digits of the seed) and the
   * emulator's `host:port`.
   */
  account(key: string, secret: (i: number) => string, host: string): EmulatedAccount<C, A>;
  /** Reads the list parameters; throws a `bad-request` ApiError. */
  readList(query: URLSearchParams): ListRequest;
  /** The sid key (see `sidKey`) of a sid as this dialect writes it, e.g. taken from a fetch path. */
  fetchKey(sid: string): string;
  /** The list page body. */
  pageBody(input: PageInput): Record<string, unknown>;
  /** The answer to a create, from the created call's full record in this dialect (Twilio: 201 and the record). */
  createdAnswer(record: Record<string, unknown>): { status: number; body: Record<string, unknown> };
  /** The error body, for a request to `path`. */
  errorBody(error: ApiError, path: string): Record<string, unknown>;
}

/** A path segment decoded; kept as sent when it is not valid percent-encoding. */
export function decodeSegment(segment: string | undefined): string | null {
  if (segment === undefined) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
