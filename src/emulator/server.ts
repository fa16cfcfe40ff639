import { timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../dialects/common/emulated/api-error.js';
import { authorizationValue } from '../dialects/common/provider-config.js';
import type { WebhookSigner } from '../dialects/common/webhook/webhook-signer.js';
import { BadQueryError } from '../model/errors/bad-query-error.js';
import type { Call } from '../model/call.js';
import { PROVIDERS, type Provider } from '../model/provider.js';
import { type EmulatorAccounts, type EmulatorAlternates, type ServedAccounts, accountsFor } from './credentials.js';
import type { Dataset } from './dataset.js';
import { type CallbackDelivery, CallbackSender } from './callback-sender.js';
import { type ClockOptions, EmulatorClock } from './clock.js';
import { CreatedCalls, type TransitionListener } from './created-calls.js';
import { type FaultOptions, FaultSchedule } from './faults.js';
import { mergeDataset } from './merged-dataset.js';
import { type WriteAnswer, bodyParams, serveCreate, serveDelete, serveUpdate } from './serve-writes.js';
import { generateDataset, seed32 } from './generate-dataset.js';
import { hex32 } from './random.js';
import { type RecordedRequest, basicAuth, recordedHeaders } from './request-log.js';
import { type Route, dialectForPath, matchRoute } from './routes.js';
import { serveCall, servePage } from './serve-calls.js';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Generate this many calls (10 to 1,000,000). Default 1000 when no `dataset` is given. */
  calls?: number;
  /** Seed of the generated data, the credentials and the fault draws. Default 1. */
  seed?: number;
  /** Serve this dataset instead of generating one (see generateDataset, loadDataset, datasetOf). */
  dataset?: Dataset;
  /** Port to listen on; default 0, a free port chosen by the OS. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. On `0.0.0.0` or `::` the URL given back names loopback. */
  host?: string;
  /** Faults to inject; none by default. Can be changed later with `setFaults`. */
  faults?: FaultOptions;
  /** How many recent requests `requests` keeps, and status callbacks `callbacks`. Default 1000. */
  requestLogSize?: number;
  /**
   * The clock created calls live on: real time by default (a call ends within
   * 10 s), faster with `speed`, or stepped with `advanceClock` when `manual`.
   */
  clock?: ClockOptions;
}

/** The calls created through the emulator (besides the dataset). */
export interface CreatedCallsControl {
  /** How many calls were created in all, deleted ones included: a test's proof that no request placed a second call. */
  readonly createdCount: number;
  /** The created calls as they stand now, canonical (written as Twilio calls, as the dataset's are). */
  list(): Call[];
  /** Hears every status change of a created call (with its status-callback settings); returns the function that stops it. */
  onTransition(listener: TransitionListener): () => void;
}

/** What a running emulator offers besides each provider's credentials. */
export interface EmulatorControls {
  /** Origin to point clients at: `http://127.0.0.1:53211`. */
  readonly url: string;
  /** Further credentials of the accounts it serves, by provider: Twilio's API key (`apiKey`, `apiSecret`). */
  readonly alternates: EmulatorAlternates;
  /** The calls it serves (the latest set with `setDataset`). */
  readonly dataset: Dataset;
  /**
   * Serves another version of the calls from now on: calls that changed
   * (a price arrived, an in-progress call completed), new calls. The account
   * stays the same, so the new dataset must hold the same account (or none
   * that the emulator would pick). Requests already answered are not touched.
   * Throws {@link BadQueryError} for a dataset of another account.
   */
  setDataset(next: Dataset): void;
  /** The most recent requests received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** How many requests it has received in all. */
  readonly requestCount: number;
  /** Replaces the faults (and restarts their counters); undefined turns them off. */
  setFaults(faults?: FaultOptions): void;
  /** Calls created through the emulator. */
  readonly calls: CreatedCallsControl;
  /** Moves the emulator's clock forward by `ms` (emulated ms), applying every status change that became due. */
  advanceClock(ms: number): void;
  /**
   * The most recent status callbacks of created calls, oldest first, each
   * with its outcome (`pending`, `delivered`, `failed`, `skipped` for a URL
   * that is not loopback), updated as the receivers answer.
   */
  readonly callbacks: readonly CallbackDelivery[];
  /** Resolves once every status callback due so far has been answered or has failed (step the clock, then await this). */
  callbacksSettled(): Promise<void>;
  /**
   * What `verifyWebhook` takes as `secret` for the callbacks of calls created
   * in each provider's dialect: Twilio's auth token, SignalWire's Signing Key,
   * Telnyx's public key.
   */
  readonly webhookSecrets: Readonly<Record<Provider, string>>;
  /** Forgets the recorded requests (the count goes on). */
  clearRequests(): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * A running emulator. Under each provider's name (`emulator.twilio`,
 * `emulator.signalwire`), the credentials of the account it serves in that
 * provider's dialect, as `createCallClient` options: Twilio `{ accountSid,
 * authToken }`; SignalWire `{ projectId, token, spaceUrl, signingKey }`, the
 * space host (`127.0.0.1:53211`) being what its SDK takes as
 * `signalwireSpaceUrl` and the Signing Key what its status callbacks are signed with;
 * Telnyx `{ accountSid, apiKey, publicKey }`, the public key verifying its callbacks.
 */
export type Emulator = EmulatorControls & EmulatorAccounts;

/** An Authorization value as compared: the scheme in lower case, one space, the credential. */
function normalizedAuthorization(value: string): Buffer {
  const m = /^(\S+)\s+(\S+)$/.exec(value.trim());
  return Buffer.from(m === null ? value : `${m[1]!.toLowerCase()} ${m[2]}`);
}

/** The account in the path must be the one served, and the request must carry one of its credentials (compared in constant time). */
function authorize(route: Route, accounts: ServedAccounts, req: IncomingMessage): boolean {
  const header = req.headers.authorization;
  if (header === undefined) return false;
  const account = accounts[route.dialect.provider];
  const sent = normalizedAuthorization(header);
  const accepted = account.accepts.some((credentials) => {
    const expected = normalizedAuthorization(authorizationValue(credentials));
    return expected.length === sent.length && timingSafeEqual(expected, sent);
  });
  return route.account === account.id && accepted;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, cut: 'close' | 'json' | null = null): void {
  const text = JSON.stringify(body);
  const bytes = Buffer.from(text, 'utf8');
  const type = { 'content-type': 'application/json; charset=utf-8' };
  if (cut === null) {
    res.writeHead(status, { ...type, 'content-length': bytes.length, ...headers });
    res.end(bytes);
    return;
  }
  const half = bytes.subarray(0, Math.floor(bytes.length / 2));
  if (cut === 'json') {
    res.writeHead(status, { ...type, 'content-length': half.length, ...headers });
    res.end(half);
    return;
  }
  // Promise the whole body, deliver half, drop the connection: what a client sees when a transfer dies.
  res.writeHead(status, { ...type, 'content-length': bytes.length, ...headers });
  res.write(half, () => res.destroy());
}

/** The largest request body read; a create or update is a few hundred bytes. */
const MAX_REQUEST_BYTES = 1024 * 1024;

async function readRequestBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw new ApiError('bad-request', `The body is larger than ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the emulator: one HTTP server speaking every provider's dialect of
 * the Calls API over one dataset (generated from `calls`/`seed`
 * unless `dataset` is given). Credentials are deterministic: the account ids
 * come from the dataset (or the seed), the secrets from the seed.
 * Throws {@link BadQueryError} for contradictory options.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  if (options.dataset !== undefined && options.calls !== undefined) {
    throw new BadQueryError('calls', 'cannot be combined with dataset; generate the dataset with the calls you want instead');
  }
  const seed = seed32(options.seed ?? 1);
  let dataset = options.dataset ?? generateDataset({ calls: options.calls ?? 1000, seed: options.seed ?? 1 });
  const logSize = options.requestLogSize ?? 1000;
  const requests: RecordedRequest[] = [];
  let count = 0;
  let faults = new FaultSchedule(options.faults ?? {}, seed);
  let apiRequests = 0;
  const accountKey = dataset.accountKey ?? hex32(seed ^ 0x5f3759df);
  const clock = new EmulatorClock(options.clock);
  const created = new CreatedCalls(clock, seed, (key) => dataset.positionOf(key) >= 0);
  // The dataset with the created calls merged in, rebuilt only when they change.
  let merged = { version: -1, view: dataset };
  const view = () => {
    created.settle();
    if (merged.version !== created.version) merged = { version: created.version, view: mergeDataset(dataset, created.all()) };
    return merged.view;
  };

  /** Performs a write, then lets the write fault (if any) spoil the answer. */
  const write = (req: IncomingMessage, res: ServerResponse, route: Route, path: string, text: string, schedule: FaultSchedule, entry: RecordedRequest) => {
    const params = bodyParams(req.headers['content-type'], text);
    const fault = schedule.writeFault();
    if (fault === 'reject') throw new ApiError('rate-limited', 'Too Many Requests', { 'retry-after': String(schedule.writeRetryAfter) });
    const { dialect } = route;
    let answer: WriteAnswer;
    if (route.sid === null) {
      if (req.method === 'DELETE') throw new ApiError('method-not-allowed', 'DELETE takes one call, not the list');
      answer = serveCreate(created, dialect, accountKey, params);
    } else {
      answer = req.method === 'DELETE' ? serveDelete(created, dataset, dialect, route.sid, path) : serveUpdate(created, dataset, dialect, route.sid, path, params);
    }
    if (fault === 'fail') throw new ApiError('server-error', 'Injected failure after acting');
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    entry.status = answer.status;
    if (answer.body === null) res.writeHead(answer.status).end();
    else send(res, answer.status, answer.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    count += 1;
    const url = new URL(req.url ?? '/', 'http://emulator');
    const route = matchRoute(url.pathname);
    const dialect = route?.dialect ?? dialectForPath(url.pathname);
    const entry: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      provider: route?.dialect.provider ?? null,
      headers: recordedHeaders(req.headers),
      username: basicAuth(req.headers)?.username ?? null,
      authorized: false,
      status: 0,
    };
    requests.push(entry);
    if (requests.length > logSize) requests.shift();
    const schedule = faults;
    try {
      // The whole request arrives before any latency: a client that gives up waiting has still sent it.
      const text = req.method === 'POST' || req.method === 'DELETE' ? await readRequestBody(req) : '';
      const wait = schedule.latency();
      if (wait > 0) await sleep(wait);
      if (route === null) throw new ApiError('not-found', `The requested resource ${url.pathname} was not found`);
      if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'DELETE') throw new ApiError('method-not-allowed', `${req.method} is not supported here`);
      apiRequests += 1;
      const failure = schedule.failure(apiRequests);
      if (failure !== null) throw failure;
      entry.authorized = authorize(route, accounts, req);
      if (!entry.authorized) throw new ApiError('unauthorized', 'Authenticate', { 'www-authenticate': dialect.emulated.challenge });
      if (req.method !== 'GET') {
        write(req, res, route, url.pathname, text, schedule, entry);
        return;
      }
      let body = route.sid === null
        ? servePage(view(), dialect, route.account, url.searchParams)
        : serveCall(view(), dialect, route.sid, url.pathname);
      const foreign = schedule.nextPageOrigin;
      if (foreign !== null && typeof body.next_page_uri === 'string') body = { ...body, next_page_uri: foreign + body.next_page_uri };
      entry.status = 200;
      send(res, 200, body, {}, schedule.truncation());
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('server-error', 'The emulator failed to answer');
      entry.status = apiError.status;
      send(res, apiError.status, dialect.emulated.errorBody(apiError, url.pathname), { ...apiError.headers });
      if (!(error instanceof ApiError)) throw error;
    }
  };

  const server = createServer();
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // Listening on every interface: the URL names loopback, which reaches it and which clients accept over http.
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const hostPort = `${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
  // The accounts may name the host (SignalWire's space), known once listening; requests are
  // handled from the next turn of the event loop on, after this.
  const accounts = accountsFor(accountKey, seed, hostPort);
  const callbacks = new CallbackSender(Object.fromEntries(PROVIDERS.map((p) => [p, accounts[p].signer])) as Record<Provider, WebhookSigner>, logSize);
  created.onCreate((entry, at) => callbacks.report(entry, entry.call.status, at));
  created.onTransition(({ entry, status, at }) => callbacks.report(entry, status, at));
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      // A bug of the emulator: answered 500 above; surface it where the test runner sees it.
      process.emitWarning(`callbridge emulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    });
  });

  const controls: EmulatorControls = {
    url: `http://${hostPort}`,
    alternates: Object.fromEntries(PROVIDERS.map((p) => [p, accounts[p].alternates])) as unknown as EmulatorAlternates,
    get dataset() {
      return dataset;
    },
    setDataset(next) {
      if (next.accountKey !== null && next.accountKey !== accountKey) {
        throw new BadQueryError('dataset', `holds calls of account ${next.accountKey}, not of the account ${accountKey} this emulator serves`);
      }
      dataset = next;
      // The created calls are merged into the new calls at the next request.
      merged = { version: -1, view: next };
    },
    requests,
    get requestCount() {
      return count;
    },
    setFaults(next) {
      faults = new FaultSchedule(next ?? {}, seed);
      apiRequests = 0;
    },
    calls: {
      get createdCount() {
        return created.createdCount;
      },
      list: () => created.all(),
      onTransition: (listener) => created.onTransition(listener),
    },
    advanceClock: (ms) => created.advance(ms),
    callbacks: callbacks.log,
    callbacksSettled: () => callbacks.settled(),
    webhookSecrets: Object.fromEntries(PROVIDERS.map((p) => [p, accounts[p].signer.verifyWith])) as Record<Provider, string>,
    clearRequests() {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        created.stop();
        callbacks.close();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
  const credentials = Object.fromEntries(PROVIDERS.map((p) => [p, { ...accounts[p].credentials, ...accounts[p].signer.shown }])) as unknown as EmulatorAccounts;
  return Object.assign(controls, credentials);
}
