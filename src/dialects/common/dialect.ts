import type { Call } from '../../model/call.js';
import type { CreatedCall } from '../../model/call-request.js';
import type { CallWriteSpec } from './call-params.js';
import type { Provider } from '../../model/provider.js';
import type { ResolvedQuery } from '../../model/query.js';
import type { EmulatedApi } from './emulated/emulated-api.js';
import type { ProviderConfig } from './provider-config.js';
import type { WebhookScheme } from './webhook/webhook-scheme.js';

/** One HTTP GET a dialect asks the transport to make: a path under the origin and its search params. */
export interface RequestPlan {
  path: string;
  /** In order; a key may repeat. */
  searchParams: ReadonlyArray<readonly [string, string]>;
}

/**
 * How a dialect answers a query: the requests to make (several are merged
 * newest first, without duplicates) and the exact filter still to apply on the
 * client, because the provider's own bounds are only as tight as its dialect allows.
 */
export interface ListPlan {
  requests: readonly RequestPlan[];
  filter: (call: Call) => boolean;
}

/** One page of a list response, read leniently. */
export interface PageOf {
  records: readonly unknown[];
  /** The provider's link to the next page, verbatim, or null on the last page. */
  nextPageUri: string | null;
}

/** A provider's error body, as sent (fields it left out are null). */
export interface ProviderErrorBody {
  code: number | null;
  message: string | null;
  moreInfo: string | null;
}

/**
 * Everything callbridge knows of one provider, as pure data and functions (no
 * I/O): its dialect of the Calls API (paths, query translation, record reading
 * and writing, detection), its configuration keys, origin and auth scheme
 * (`config`), its webhooks' signature scheme and status callbacks
 * (`webhook`), and its API as the local emulator serves it (`emulated`).
 * `O` is the type of its `createCallClient` options, `C` and `A` those of the
 * emulated account's credentials, `K` the webhook key that account shows.
 * Adding a provider means writing one of these in its own folder and
 * registering it.
 */
// `any` by default so that a list of dialects can hold each with its own types.
export interface Dialect<O extends object = any, C extends object = any, A extends object = any, K extends object = any> {
  readonly provider: Provider;
  /** Configuration keys, origin and auth scheme. */
  readonly config: ProviderConfig<O>;
  /** Its API as the emulator serves it: routes, parameters, time-filter semantics, pages, errors, credentials. */
  readonly emulated: EmulatedApi<C, A>;
  /** Its webhooks: signature scheme, status callback vocabulary, signers. */
  readonly webhook: WebhookScheme<K>;
  /** Reads one raw record; `position` names it in errors when its sid cannot be read. */
  toCall(raw: unknown, position?: string): Call;
  /** Writes a Call as this dialect's raw record, with this dialect's documented types. */
  fromCall(call: Call): Record<string, unknown>;
  /**
   * Whether a record's `sid` alone proves it is this dialect's: the sid's shape
   * outweighs every other clue, so detection asks this of each dialect first.
   * At most one dialect may claim a sid.
   */
  claimsSid(sid: string): boolean;
  /** How much a raw record looks like this dialect (0 = not at all), for a sid no dialect claims. */
  detect(raw: Record<string, unknown>): number;
  /** Path of the account's Calls list resource. */
  callsPath(account: string): string;
  /** Path of one call resource. */
  callPath(account: string, sid: string): string;
  /** Path prefixes a next-page link of this account may point under (the first is the one callbridge requests). */
  accountPaths(account: string): readonly string[];
  /** Checks a sid given to `get` and returns it as this provider spells it; throws BadQueryError. */
  requestSid(sid: string): string;
  /** Turns a resolved query into requests plus the exact client-side filter; throws UnsupportedQueryError. */
  toListPlan(query: ResolvedQuery, account: string): ListPlan;
  /** Reads a list page envelope. */
  readPage(body: unknown): PageOf;
  /** Reads an error body. */
  readError(body: unknown): ProviderErrorBody;
  /** Placing and controlling calls: encodings, each operation's parameters, what is refused and why. */
  readonly writes: CallWriteSpec;
  /** Reads a create response: the full record where the provider sends it, else what it sent (sid null). */
  readCreated(body: unknown): CreatedCall;
}
