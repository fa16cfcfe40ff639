import type { Dialect } from '../dialects/common/dialect.js';
import { DIALECTS } from '../dialects/registry.js';
import type { Call } from '../model/call.js';
import type { Provider } from '../model/provider.js';
import { type CallQuery, resolveQuery } from '../model/query.js';
import { type CallClientOptions, resolveConfig } from './config.js';
import { type CallPage, listCalls } from './list-calls.js';
import { createTransport } from './transport.js';

/** Options of a listing. */
export interface ListOptions {
  /** Resume right after the batch that returned this cursor (same query only). */
  cursor?: string;
}

/** The calls of one account, the same on every provider. */
export interface CallsResource {
  /**
   * Every call matching the query, newest first, fetched page by page as the
   * loop consumes them (constant memory).
   */
  iterate(query?: CallQuery, options?: ListOptions): AsyncIterable<Call>;
  /**
   * The same calls in batches, each with the cursor that resumes after it,
   * for long reads that must survive interruption.
   */
  pages(query?: CallQuery, options?: ListOptions): AsyncIterable<CallPage>;
  /** Gathers every matching call into an array; prefer `iterate` or a `limit` for large accounts. */
  list(query?: CallQuery, options?: ListOptions): Promise<Call[]>;
  /** One call by sid. A SignalWire client also takes the Twilio-shaped `CA…` form of a UUID. */
  get(sid: string): Promise<Call>;
}

/** A client of one provider account. */
export interface CallClient {
  readonly provider: Provider;
  readonly dialect: Dialect;
  /** The account in request paths: the Twilio account sid, the SignalWire project id. */
  readonly account: string;
  /** The origin requests go to (`https://api.twilio.com`, `https://example.signalwire.com`, …). */
  readonly origin: string;
  readonly calls: CallsResource;
}

/**
 * Creates a client for the provider chosen by options or environment.
 * Throws {@link ConfigError} listing what to set when the configuration is
 * incomplete; no request is made until a method is called.
 *
 * @example
 * const client = createCallClient(); // CALLBRIDGE_PROVIDER, TWILIO_* or SIGNALWIRE_* from env
 * for await (const call of client.calls.iterate({ status: 'completed' })) console.log(call.sid);
 */
export function createCallClient(options: CallClientOptions = {}): CallClient {
  const config = resolveConfig(options);
  const dialect = DIALECTS[config.provider];
  const transport = createTransport(config, dialect);
  const at = { origin: config.origin, account: config.account };

  // Lazy, so that a bad query is reported when iteration starts, as for iterate and list;
  // an iterable rather than another generator layer, which measurably held on to more memory.
  const pages = (query: CallQuery = {}, options: ListOptions = {}): AsyncIterable<CallPage> => ({
    [Symbol.asyncIterator]: () =>
      listCalls(resolveQuery(query, { defaultCountry: config.defaultCountry }), dialect, transport, { ...at, cursor: options.cursor }),
  });

  const calls: CallsResource = {
    pages,
    async *iterate(query, options) {
      for await (const page of pages(query, options)) yield* page.calls;
    },
    async list(query, options) {
      const all: Call[] = [];
      for await (const page of pages(query, options)) all.push(...page.calls);
      return all;
    },
    async get(sid) {
      const path = dialect.callPath(config.account, dialect.requestSid(sid));
      return dialect.toCall(await transport.getJson(new URL(path, config.origin)), path);
    },
  };
  return { provider: config.provider, dialect, account: config.account, origin: config.origin, calls };
}
