import ky from 'ky';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WriteRequest } from '../dialects/common/call-params.js';
import type { Dialect, ProviderErrorBody } from '../dialects/common/dialect.js';
import type { ResolvedConfig } from './config.js';
import { AuthenticationError } from './errors/authentication-error.js';
import { MalformedResponseError } from './errors/malformed-response-error.js';
import { NetworkError } from './errors/network-error.js';
import { NotFoundError } from './errors/not-found-error.js';
import { ProviderError, type ProviderErrorDetails } from './errors/provider-error.js';
import { RateLimitedError } from './errors/rate-limited-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { RETRIED_STATUSES, backoffMs, retryAfterMs } from './retry-policy.js';

/** Sends GETs with the account's credentials and reads JSON, retrying what is worth retrying. */
export interface Transport {
  /**
   * GETs a URL on the configured origin and returns its parsed JSON body.
   * Aborting `cancel` stops the request and any wait between attempts; the
   * promise then rejects with the signal's reason.
   */
  getJson(url: URL, cancel?: AbortSignal): Promise<unknown>;
  /**
   * As `getJson`, in two steps: the body's text first, unparsed, so that a
   * caller may parse it only when it needs it (a page fetched ahead), then
   * `parseText`, which handles a body that is not JSON as `getJson` would.
   */
  getText(url: URL, cancel?: AbortSignal): Promise<ReceivedText>;
  /**
   * The JSON value of a body `getText` returned for `url`, with the text it was parsed from; a body that
   * is not JSON is asked for again while retries remain (the text is then the later body's), then refused.
   */
  parseText(url: URL, received: ReceivedText, cancel?: AbortSignal): Promise<ParsedText>;
  /**
   * Sends a write (POST, DELETE) and returns its parsed JSON body, or null for
   * an empty one (204). Retried only when no byte was sent (connection
   * refused, DNS failure) or on 429 (the provider did not act); any other
   * failure after sending is handed to `ambiguous`, whose error is thrown.
   */
  send(url: URL, request: WriteRequest, ambiguous: (reason: string, method: string, shown: string) => Error): Promise<unknown>;
}

/** A 2xx body as `Transport.getText` received it, and the attempt that got it. */
export interface ReceivedText {
  readonly text: string;
  readonly attempt: number;
}

/** A body's JSON value and the text it was parsed from. */
export interface ParsedText {
  readonly value: unknown;
  readonly text: string;
}

/** Failures that prove the request never left: no connection was made, so no byte of it was sent. */
const NEVER_SENT: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Whether fetch failed before sending anything (Node's fetch puts the system error, or an AggregateError of them, in `cause`). */
function neverSent(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown; errors?: Array<{ code?: unknown }> } }).cause;
  if (cause === undefined) return false;
  const codes = cause.errors !== undefined && cause.errors.length > 0 ? cause.errors.map((e) => e.code) : [cause.code];
  return codes.every((code) => typeof code === 'string' && NEVER_SENT.has(code));
}

/** A signal that aborts after `ms`, or as soon as `cancel` does (AbortSignal.any is newer than Node 20.0). */
function attemptSignal(ms: number, cancel: AbortSignal | undefined): { signal: AbortSignal; end(): void } {
  if (cancel === undefined) return { signal: AbortSignal.timeout(ms), end() {} };
  const controller = new AbortController();
  const abort = () => controller.abort(cancel.reason);
  const timer = setTimeout(() => controller.abort(), ms);
  cancel.addEventListener('abort', abort, { once: true });
  if (cancel.aborted) abort();
  return {
    signal: controller.signal,
    end() {
      clearTimeout(timer);
      cancel.removeEventListener('abort', abort);
    },
  };
}

/** The largest body read into memory; a larger one is refused rather than buffered. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_BODY_BYTES) {
    // Release the connection now: an unread body keeps it open for as long as the server trickles.
    response.body?.cancel().catch(() => {});
    throw new BodyTooLarge();
  }
  if (response.body === null) return '';
  // A declared, uncompressed length bounds the body: read it in one native step.
  const encoding = response.headers.get('content-encoding');
  if (declared > 0 && (encoding === null || encoding === 'identity')) return response.text();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** A response read whole. */
interface Answer {
  status: number;
  text: string;
  /** The Retry-After header in ms, null when absent or unreadable. */
  retryAfter: number | null;
}

/** What one attempt got: an answer, or what fetch or the body's reading threw (and whether the attempt's own time ran out). */
type Attempt = Answer | { failed: unknown; timedOut: boolean };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The system's reason for a failed connection, without the request (which holds the Authorization header). */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (cause?.message === 'bad port') return 'bad port: fetch refuses to connect to this port (a port browsers block); serve on another port';
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** A failure that no retry can mend: fetch refuses the port itself, before any connection. */
function isPermanent(error: unknown): boolean {
  return (error as { cause?: { message?: unknown } }).cause?.message === 'bad port';
}

function providerError(details: ProviderErrorDetails, retryAfter: number | null): ProviderError {
  if (details.status >= 300 && details.status < 400) {
    return new ProviderError(details, 'callbridge does not follow redirects: the credentials go to the configured origin and account only.');
  }
  if (details.status === 401 || details.status === 403) return new AuthenticationError(details);
  if (details.status === 404) return new NotFoundError(details, details.code !== null || details.providerMessage !== null);
  if (details.status === 429) return new RateLimitedError(details, retryAfter === null ? null : retryAfter / 1000);
  return new ProviderError(details);
}

/**
 * Replaces every credential in text the server sent back (an error page or
 * message that echoes the request's headers, as is or percent-encoded in a
 * link) before it goes into an error.
 */
function redactor(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap((s) => [s, encodeURIComponent(s)]))].filter((s) => s !== '');
  return (text) => forms.reduce((t, secret) => t.replaceAll(secret, '[redacted]'), text);
}

/**
 * Creates the transport shared by every dialect. The dialect is used only to
 * read error bodies; the Authorization header (made by the provider's auth
 * scheme when the configuration was resolved) lives in this closure and in no
 * error, message or cause.
 */
export function createTransport(config: ResolvedConfig, dialect: Dialect): Transport {
  const authorization = config.authorization.reveal();
  // The secret, and the header's credential as sent (Basic's base64 of user:secret).
  const redact = redactor([config.secret.reveal(), authorization.slice(authorization.indexOf(' ') + 1)]);
  const redactOrNull = (text: string | null) => (text === null ? null : redact(text));
  const http = ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    // A redirect would carry the request (and, on the same origin, the credentials)
    // somewhere next-page links may not go; a 3xx is reported, never followed.
    redirect: 'manual',
    headers: { authorization, accept: 'application/json', 'user-agent': 'callbridge' },
    ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
  });
  const { retry } = config;

  /** The error of a non-2xx answer the retries did not mend. */
  const answerError = (status: number, text: string, details: { url: string; attempts: number; method?: string }, retryAfter: number | null) => {
    const body = parseJson(text);
    const said: ProviderErrorBody = body.ok ? dialect.readError(body.value) : { code: null, message: null, moreInfo: null };
    return providerError(
      { provider: dialect.provider, status, code: said.code, providerMessage: redactOrNull(said.message), moreInfo: redactOrNull(said.moreInfo), ...details },
      retryAfter,
    );
  };

  /** Waits between attempts; aborting `cancel` ends the wait with the caller's reason. */
  const pause = async (ms: number, cancel?: AbortSignal) => {
    try {
      await sleep(ms, undefined, cancel === undefined ? undefined : { signal: cancel });
    } catch (error) {
      // Node's AbortError would hide the reason the caller gave.
      throw cancel?.aborted ? cancel.reason : error;
    }
  };

  // The host is named so that a wrong base URL shows; an origin never holds credentials.
  const shownOf = (url: URL) => url.origin + url.pathname + url.search;

  /** Makes one request within the attempt's time (and `cancel`), reading its body whole. */
  const attemptOnce = async (request: (signal: AbortSignal) => Promise<Response>, cancel?: AbortSignal): Promise<Attempt> => {
    const { signal, end } = attemptSignal(config.timeout, cancel);
    try {
      const response = await request(signal);
      const retryAfter = retryAfterMs(response.headers.get('retry-after'));
      return { status: response.status, retryAfter, text: await readBody(response) };
    } catch (error) {
      return { failed: error, timedOut: signal.aborted };
    } finally {
      end();
    }
  };

  /** How long to wait before the next attempt after an answer worth retrying; null when its Retry-After asks for longer than allowed. */
  const waitAfter = ({ retryAfter }: Answer, attempt: number): number | null => {
    const wait = retryAfter ?? backoffMs(attempt - 1, retry);
    return wait <= retry.maxRetryAfter ? wait : null;
  };

  /** A GET with the retries of `getJson`, from attempt `first`; `parse: false` hands a 2xx body back as text. */
  async function get(url: URL, cancel: AbortSignal | undefined, parse: boolean, first = 1): Promise<unknown> {
    const shown = shownOf(url);
    for (let attempt = first; ; attempt++) {
      const canRetry = attempt <= retry.limit;
      const answer = await attemptOnce((signal) => http.get(url, { signal }), cancel);
      if ('failed' in answer) {
        const { failed } = answer;
        if (cancel?.aborted) throw cancel.reason;
        if (answer.timedOut) throw new TimeoutError(shown, config.timeout);
        if (failed instanceof BodyTooLarge) throw new MalformedResponseError(shown, attempt, `the body is larger than ${MAX_BODY_BYTES} bytes`);
        if (!canRetry || isPermanent(failed)) throw new NetworkError(shown, attempt, networkReason(failed));
        await pause(backoffMs(attempt - 1, retry), cancel);
        continue;
      }
      const { status, text } = answer;
      if (status >= 200 && status < 300) return parse ? (await parseText(url, { text, attempt }, cancel)).value : { text, attempt };
      const wait = canRetry && RETRIED_STATUSES.has(status) ? waitAfter(answer, attempt) : null;
      if (wait !== null) {
        await pause(wait, cancel);
        continue;
      }
      throw answerError(status, text, { url: shown, attempts: attempt }, answer.retryAfter);
    }
  }

  /** The JSON value of a 2xx body. */
  async function parseText(url: URL, { text, attempt }: ReceivedText, cancel: AbortSignal | undefined): Promise<ParsedText> {
    const body = parseJson(text);
    if (body.ok) return { value: body.value, text };
    // A cut-off body is worth another try; an HTML page will fail the same way each time.
    if (attempt > retry.limit) {
      const start = redact(text.slice(0, 1024)).slice(0, 60);
      throw new MalformedResponseError(shownOf(url), attempt, `the body is not JSON (starts ${JSON.stringify(start)})`);
    }
    await pause(backoffMs(attempt - 1, retry), cancel);
    return parseText(url, (await get(url, cancel, false, attempt + 1)) as ReceivedText, cancel);
  }

  return {
    getJson: (url, cancel) => get(url, cancel, true),
    getText: (url, cancel) => get(url, cancel, false) as Promise<ReceivedText>,
    parseText,

    async send(url, request, ambiguous) {
      const shown = url.origin + url.pathname;
      const { method } = request;
      const init =
        request.body === null ? {}
        : request.body.encoding === 'json' ? { json: request.body.value }
        : { body: new URLSearchParams(request.body.params as Array<[string, string]>) };
      for (let attempt = 1; ; attempt++) {
        const canRetry = attempt <= retry.limit;
        const answer = await attemptOnce((signal) => http(url, { method, signal, ...init }));
        if ('failed' in answer) {
          const { failed } = answer;
          if (neverSent(failed)) {
            if (canRetry) {
              await pause(backoffMs(attempt - 1, retry));
              continue;
            }
            throw new NetworkError(shown, attempt, networkReason(failed), method);
          }
          if (isPermanent(failed)) throw new NetworkError(shown, attempt, networkReason(failed), method);
          if (answer.timedOut) throw ambiguous(`no complete answer within ${config.timeout} ms`, method, shown);
          if (failed instanceof BodyTooLarge) throw ambiguous(`the answer is larger than ${MAX_BODY_BYTES} bytes`, method, shown);
          throw ambiguous(`the connection failed after the request was sent (${networkReason(failed)})`, method, shown);
        }
        const { status, text } = answer;
        if (status >= 200 && status < 300) {
          if (text === '') return null;
          const body = parseJson(text);
          if (body.ok) return body.value;
          throw ambiguous(`${dialect.provider} answered ${status} but the body is not JSON`, method, shown);
        }
        // 429 says the provider did not act: the one answer a write may be retried after.
        const wait = canRetry && status === 429 ? waitAfter(answer, attempt) : null;
        if (wait !== null) {
          await pause(wait);
          continue;
        }
        if (status >= 500) throw ambiguous(`${dialect.provider} answered ${status}`, method, shown);
        throw answerError(status, text, { url: shown, attempts: attempt, method }, answer.retryAfter);
      }
    },
  };
}
