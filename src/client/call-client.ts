import { DIALECTS } from '../dialects/registry.js';
import { createRequest, deleteRequest, updateRequest } from '../dialects/common/call-params.js';
import type { Call } from '../model/call.js';
import type { CreateCallInput, CreatedCall, UpdateCallInput } from '../model/call-request.js';
import type { Provider } from '../model/provider.js';
import { type CallQuery, resolveQuery } from '../model/query.js';
import { type CallClientOptions, resolveConfig } from './config.js';
import { type CallPage, listCalls } from './list-calls.js';
import { AmbiguousResultError } from './errors/ambiguous-result-error.js';
import { createTransport } from './transport.js';

/** How far before the request a lookup for a possibly created call starts: the provider's clock may differ from ours. */
const LOOKUP_MARGIN_MS = 60_000;

/** Options of a listing. */
export interface ListOptions {
  /** Resume right after the batch that returned this cursor (same query only). */
  cursor?: string;
  /**
   * Keep each record's text as the provider wrote it, for `rawRecordText`
   * (Twilio's and SignalWire's pages). A kept text holds its whole page in
   * memory for as long as one of the page's calls is kept. Default false.
   */
  rawText?: boolean;
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
  /**
   * Places a call. Fields or values the provider does not take throw
   * {@link UnsupportedOperationError} before any request. Never retried once it
   * may have reached the provider: such a failure throws
   * {@link AmbiguousResultError}, whose `lookup` lists the calls that would show it.
   * The result is canonical; on a provider whose create response lacks fields, they are null (see {@link CreatedCall}).
   */
  create(input: CreateCallInput): Promise<CreatedCall>;
  /** Redirects a live call to new instructions, or ends it (`status: 'canceled' | 'completed'`). Never retried once sent. */
  update(sid: string, input: UpdateCallInput): Promise<Call>;
  /** Deletes a call's record (not offered by every provider: UnsupportedOperationError). Never retried once sent. */
  delete(sid: string): Promise<void>;
}

/** A client of one provider account. */
export interface CallClient {
  readonly provider: Provider;
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
 * const client = createCallClient(); // CALLBRIDGE_PROVIDER and the provider's settings from env
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
      listCalls(resolveQuery(query, { defaultCountry: config.defaultCountry }), dialect, transport, { ...at, cursor: options.cursor, rawText: options.rawText === true }),
  });

  const calls: CallsResource = {
    pages,
    async *iterate(query, options) {
      for await (const page of pages(query, options)) {
        // Each call is let go as it is handed over, not when the whole page is done: memory stays flat
        // while the caller works through a page (and the next one arrives).
        const calls: Array<Call | undefined> = page.calls;
        for (let i = 0; i < calls.length; i++) {
          const call = calls[i]!;
          calls[i] = undefined;
          yield call;
        }
      }
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
    async create(input) {
      const request = createRequest(dialect.writes, input, dialect.callsPath(config.account));
      const lookup = { to: input.to, from: input.from, startedAt: { from: new Date(Date.now() - LOOKUP_MARGIN_MS).toISOString() } };
      const body = await transport.send(new URL(request.path, config.origin), request, (reason, method, url) => new AmbiguousResultError('create', method, url, reason, { lookup }));
      return dialect.readCreated(body);
    },
    async update(sid, input) {
      const own = dialect.requestSid(sid);
      const request = updateRequest(dialect.writes, input, dialect.callPath(config.account, own));
      const body = await transport.send(new URL(request.path, config.origin), request, (reason, method, url) => new AmbiguousResultError('update', method, url, reason, { sid: own }));
      return dialect.toCall(body, request.path);
    },
    async delete(sid) {
      const own = dialect.requestSid(sid);
      const request = deleteRequest(dialect.writes, dialect.callPath(config.account, own));
      await transport.send(new URL(request.path, config.origin), request, (reason, method, url) => new AmbiguousResultError('delete', method, url, reason, { sid: own }));
    },
  };
  return { provider: config.provider, account: config.account, origin: config.origin, calls };
}
