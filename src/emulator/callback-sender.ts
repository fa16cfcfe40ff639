import { type ClientRequest, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIPv4 } from 'node:net';
import { encodeForm } from '../dialects/common/webhook/form-fields.js';
import type { WebhookSigner } from '../dialects/common/webhook/webhook-signer.js';
import { emulatedCallbackFields } from '../dialects/webhook-registry.js';
import type { CallEvent as RequestedEvent, HttpMethod } from '../model/call-request.js';
import type { Provider } from '../model/provider.js';
import type { CallStatus } from '../model/status.js';
import { FINAL } from './call-lifecycle.js';
import { progressEvent, requestedEventOf } from './callback-event.js';
import type { CreatedEntry } from './created-calls.js';

/** One status callback the emulator sent, or meant to send. */
export interface CallbackDelivery {
  /** The dialect that created the call, whose fields and signature the callback carries. */
  provider: Provider;
  /** The call's sid as that dialect writes it. */
  callSid: string;
  /** The `StatusCallbackEvent` it reports. */
  event: RequestedEvent;
  /** The `CallStatus` it carries. */
  callStatus: string;
  sequenceNumber: number;
  /** The URL requested (for a GET, with the fields in its query). */
  url: string;
  method: HttpMethod;
  /**
   * `pending` until answered; `delivered` on a 2xx answer; `failed` when the
   * connection failed, timed out or the answer was not 2xx (never retried);
   * `skipped` when the URL is not a loopback http(s) URL (never sent).
   */
  outcome: 'pending' | 'delivered' | 'failed' | 'skipped';
  /** The receiver's status code, null when none came. */
  httpStatus: number | null;
  /** Why it failed or was skipped, null otherwise. */
  error: string | null;
}

/** Real ms a receiver has to answer one callback. */
export const CALLBACK_TIMEOUT_MS = 10_000;

/** Why a URL may not receive callbacks, or null when it may: http(s) on 127.0.0.0/8, ::1 or localhost only. */
export function notLoopback(url: string): string | null {
  if (!URL.canParse(url)) return `"${url}" is not an absolute URL`;
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') return `the emulator sends callbacks over http(s) only, not ${protocol}`;
  const loopback = hostname === 'localhost' || hostname === '[::1]' || (isIPv4(hostname) && hostname.startsWith('127.'));
  return loopback ? null : `the emulator sends callbacks to loopback URLs only (127.0.0.1, [::1], localhost), not ${hostname}`;
}

/** The URL with `query` appended to its own, as a GET callback carries its fields. */
function withQuery(url: string, query: string): string {
  return url + (!url.includes('?') ? '?' : /[?&]$/.test(url) ? '' : '&') + query;
}

/** A call's place in its sequence and the tail of its deliveries, which go one after another. */
interface CallQueue {
  next: number;
  tail: Promise<void>;
}

/**
 * Sends created calls' status callbacks: each requested event, with its
 * dialect's form fields and signature, to loopback URLs only; one call's
 * callbacks one after another in order, numbered from 0; a failure is logged
 * and not retried, and never touches the call's lifecycle.
 */
export class CallbackSender {
  readonly #signers: Readonly<Record<Provider, WebhookSigner>>;
  readonly #logSize: number;
  readonly #log: CallbackDelivery[] = [];
  readonly #queues = new Map<string, CallQueue>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #requests = new Set<ClientRequest>();
  #closed = false;

  constructor(signers: Readonly<Record<Provider, WebhookSigner>>, logSize: number) {
    this.#signers = signers;
    this.#logSize = logSize;
  }

  /** The most recent deliveries, oldest first, their outcomes updated as answers come. */
  get log(): readonly CallbackDelivery[] {
    return this.#log;
  }

  /** Reports a call's new status (queued on creation) at `at`, if its status callback asks for that event. */
  report(entry: CreatedEntry, status: CallStatus, at: string): void {
    const { url, method, events } = entry.statusCallback;
    const event = requestedEventOf(status);
    if (url === null || !events.includes(event)) return;
    const id = `${entry.createdWith} ${entry.call.sid}`;
    const queue = this.#queues.get(id) ?? { next: 0, tail: Promise.resolve() };
    const fields = emulatedCallbackFields(progressEvent(entry, at, queue.next));
    const body = method === 'GET' ? '' : encodeForm(fields);
    const target = method === 'GET' ? withQuery(url, encodeForm(fields)) : url;
    const delivery: CallbackDelivery = {
      provider: entry.createdWith, callSid: String(fields.CallSid), event, callStatus: String(fields.CallStatus), sequenceNumber: queue.next,
      url: target, method, outcome: 'pending', httpStatus: null, error: notLoopback(url),
    };
    queue.next += 1;
    this.#record(delivery);
    if (delivery.error !== null) {
      delivery.outcome = 'skipped';
    } else {
      const signer = this.#signers[entry.createdWith];
      const sent = queue.tail.then(() => this.#deliver(delivery, body, () => signer.sign(target, body, method === 'GET' ? {} : fields, Date.now())));
      queue.tail = sent;
      this.#inFlight.add(sent);
      void sent.then(() => this.#inFlight.delete(sent));
    }
    // Nothing follows a final event: forget the call's queue (its last delivery still runs).
    if (FINAL.has(status)) this.#queues.delete(id);
    else this.#queues.set(id, queue);
  }

  /** Resolves once every callback reported so far has been answered or has failed. */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  /** Sends nothing more and drops the requests under way (they are logged as failed). */
  close(): void {
    this.#closed = true;
    for (const request of this.#requests) request.destroy(new Error('the emulator closed'));
  }

  #record(delivery: CallbackDelivery): void {
    this.#log.push(delivery);
    if (this.#log.length > this.#logSize) this.#log.shift();
  }

  /** One attempt, never rejecting: its outcome goes to the delivery. */
  async #deliver(delivery: CallbackDelivery, body: string, headers: () => Record<string, string>): Promise<void> {
    if (this.#closed) {
      Object.assign(delivery, { outcome: 'failed', error: 'the emulator closed before sending it' });
      return;
    }
    try {
      const status = await this.#send(delivery, body, headers());
      delivery.httpStatus = status;
      delivery.outcome = status >= 200 && status < 300 ? 'delivered' : 'failed';
      if (delivery.outcome === 'failed') delivery.error = `the receiver answered ${status}`;
    } catch (error) {
      delivery.outcome = 'failed';
      delivery.error = error instanceof Error ? error.message : String(error);
    }
  }

  #send(delivery: CallbackDelivery, body: string, signature: Record<string, string>): Promise<number> {
    const url = new URL(delivery.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string | number> = { 'user-agent': 'callbridge-emulator', ...signature };
    if (delivery.method === 'POST') Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) });
    return new Promise<number>((resolve, reject) => {
      // No shared agent: no socket outlives its callback to hold a receiver open.
      const req = send(url, { method: delivery.method, headers, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      this.#requests.add(req);
      req.on('close', () => this.#requests.delete(req));
      req.setTimeout(CALLBACK_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${CALLBACK_TIMEOUT_MS / 1000} s`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}
