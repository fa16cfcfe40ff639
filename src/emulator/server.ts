import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { BadQueryError } from '../model/errors/bad-query-error.js';
import { ApiError } from './api-error.js';
import { type EmulatorAccounts, type SignalWireCredentials, type TwilioApiKey, type TwilioCredentials, accountsFor } from './credentials.js';
import type { Dataset } from './dataset.js';
import type { DialectView } from './dialect-view.js';
import { type FaultOptions, FaultSchedule } from './faults.js';
import { generateDataset, seed32 } from './generate-dataset.js';
import { hex32 } from './random.js';
import { type RecordedRequest, basicAuth, recordedHeaders } from './request-log.js';
import { matchRoute, viewForPath } from './routes.js';
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
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Faults to inject; none by default. Can be changed later with `setFaults`. */
  faults?: FaultOptions;
  /** How many recent requests `requests` keeps. Default 1000. */
  requestLogSize?: number;
}

/** A running emulator. */
export interface Emulator {
  /** Origin to point clients at: `http://127.0.0.1:53211`. */
  readonly url: string;
  /** The Twilio account it serves (`/2010-04-01/Accounts/{accountSid}/Calls.json`). */
  readonly twilio: TwilioCredentials;
  /** An API key of that account, accepted instead of its auth token. */
  readonly twilioApiKey: TwilioApiKey;
  /** The SignalWire project it serves, and the space host (`127.0.0.1:53211`) its SDK takes as `signalwireSpaceUrl`. */
  readonly signalwire: SignalWireCredentials & { spaceUrl: string };
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
  /** Forgets the recorded requests (the count goes on). */
  clearRequests(): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
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

/** Basic auth of the account in the path: Twilio's account sid and token or an API key of it; SignalWire's project and token. */
function authorize(view: DialectView, account: string, accounts: EmulatorAccounts, req: IncomingMessage): boolean {
  const credentials = basicAuth(req.headers);
  if (credentials === null) return false;
  const pairs: Array<readonly [string, string]> = view.provider === 'twilio'
    ? [[accounts.twilio.accountSid, accounts.twilio.authToken], [accounts.twilioApiKey.apiKey, accounts.twilioApiKey.apiSecret]]
    : [[accounts.signalwire.projectId, accounts.signalwire.token]];
  const owner = view.provider === 'twilio' ? accounts.twilio.accountSid : accounts.signalwire.projectId;
  return account === owner && pairs.some(([user, secret]) => credentials.username === user && credentials.password === secret);
}

/**
 * Starts the emulator: one HTTP server speaking Twilio's and SignalWire's
 * dialects of the Calls API over one dataset (generated from `calls`/`seed`
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
  const served = dataset.accountKey ?? hex32(seed ^ 0x5f3759df);
  const accounts = accountsFor(served, seed);
  const logSize = options.requestLogSize ?? 1000;
  const requests: RecordedRequest[] = [];
  let count = 0;
  let faults = new FaultSchedule(options.faults ?? {}, seed);
  let apiRequests = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    count += 1;
    const url = new URL(req.url ?? '/', 'http://emulator');
    const route = matchRoute(url.pathname);
    const view = route?.view ?? viewForPath(url.pathname);
    const entry: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      provider: route?.view.provider ?? null,
      headers: recordedHeaders(req.headers),
      username: basicAuth(req.headers)?.username ?? null,
      authorized: false,
      status: 0,
    };
    requests.push(entry);
    if (requests.length > logSize) requests.shift();
    const schedule = faults;
    try {
      const wait = schedule.latency();
      if (wait > 0) await sleep(wait);
      if (route === null) throw new ApiError('not-found', `The requested resource ${url.pathname} was not found`);
      if (req.method !== 'GET') throw new ApiError('method-not-allowed', `${req.method} is not supported here; the emulator only reads calls`);
      apiRequests += 1;
      const failure = schedule.failure(apiRequests);
      if (failure !== null) throw failure;
      entry.authorized = authorize(route.view, route.account, accounts, req);
      if (!entry.authorized) throw new ApiError('unauthorized', 'Authenticate', { 'www-authenticate': `Basic realm="${route.view.realm}"` });
      let body = route.sid === null
        ? servePage(dataset, route.view, route.account, url.searchParams)
        : serveCall(dataset, route.view, route.sid, url.pathname);
      const foreign = schedule.nextPageOrigin;
      if (foreign !== null && typeof body.next_page_uri === 'string') body = { ...body, next_page_uri: foreign + body.next_page_uri };
      entry.status = 200;
      send(res, 200, body, {}, schedule.truncation());
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('server-error', 'The emulator failed to answer');
      entry.status = apiError.status;
      send(res, apiError.status, view.errorBody(apiError, url.pathname), { ...apiError.headers });
      if (!(error instanceof ApiError)) throw error;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug of the emulator: answered 500 above; surface it where the test runner sees it.
      process.emitWarning(`callbridge emulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostPort = `${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: `http://${hostPort}`,
    twilio: accounts.twilio,
    twilioApiKey: accounts.twilioApiKey,
    signalwire: { ...accounts.signalwire, spaceUrl: hostPort },
    get dataset() {
      return dataset;
    },
    setDataset(next) {
      if (next.accountKey !== null && next.accountKey !== served) {
        throw new BadQueryError('dataset', `holds calls of account ${next.accountKey}, not of the account ${served} this emulator serves`);
      }
      dataset = next;
    },
    requests,
    get requestCount() {
      return count;
    },
    setFaults(next) {
      faults = new FaultSchedule(next ?? {}, seed);
      apiRequests = 0;
    },
    clearRequests() {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
