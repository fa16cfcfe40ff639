import { setImmediate, setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCallClient } from '../../src/client/call-client.js';
import { DIALECTS } from '../../src/dialects/registry.js';
import { AuthenticationError } from '../../src/client/errors/authentication-error.js';
import { MalformedResponseError } from '../../src/client/errors/malformed-response-error.js';
import { NotFoundError } from '../../src/client/errors/not-found-error.js';
import { ProviderError } from '../../src/client/errors/provider-error.js';
import { RateLimitedError } from '../../src/client/errors/rate-limited-error.js';
import { RefusedLinkError } from '../../src/client/errors/refused-link-error.js';
import { TimeoutError } from '../../src/client/errors/timeout-error.js';
import { BadQueryError } from '../../src/model/errors/bad-query-error.js';
import { MalformedRecordError } from '../../src/model/errors/malformed-record-error.js';
import { UnsupportedQueryError } from '../../src/model/errors/unsupported-query-error.js';
import { PROVIDERS, type Provider } from '../../src/model/provider.js';
import type { CallStatus } from '../../src/model/status.js';
import { ACCOUNTS, authorizationOf, clientOptions } from '../support/accounts.js';
import { makeCall, sidOf } from '../support/calls.js';
import { startFakeProvider } from '../support/fake-provider.js';
import { type TestServer, sendJson, startServer } from '../support/http-server.js';

const servers: TestServer[] = [];

// A full collection on demand, without starting vitest with --expose-gc.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const originalParse = JSON.parse;

/** The global fetch, counting the requests a client hands it. */
function countingFetch(): { fetch: typeof fetch; count: number } {
  const counter = {
    count: 0,
    fetch: ((...args: Parameters<typeof fetch>) => {
      counter.count++;
      return fetch(...args);
    }) as typeof fetch,
  };
  return counter;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(...args: Parameters<typeof startFakeProvider>): Promise<TestServer> {
  const server = await startFakeProvider(...args);
  servers.push(server);
  return server;
}

const STATUSES: CallStatus[] = ['completed', 'busy', 'failed', 'canceled'];

/** A sid of the wrong provider, or no sid at all, for each provider's `get`. */
const WRONG_SID: Record<Provider, string> = {
  twilio: sidOf('signalwire', 1),
  signalwire: `PN${'a'.repeat(32)}`,
  telnyx: 'v3:a/../../b',
};

/** An error body in each provider's shape: Twilio's numbered body, or Telnyx's `errors` array (code a string). */
const ERROR_BODY: { [P in Provider]: (code: number, message: string, moreInfo: string, status: number) => Record<string, unknown> } = {
  twilio: (code, message, more_info, status) => ({ code, message, more_info, status }),
  signalwire: (code, message, more_info, status) => ({ code, message, more_info, status }),
  telnyx: (code, detail, url) => ({ errors: [{ code: String(code), title: 'Error', detail, meta: { url } }] }),
};

describe.each(PROVIDERS)('%s client', (provider) => {
  const account = ACCOUNTS[provider].account;
  const calls = Array.from({ length: 23 }, (_, n) => makeCall(provider, n, account, STATUSES[n % STATUSES.length]));
  const newestFirst = [...calls].reverse().map((c) => c.sid);

  it('iterates every page newest first, with the credentials in the provider\'s auth scheme', async () => {
    const server = await serve(provider, calls);
    const client = createCallClient(clientOptions(provider, server.origin));
    const seen = [];
    for await (const call of client.calls.iterate({ pageSize: 5 })) seen.push(call.sid);
    expect(seen).toEqual(newestFirst);
    expect(server.requests).toHaveLength(5);
    expect(server.requests.every((r) => r.headers.authorization === authorizationOf(provider))).toBe(true);
  });

  it('stops at the limit and asks for no more pages than needed', async () => {
    const server = await serve(provider, calls);
    const client = createCallClient(clientOptions(provider, server.origin));
    const got = await client.calls.list({ limit: 7, pageSize: 5 });
    expect(got.map((c) => c.sid)).toEqual(newestFirst.slice(0, 7));
    expect(server.requests).toHaveLength(2);
  });

  it('requests the next page while the current one is read', async () => {
    const server = await serve(provider, calls);
    const client = createCallClient(clientOptions(provider, server.origin));
    const seen: string[] = [];
    for await (const call of client.calls.iterate({ pageSize: 5 })) {
      // Page 2 is asked for before anything of page 1 has been taken past its first call.
      if (seen.length === 0) await vi.waitFor(() => expect(server.requests).toHaveLength(2));
      seen.push(call.sid);
    }
    expect(seen).toEqual(newestFirst);
    expect(server.requests).toHaveLength(5);
  });

  it('parses a page fetched ahead only when it is reached, not while the page before is read', async () => {
    const server = await serve(provider, calls);
    const client = createCallClient(clientOptions(provider, server.origin));
    const secondPage = newestFirst[5]!;
    const events: string[] = [];
    const parse = vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      if (typeof text === 'string' && text.includes(secondPage)) events.push('second page parsed');
      return originalParse(text, reviver) as unknown;
    });
    try {
      let index = 0;
      for await (const call of client.calls.iterate({ pageSize: 5 })) {
        if (index < 5) {
          // A slow reader of the first page: the second, asked for meanwhile, has long arrived.
          await vi.waitFor(() => expect(server.requests).toHaveLength(2));
          await sleep(20);
        }
        events.push(call.sid === newestFirst[4] ? 'first page read' : 'call');
        index++;
      }
    } finally {
      parse.mockRestore();
    }
    expect(events.indexOf('second page parsed')).toBeGreaterThan(events.indexOf('first page read'));
  });

  it('lets go of each call once handed over, not when its page is done', async () => {
    const server = await serve(provider, calls);
    const client = createCallClient(clientOptions(provider, server.origin));
    let first: WeakRef<object> | null = null;
    let collectedWithinPage = false;
    let index = 0;
    for await (const call of client.calls.iterate({ pageSize: 10 })) {
      if (index === 0) first = new WeakRef(call);
      // Still on the first page: only the listing could keep the first call alive now.
      if (index === 5) {
        collectGarbage();
        await setImmediate();
        collectGarbage();
        collectedWithinPage = first!.deref() === undefined;
      }
      index++;
    }
    expect(index).toBe(calls.length);
    expect(collectedWithinPage).toBe(true);
  });

  it('asks for no page it would not read: a limit within the page, several statuses with a limit', async () => {
    const server = await serve(provider, calls);
    const sent = countingFetch();
    const client = createCallClient(clientOptions(provider, server.origin, { fetch: sent.fetch }));
    // At every call, while a page asked for ahead could not yet have been aborted, the server has
    // received each request the client sent, so its count is every page the client asked for.
    const settle = async () => {
      await setImmediate();
      await vi.waitFor(() => expect(server.requests).toHaveLength(sent.count));
    };
    for await (const call of client.calls.iterate({ limit: 5, pageSize: 5 })) {
      void call;
      await settle();
    }
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    sent.count = 0;
    for await (const call of client.calls.iterate({ status: ['busy', 'completed'], limit: 3, pageSize: 2 })) {
      void call;
      await settle();
    }
    // The first page of each status holds the 3 newest calls: nothing more is asked for.
    expect(server.requests).toHaveLength(2);
  });

  it('aborts the page asked for ahead when a record of this one cannot be read', async () => {
    let aborted = false;
    const server = await serve(provider, calls, (req, res, url) => {
      if (url.searchParams.get('Page') === '1') {
        // Never answered: only the client can end this request.
        req.socket.on('close', () => {
          aborted = true;
        });
        return true;
      }
      sendJson(res, 200, { calls: [{ sid: sidOf(provider, 1), status: 'exploded' }], next_page_uri: `${DIALECTS[provider].callsPath(account)}?PageSize=1&Page=1` });
      return true;
    });
    const client = createCallClient(clientOptions(provider, server.origin));
    await expect(client.calls.list({ pageSize: 1 })).rejects.toThrow(MalformedRecordError);
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));
    await vi.waitFor(() => expect(aborted).toBe(true));
  });

  it('reports a failure of the page asked for ahead only when that page is reached', async () => {
    const server = await serve(provider, calls, (req, res, url) => {
      if (url.searchParams.get('Page') !== '1') return false;
      sendJson(res, 400, { code: 20001, message: 'Invalid page', status: 400 });
      return true;
    });
    const client = createCallClient(clientOptions(provider, server.origin));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const call of client.calls.iterate({ pageSize: 5 })) seen.push(call.sid);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(newestFirst.slice(0, 5));
    expect(error).toBeInstanceOf(ProviderError);
  });

  it('cancels the page asked for ahead when the caller stops early', async () => {
    let aborted = false;
    const server = await serve(provider, calls, (req, res, url) => {
      if (url.searchParams.get('Page') !== '1') return false;
      // Never answered: only the client can end this request.
      req.socket.on('close', () => {
        aborted = true;
      });
      return true;
    });
    const client = createCallClient(clientOptions(provider, server.origin));
    for await (const call of client.calls.iterate({ pageSize: 5 })) {
      expect(call.sid).toBe(newestFirst[0]);
      await vi.waitFor(() => expect(server.requests).toHaveLength(2));
      break;
    }
    await vi.waitFor(() => expect(aborted).toBe(true));
  });

  it('fans out several statuses and merges them newest first without duplicates', async () => {
    const server = await serve(provider, calls);
    const client = createCallClient(clientOptions(provider, server.origin));
    const got = await client.calls.list({ status: ['busy', 'completed', 'busy'], pageSize: 2 });
    const expected = [...calls].reverse().filter((c) => c.status === 'busy' || c.status === 'completed').map((c) => c.sid);
    expect(got.map((c) => c.sid)).toEqual(expected);
    const statuses = new Set(server.requests.map((r) => new URL(r.url, server.origin).searchParams.get('Status')));
    expect(statuses).toEqual(new Set(['busy', 'completed']));
  });

  it('applies the exact time bounds on the client', async () => {
    const server = await serve(provider, calls);
    const client = createCallClient(clientOptions(provider, server.origin));
    // Call n starts at 12:00:01 + n minutes: [12:03:01, 12:06:01) holds calls 3, 4 and 5.
    const got = await client.calls.list({ startedAt: { from: '2024-03-05T12:03:01Z', to: '2024-03-05T12:06:01Z' } });
    expect(got.map((c) => c.sid)).toEqual([5, 4, 3].map((n) => sidOf(provider, n)));
    const inclusive = await client.calls.list({ startedAt: { from: '2024-03-05T12:03:01Z', to: '2024-03-05T12:06:01Z', fromInclusive: false, toInclusive: true } });
    expect(inclusive.map((c) => c.sid)).toEqual([6, 5, 4].map((n) => sidOf(provider, n)));
  });

  it('resumes from a page cursor with nothing lost and nothing repeated', async () => {
    const server = await serve(provider, calls);
    const client = createCallClient(clientOptions(provider, server.origin));
    const query = { status: ['completed', 'failed'] as CallStatus[], pageSize: 3 };
    const first: string[] = [];
    let cursor: string | null = null;
    for await (const page of client.calls.pages(query)) {
      first.push(...page.calls.map((c) => c.sid));
      cursor = page.cursor;
      if (first.length >= 4) break;
    }
    expect(cursor).not.toBeNull();
    const rest = await client.calls.list(query, { cursor: cursor! });
    const all = await client.calls.list(query);
    expect([...first, ...rest.map((c) => c.sid)]).toEqual(all.map((c) => c.sid));
    await expect(client.calls.list({ pageSize: 3 }, { cursor: cursor! })).rejects.toThrow(BadQueryError);
  });

  it('gets one call by sid', async () => {
    const server = await serve(provider, calls);
    const client = createCallClient(clientOptions(provider, server.origin));
    const call = await client.calls.get(sidOf(provider, 4));
    expect(call).toMatchObject({ provider, sid: sidOf(provider, 4), status: calls[4]!.status, duration: 30, price: '0.0075' });
  });

  it('refuses a sid of the wrong provider before any request', async () => {
    const server = await serve(provider, calls);
    const client = createCallClient(clientOptions(provider, server.origin));
    await expect(client.calls.get(WRONG_SID[provider])).rejects.toThrow(BadQueryError);
    await expect(client.calls.list({ pageSize: 0 })).rejects.toThrow(BadQueryError);
    expect(server.requests).toHaveLength(0);
  });

  it('maps error statuses to typed errors with what the provider said', async () => {
    const server = await serve(provider, calls, (req, res, url) => {
      if (url.searchParams.get('Status') === 'busy') {
        sendJson(res, 401, ERROR_BODY[provider](20003, 'Authenticate', 'https://www.twilio.com/docs/errors/20003', 401));
        return true;
      }
      if (url.searchParams.get('Status') === 'failed') {
        sendJson(res, 400, ERROR_BODY[provider](20001, 'Invalid PageSize', 'https://example.test/20001', 400));
        return true;
      }
      return false;
    });
    const client = createCallClient(clientOptions(provider, server.origin));
    const auth = await client.calls.list({ status: 'busy' }).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(AuthenticationError);
    expect(auth).toMatchObject({ status: 401, code: 20003, providerMessage: 'Authenticate', moreInfo: 'https://www.twilio.com/docs/errors/20003' });
    const bad = await client.calls.list({ status: 'failed' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ProviderError);
    expect(bad).toMatchObject({ status: 400, code: 20001, providerMessage: 'Invalid PageSize' });
    await expect(client.calls.get(sidOf(provider, 999))).rejects.toThrow(NotFoundError);
  });

  it('retries 429 honouring Retry-After, and 5xx, then succeeds', async () => {
    const server = await serve(provider, calls, (req, res, url, n) => {
      if (n === 1) {
        sendJson(res, 429, { code: 20429, message: 'Too Many Requests' }, { 'retry-after': '1' });
        return true;
      }
      if (n === 2) {
        sendJson(res, 503, { message: 'unavailable' });
        return true;
      }
      return false;
    });
    const client = createCallClient(clientOptions(provider, server.origin));
    const started = Date.now();
    const got = await client.calls.list({ pageSize: 50 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(got).toHaveLength(calls.length);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after the retry limit with a typed error counting the attempts', async () => {
    const server = await serve(provider, calls, (req, res) => {
      sendJson(res, 429, { code: 20429, message: 'Too Many Requests' }, { 'retry-after': '0' });
      return true;
    });
    const client = createCallClient(clientOptions(provider, server.origin, { retry: { limit: 2, baseDelay: 1 } }));
    const error = await client.calls.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ attempts: 3, retryAfter: 0 });
    expect((error as Error).message).toContain('after 3 attempts');
    expect(server.requests).toHaveLength(3);
  });

  it('refuses a Retry-After longer than it is willing to wait', async () => {
    const server = await serve(provider, calls, (req, res) => {
      sendJson(res, 429, {}, { 'retry-after': '3600' });
      return true;
    });
    const client = createCallClient(clientOptions(provider, server.origin));
    await expect(client.calls.list()).rejects.toMatchObject({ name: 'RateLimitedError', retryAfter: 3600, attempts: 1 });
  });

  it('times out a server that never answers', async () => {
    const server = await serve(provider, calls, () => true);
    const client = createCallClient(clientOptions(provider, server.origin, { timeout: 300 }));
    // Were the 300 ms not applied, the 30 s default would outlast the test's own timeout.
    const error = await client.calls.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeout: 300 });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a truncated body, and reports HTML as a malformed response', async () => {
    let html = false;
    const server = await serve(provider, calls, (req, res, url, n) => {
      if (n === 1 || html) {
        res.writeHead(200, { 'content-type': html ? 'text/html' : 'application/json' });
        res.end(html ? '<html>maintenance</html>' : '{"calls": [{"sid":');
        return true;
      }
      return false;
    });
    const client = createCallClient(clientOptions(provider, server.origin, { retry: { limit: 1, baseDelay: 1 } }));
    expect(await client.calls.list()).toHaveLength(calls.length);
    html = true;
    await expect(client.calls.list()).rejects.toThrow(MalformedResponseError);
  });

  it('names the record and field of an unreadable record', async () => {
    const server = await serve(provider, calls, (req, res) => {
      sendJson(res, 200, { calls: [{ sid: sidOf(provider, 1), status: 'completed', start_time: 'Mon, 31 Sep 2018 10:00:00 +0000' }], next_page_uri: null });
      return true;
    });
    const client = createCallClient(clientOptions(provider, server.origin));
    const error = await client.calls.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedRecordError);
    expect(error).toMatchObject({ record: sidOf(provider, 1), field: 'start_time' });
  });

  it('names a record without a sid by its place in the page it came in', async () => {
    const server = await serve(provider, calls, (req, res) => {
      sendJson(res, 200, { calls: [{ sid: sidOf(provider, 1), status: 'completed' }, { status: 'busy' }], next_page_uri: null });
      return true;
    });
    const client = createCallClient(clientOptions(provider, server.origin));
    const error = await client.calls.list({ pageSize: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedRecordError);
    const path = DIALECTS[provider].callsPath(account);
    expect(error).toMatchObject({ record: expect.stringMatching(new RegExp(`^calls\\[1\\] of ${path.replace(/[.]/g, '\\.')}\\?.*PageSize=2`)), field: 'sid' });
  });

  it('refuses next-page links to another host or outside the account, sending them nothing', async () => {
    const elsewhere = await startServer((req, res) => sendJson(res, 200, { calls: [], next_page_uri: null }));
    servers.push(elsewhere);
    const links = [
      `${elsewhere.origin}${DIALECT_LIST[provider]}`,
      '/2010-04-01/Accounts/AC00000000000000000000000000000000/Calls.json?Page=1',
      `${DIALECT_LIST[provider].replace(/Calls(\.json)?$/, '')}../../Accounts/other/Calls.json`,
      'https://127.0.0.1/x',
    ];
    for (const link of links) {
      const server = await serve(provider, calls, (req, res, url, n) => {
        if (n > 1) return false;
        sendJson(res, 200, { calls: [], next_page_uri: link });
        return true;
      });
      const client = createCallClient(clientOptions(provider, server.origin));
      await expect(client.calls.list()).rejects.toThrow(RefusedLinkError);
      expect(server.requests).toHaveLength(1);
    }
    expect(elsewhere.requests).toHaveLength(0);
  });

  if (provider === 'signalwire') {
    it('refuses no-answer, which SignalWire cannot express, before any request', async () => {
      const server = await serve(provider, calls);
      const client = createCallClient(clientOptions(provider, server.origin));
      await expect(client.calls.list({ status: ['busy', 'no-answer'] })).rejects.toThrow(UnsupportedQueryError);
      expect(server.requests).toHaveLength(0);
    });

    it('gets a call by the Twilio-shaped form of its UUID', async () => {
      const server = await serve(provider, calls);
      const client = createCallClient(clientOptions(provider, server.origin));
      const call = await client.calls.get(sidOf('twilio', 4));
      expect(call.sid).toBe(sidOf('signalwire', 4));
    });
  }
});

const DIALECT_LIST: Record<Provider, string> = {
  twilio: `/2010-04-01/Accounts/${ACCOUNTS.twilio.account}/Calls.json`,
  signalwire: `/api/laml/2010-04-01/Accounts/${ACCOUNTS.signalwire.account}/Calls`,
  telnyx: `/v2/texml/Accounts/${ACCOUNTS.telnyx.account}/Calls`,
};

describe('paging loops', () => {
  it('refuses a next-page link back to a page already read (A -> B -> A) without fetching it again', async () => {
    const path = DIALECT_LIST.twilio;
    const server = await startServer((req, res, url) => {
      const page = url.searchParams.get('Page') ?? '0';
      sendJson(res, 200, { calls: [], next_page_uri: `${path}?PageSize=50&Page=${page === '0' ? '1' : '0'}` });
    });
    servers.push(server);
    const client = createCallClient(clientOptions('twilio', server.origin));
    await expect(client.calls.list()).rejects.toThrow(/leads back to a page already read/);
    expect(server.requests).toHaveLength(3);
  });
});

describe('fan-out duplicates', () => {
  it('lists a call that changed status between two requests once, remembering only one creation date', async () => {
    const account = ACCOUNTS.twilio.account;
    const calls = [0, 1, 2, 3].map((n) => makeCall('twilio', n, account, 'busy'));
    // Call 2 has become completed by the time the completed request is made: both answers hold it.
    const moved = { ...calls[2]!, status: 'completed' as const };
    const server = await startServer((req, res, url) => {
      const busy = url.searchParams.get('Status') === 'busy';
      const records = busy ? [calls[3]!, calls[2]!, calls[1]!] : [moved, calls[0]!];
      sendJson(res, 200, { calls: records.map((c) => DIALECTS.twilio.fromCall({ ...c, status: busy ? 'busy' : 'completed' })), next_page_uri: null });
    });
    servers.push(server);
    const client = createCallClient(clientOptions('twilio', server.origin));
    const got = await client.calls.list({ status: ['busy', 'completed'] });
    expect(got.map((c) => c.sid)).toEqual([3, 2, 1, 0].map((n) => sidOf('twilio', n)));
  });
});
