import type { IncomingMessage, ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { type CallClientOptions, CallbridgeError, type Provider, createCallClient, toDialect } from '../../src/index.js';
import { ACCOUNTS } from '../support/accounts.js';
import { makeCall } from '../support/calls.js';
import { type TestServer, sendJson, startServer } from '../support/http-server.js';

/**
 * Extends test/client/secrets.test.ts (which covers the basic transport errors
 * with the shared test tokens): here a distinctive token is planted in every
 * kind of credential, every error class callbridge exports is produced (the
 * test fails if a new class has no scenario), and servers that echo the
 * request's Authorization header back are included.
 */

const PLANTED = 'pl4nted-T0KEN-e5c1a9d7b3f2';

/** Every CallbridgeError subclass the public API exports. */
const ERROR_CLASSES = Object.entries(api)
  .filter(([, value]) => typeof value === 'function' && value.prototype instanceof CallbridgeError)
  .map(([name]) => name)
  .sort();

/** Every way a thrown value can be shown or logged, following causes and aggregated errors. */
function everyRendering(error: unknown, depth = 0): string[] {
  if (error === null || error === undefined || depth > 4) return [];
  const e = error as Error & { cause?: unknown; errors?: unknown[] };
  const own = Object.getOwnPropertyNames(e).map((k) => {
    try {
      return inspect((e as unknown as Record<string, unknown>)[k], { depth: 10, showHidden: true });
    } catch {
      return '';
    }
  });
  return [
    String(e),
    e.message ?? '',
    e.stack ?? '',
    inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    JSON.stringify(e) ?? '',
    JSON.stringify(Object.fromEntries(Object.entries(e))) ?? '',
    ...own,
    ...everyRendering(e.cause, depth + 1),
    ...(Array.isArray(e.errors) ? e.errors.flatMap((x) => everyRendering(x, depth + 1)) : []),
  ];
}

/** The forms a credential can leak in: the token, `user:token`, and its Basic base64 (whole, and the part that encodes the token). */
function leakForms(user: string, token: string): string[] {
  const basic = Buffer.from(`${user}:${token}`).toString('base64');
  // Base64 of `user:` ends on a 3-byte boundary at this offset; from there on it encodes the token alone.
  const aligned = Math.ceil((user.length + 1) / 3) * 4;
  return [token, `${user}:${token}`, basic, basic.slice(aligned, aligned + 12), encodeURIComponent(token), Buffer.from(token).toString('base64')];
}

function expectNoLeak(error: unknown, forms: readonly string[], what: string): void {
  const shown = everyRendering(error).join('\n');
  for (const form of forms) expect(shown.includes(form), `${what}: ${(error as Error).name} shows "${form}"`).toBe(false);
}

interface Credentials {
  label: string;
  provider: Provider;
  user: string;
  options: Partial<CallClientOptions>;
}

const CREDENTIALS: Credentials[] = [
  { label: 'twilio auth token', provider: 'twilio', user: ACCOUNTS.twilio.account, options: { accountSid: ACCOUNTS.twilio.account, authToken: PLANTED } },
  {
    label: 'twilio API key secret',
    provider: 'twilio',
    user: `SK${'5'.repeat(32)}`,
    options: { accountSid: ACCOUNTS.twilio.account, apiKey: `SK${'5'.repeat(32)}`, apiSecret: PLANTED },
  },
  { label: 'signalwire token', provider: 'signalwire', user: ACCOUNTS.signalwire.account, options: { projectId: ACCOUNTS.signalwire.account, token: PLANTED } },
];

/** What a scenario's server does with request number `n` (1-based); `echo` is the Authorization header it received. */
type Answer = (res: ServerResponse, echo: string, req: IncomingMessage) => void;

describe.each(CREDENTIALS)('no error shows the $label', ({ provider, user, options }) => {
  const forms = leakForms(user, PLANTED);
  const account = ACCOUNTS[provider].account;
  const record = (n: number) => toDialect(makeCall(provider, n, account), provider);
  let answer: Answer = (res) => sendJson(res, 200, { calls: [] });
  let server: TestServer;
  let elsewhere: TestServer;
  let closedOrigin: string;
  beforeAll(async () => {
    server = await startServer((req, res) => answer(res, req.headers.authorization ?? '', req));
    elsewhere = await startServer((_req, res) => sendJson(res, 200, { calls: [] }));
    const closed = await startServer(() => {});
    closedOrigin = closed.origin;
    await closed.close();
  });
  afterAll(async () => {
    await server.close();
    await elsewhere.close();
  });

  const client = (extra: Partial<CallClientOptions> = {}, origin = server.origin) =>
    createCallClient({ provider, baseUrl: origin, env: {}, retry: { limit: 0, baseDelay: 1 }, timeout: 2000, ...options, ...extra });

  const scenarios: Array<[string, Answer | null, () => Promise<unknown>]> = [
    ['a bad query', null, () => client().calls.list({ pageSize: 0 })],
    ['a bad sid', null, () => client().calls.get('../../Accounts')],
    ['a damaged cursor', null, () => client().calls.list({}, { cursor: 'bm90IGEgY3Vyc29y' })],
    // SignalWire has no no-answer (UnsupportedQueryError); Twilio refuses the parent sid's shape.
    ['a query the dialect cannot express', null, () => client().calls.list(provider === 'signalwire' ? { status: 'no-answer' } : { parentCallSid: 'x' })],
    ['a 401 echoing the header', (res, echo) => sendJson(res, 401, { code: 20003, message: `Authenticate: got ${echo}`, more_info: `https://e.test/?h=${encodeURIComponent(echo)}` }), () => client().calls.list()],
    ['a 403', (res) => sendJson(res, 403, { code: 20403, message: 'Forbidden' }), () => client().calls.list()],
    ['a 404 echoing the header', (res, echo) => sendJson(res, 404, { code: 20404, message: `no such call for ${echo}` }), () => client().calls.get(String(record(1).sid))],
    ['a 429 echoing the header', (res, echo) => sendJson(res, 429, { message: echo }, { 'retry-after': '99999' }), () => client().calls.list()],
    ['a 500 echoing the header', (res, echo) => sendJson(res, 500, { code: 1, message: `upstream said ${echo}`, more_info: echo }), () => client().calls.list()],
    ['a redirect', (res) => { res.writeHead(302, { location: `${elsewhere.origin}/` }); res.end(); }, () => client().calls.list()],
    ['an HTML page echoing the header', (res, echo) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(`<pre>Authorization: ${echo}</pre>`); }, () => client().calls.list()],
    ['an HTML page echoing the header further in', (res, echo) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(`<html><body>Debug: ${echo.slice(0, 20)}${echo.slice(20)}</body></html>`); }, () => client().calls.list()],
    ['a body too large', (res) => { res.writeHead(200, { 'content-length': String(100 * 1024 * 1024) }); res.write('{'); }, () => client().calls.list()],
    ['an unreadable record', (res) => sendJson(res, 200, { calls: [{ ...record(1), duration: 'forever' }] }), () => client().calls.list()],
    ['a next-page link to another host', (res) => sendJson(res, 200, { calls: [], next_page_uri: `${elsewhere.origin}/steal` }), () => client().calls.list()],
    ['no answer at all', () => {}, () => client({ timeout: 150 }).calls.list()],
    ['a refused connection', null, () => client({}, closedOrigin).calls.list()],
    ['a base URL with the token in it that is not a URL', null, async () => client({ baseUrl: `https://${user}:${PLANTED}@[::1` })],
    ['a base URL with the token in it', null, async () => client({ baseUrl: `https://${user}:${PLANTED}@api.example.com` })],
    ['a plain-http base URL with the token in it', null, async () => client({ baseUrl: `http://${user}:${PLANTED}@api.example.com/` })],
    ...(provider === 'signalwire'
      ? [['a space with the token in it', null, async () => client({ baseUrl: undefined, space: `${user}:${PLANTED}@example.signalwire.com` })] as [string, null, () => Promise<unknown>]]
      : []),
    ['a timeout that is not a number', null, async () => client({ timeout: Number.NaN })],
    ['a 503 to a create echoing the header', (res, echo) => sendJson(res, 503, { message: echo }), () => client().calls.create({ to: '+14155550100', from: '+14155550199', url: `https://e.test/?h=${PLANTED}` })],
    // Only SignalWire lacks a field Twilio has (inline instructions).
    ...(provider === 'signalwire'
      ? [['a field the provider cannot take', null, () => client().calls.create({ to: '+14155550100', from: '+14155550199', twiml: PLANTED })] as [string, null, () => Promise<unknown>]]
      : []),
  ];

  it('in any error of any class, however it is shown', async () => {
    const seen = new Set<string>();
    for (const [what, serverAnswer, run] of scenarios) {
      if (serverAnswer !== null) answer = serverAnswer;
      const error = await Promise.resolve().then(run).then(
        () => {
          throw new Error(`${what}: expected an error`);
        },
        (e: unknown) => e,
      );
      expect(error, what).toBeInstanceOf(CallbridgeError);
      seen.add((error as Error).name);
      expectNoLeak(error, forms, what);
    }
    // Every exported error class was produced (the Unsupported… errors only exist on SignalWire).
    const expected = ERROR_CLASSES.filter((name) => provider === 'signalwire' || !name.startsWith('Unsupported'));
    expect([...seen].sort()).toEqual(expected);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe('the list of error classes', () => {
  it('is what the public API exports', () => {
    expect(ERROR_CLASSES).toEqual([
      'AmbiguousResultError', 'AuthenticationError', 'BadQueryError', 'ConfigError', 'MalformedRecordError', 'MalformedResponseError', 'NetworkError',
      'NotFoundError', 'ProviderError', 'RateLimitedError', 'RefusedLinkError', 'TimeoutError', 'UnsupportedOperationError', 'UnsupportedQueryError',
    ]);
  });
});
