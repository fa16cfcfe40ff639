import * as fc from 'fast-check';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallClient } from '../../src/client/call-client.js';
import { MalformedResponseError } from '../../src/client/errors/malformed-response-error.js';
import { ProviderError } from '../../src/client/errors/provider-error.js';
import { RefusedLinkError } from '../../src/client/errors/refused-link-error.js';
import { DIALECTS, normalizeCall, toDialect } from '../../src/dialects/registry.js';
import { CallbridgeError } from '../../src/model/errors/callbridge-error.js';
import { MalformedRecordError } from '../../src/model/errors/malformed-record-error.js';
import type { Provider } from '../../src/model/provider.js';
import { ACCOUNTS, clientOptions } from '../support/accounts.js';
import { makeCall } from '../support/calls.js';
import { type TestServer, sendJson, startServer } from '../support/http-server.js';
import { RECORD_OF, corruptedRecord } from './raw-records.js';

const MB = 1024 * 1024;
/** 70 MB of spaces, gzipped: built once, for both providers. */
let bomb: Buffer | undefined;

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, url: URL) => void): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

/**
 * Writes the start of a page, then spaces up to `total` bytes, only as fast as the client
 * reads them (a full socket buffer pauses it); counts the bytes written and sees the close.
 */
function pumpSpaces(res: ServerResponse, total: number, pumped: { sent: number; closed: boolean }): void {
  const chunk = Buffer.alloc(MB, ' ');
  res.on('close', () => (pumped.closed = true));
  const opening = '{"calls":[';
  res.write(opening);
  pumped.sent = opening.length;
  const pump = () => {
    while (!pumped.closed && pumped.sent < total) {
      const size = Math.min(chunk.length, total - pumped.sent);
      pumped.sent += size;
      if (!res.write(chunk.subarray(0, size))) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}

/** The outcome of a promise: its value, or what it threw. */
const settle = <T>(p: Promise<T>): Promise<T | unknown> => p.catch((e: unknown) => e);

describe.each<Provider>(['twilio', 'signalwire'])('%s client against a hostile server', (provider) => {
  const { account, token } = ACCOUNTS[provider];
  const dialect = DIALECTS[provider];
  const listPath = dialect.callsPath(account);
  const accountPath = dialect.accountPaths(account)[0]!;
  const authorization = `Basic ${Buffer.from(`${account}:${token}`).toString('base64')}`;
  const page = (calls: unknown[], next: string | null = null) => ({ calls, next_page_uri: next, page: 0, page_size: 50 });
  const record = (n: number) => toDialect(makeCall(provider, n, account), provider);

  describe('bodies that are not the JSON the dialect documents', () => {
    it.each([
      ['an HTML maintenance page', 'text/html', '<!DOCTYPE html><html><body>Down for maintenance</body></html>'],
      ['an empty body', 'application/json', ''],
      ['JSON cut off mid-record', 'application/json', '{"calls": [{"sid": "CA'],
      ['JSON with trailing garbage', 'application/json', '{"calls": []}<script>'],
      ['JSONP', 'application/javascript', 'callback({"calls": []})'],
    ])('%s: MalformedResponseError after the retries, for list and get', async (_what, type, body) => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': type });
        res.end(body);
      });
      const client = createCallClient(clientOptions(provider, server.origin, { retry: { limit: 1, baseDelay: 1 } }));
      const listed = await settle(client.calls.list());
      expect(listed).toBeInstanceOf(MalformedResponseError);
      expect(listed).toBeInstanceOf(CallbridgeError);
      expect(listed).toMatchObject({ attempts: 2 });
      expect((listed as Error).message).toContain(listPath);
      const got = await settle(client.calls.get(record(1).sid as string));
      expect(got).toBeInstanceOf(MalformedResponseError);
      expect(server.requests).toHaveLength(4);
    });

    it('a page fetched ahead that arrives cut off is asked for again when it is reached, within the same retries', async () => {
      const second = `${listPath}?Page=1`;
      let cut = 0;
      const server = await serve((_req, res, url) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        if (url.searchParams.get('Page') !== '1') return void res.end(JSON.stringify(page([record(1)], second)));
        // The page after the first is requested while the first is read: cut off the first time.
        if (cut++ === 0) return void res.end('{"calls": [{"sid": "CA');
        res.end(JSON.stringify(page([record(2)])));
      });
      const client = createCallClient(clientOptions(provider, server.origin, { retry: { limit: 1, baseDelay: 1 } }));
      expect((await client.calls.list()).map((c) => c.sid)).toEqual([record(1).sid, record(2).sid]);
      expect(server.requests.map((r) => r.url)).toEqual([`${listPath}?PageSize=50`, second, second]);

      // Without retries: the first page's call is delivered, then the cut-off page is refused at its first attempt.
      const strict = createCallClient(clientOptions(provider, server.origin, { retry: { limit: 0 } }));
      cut = 0;
      const seen: string[] = [];
      const error = await settle((async () => {
        for await (const call of strict.calls.iterate()) seen.push(call.sid);
      })());
      expect(seen).toEqual([record(1).sid]);
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect(error).toMatchObject({ attempts: 1 });
    });

    it('an HTML error page on a 5xx: a ProviderError with the status, after the retries', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><h1>502 Bad Gateway</h1></html>');
      });
      const client = createCallClient(clientOptions(provider, server.origin, { retry: { limit: 2, baseDelay: 1 } }));
      const error = await settle(client.calls.list());
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ status: 502, code: null, providerMessage: null, attempts: 3 });
    });

    it.each([
      ['an array', []],
      ['a string', 'calls'],
      ['null', null],
      ['calls that is not an array', { calls: { 0: {} } }],
      ['a next_page_uri that is not text', { calls: [], next_page_uri: 42 }],
    ])('a page that is %s: MalformedRecordError naming the page and the field', async (_what, body) => {
      const server = await serve((_req, res) => sendJson(res, 200, body));
      const client = createCallClient(clientOptions(provider, server.origin));
      const error = await settle(client.calls.list());
      expect(error).toBeInstanceOf(MalformedRecordError);
      expect((error as MalformedRecordError).record).toBe('list page');
    });
  });

  describe('huge bodies are refused without being read whole', () => {
    it('a declared 70 MB body: refused on its Content-Length, before reading it, and the connection released', async () => {
      const pumped = { sent: 0, closed: false };
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(70 * MB) });
        pumpSpaces(res, 70 * MB, pumped);
      });
      const client = createCallClient(clientOptions(provider, server.origin));
      const error = await settle(client.calls.list());
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect((error as Error).message).toContain('larger than');
      expect(server.requests).toHaveLength(1);
      await expect.poll(() => pumped.closed, { timeout: 10_000 }).toBe(true);
      // The server writes as fast as the client reads: a client reading up to its 64 MB limit
      // would have taken that much; one that refused on the header took what the buffers hold.
      expect(pumped.sent).toBeLessThan(16 * MB);
    });

    it('an endless body with no Content-Length: refused after the limit, the server stops sending', async () => {
      const pumped = { sent: 0, closed: false };
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        pumpSpaces(res, 512 * MB, pumped);
      });
      const client = createCallClient(clientOptions(provider, server.origin));
      const error = await settle(client.calls.list());
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect((error as Error).message).toContain('larger than');
      await expect.poll(() => pumped.closed, { timeout: 10_000 }).toBe(true);
      // The client stopped reading at its limit (64 MB) plus what was in flight, far short of 512 MB.
      expect(pumped.sent).toBeLessThan(96 * MB);
      expect(server.requests).toHaveLength(1);
    });

    it('a small gzip body that inflates past the limit (a zip bomb) is refused on its inflated size', async () => {
      const gz = (bomb ??= gzipSync(Buffer.alloc(70 * MB, ' '), { level: 9 }));
      expect(gz.length).toBeLessThan(MB);
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(gz.length) });
        res.end(gz);
      });
      const client = createCallClient(clientOptions(provider, server.origin));
      const error = await settle(client.calls.list());
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect((error as Error).message).toContain('larger than');
    });
  });

  describe('records with wrong or drifting types', () => {
    it('any single corrupted field: refused naming the record and that field, or read exactly as normalizeCall reads it', async () => {
      let body: unknown = null;
      const server = await serve((_req, res) => sendJson(res, 200, body));
      const client = createCallClient(clientOptions(provider, server.origin));
      const corrupted = corruptedRecord.filter((c) => c.provider === provider);
      await fc.assert(
        fc.asyncProperty(RECORD_OF[provider], corrupted, async (good, { field, raw }) => {
          body = JSON.parse(JSON.stringify(page([good, raw])));
          const sent = (body as { calls: unknown[] }).calls[1];
          const outcome = await settle(client.calls.list());
          let expected: unknown;
          try {
            expected = normalizeCall(sent, { dialect: provider });
          } catch (error) {
            expected = error;
          }
          if (expected instanceof MalformedRecordError) {
            expect(outcome).toBeInstanceOf(MalformedRecordError);
            const error = outcome as MalformedRecordError;
            expect(error.field).toBe(expected.field);
            expect(error.field).toBe(field);
            const sid = (sent as Record<string, unknown>).sid;
            expect(error.record).toBe(typeof sid === 'string' && sid !== '' ? sid : `calls[1] of ${listPath}?PageSize=50`);
          } else {
            expect(outcome).toHaveLength(2);
            expect(JSON.stringify((outcome as unknown[])[1])).toBe(JSON.stringify(expected));
          }
        }),
        { numRuns: 150 },
      );
    });

    it('coercible drift is accepted: numbers as strings and strings as numbers, missing fields, uri without .json', async () => {
      const base = record(3);
      const uri = dialect.callPath(account, base.sid as string).replace(/\.json$/, '');
      const drifted: Record<string, unknown> = provider === 'twilio'
        ? { ...base, uri, duration: 30, price: -0.0075, queue_time: 1200, caller_name: 1234 }
        : { ...base, uri, duration: '30', price: '0.0075', audio_in_mos: '4.2', sip_result_code: '200', audio_out_lost: '3' };
      delete drifted.api_version;
      delete drifted.forwarded_from;
      const server = await serve((_req, res) => sendJson(res, 200, page([drifted])));
      const client = createCallClient(clientOptions(provider, server.origin));
      const [call] = await client.calls.list();
      expect(call).toMatchObject({ uri, duration: 30, price: '0.0075', apiVersion: null, forwardedFrom: null });
      if (provider === 'twilio') expect(call).toMatchObject({ providerFields: { twilio: { queueTime: 1200 } }, callerName: '1234' });
      else expect(call).toMatchObject({ quality: { mos: 4.2, sipResultCode: 200, packetsLost: 3 } });
    });

    it.each([
      ['answered'], ['COMPLETED'], ['in_progress'], [''], [null], [42], [['completed']],
    ])('an unknown status %j is refused naming the record and `status`', async (status) => {
      const bad: Record<string, unknown> = { ...record(2), status };
      const server = await serve((_req, res) => sendJson(res, 200, page([record(1), bad])));
      const client = createCallClient(clientOptions(provider, server.origin));
      const error = await settle(client.calls.list());
      expect(error).toBeInstanceOf(MalformedRecordError);
      expect(error).toMatchObject({ record: bad.sid, field: 'status' });
    });
  });

  describe('next-page links and redirects never take the credentials elsewhere', () => {
    /** Serves one page whose next_page_uri is `link` (built once the origin is known), then an empty last page. */
    async function pageLinkingTo(link: (origin: string) => string) {
      return serve((req, res, url) => {
        if (url.pathname === listPath && !url.searchParams.has('Page')) {
          sendJson(res, 200, page([record(1)], link(`http://127.0.0.1:${req.socket.localPort}`)));
        } else {
          sendJson(res, 200, page([]));
        }
      });
    }

    it('refuses links to another host, scheme, port or host name, or carrying credentials; the other host gets nothing', async () => {
      const evil = await serve((_req, res) => sendJson(res, 200, page([])));
      const evilHost = new URL(evil.origin).host;
      const links = [
        () => `${evil.origin}${listPath}?Page=1`,
        () => `//${evilHost}${listPath}?Page=1`,
        () => `/\\${evilHost}${listPath}?Page=1`,
        () => `\t//${evilHost}${listPath}`,
        (o: string) => `${o.replace('http:', 'https:')}${listPath}?Page=1`,
        (o: string) => `${o.replace('127.0.0.1', 'localhost')}${listPath}?Page=1`,
        (o: string) => `${o.replace('//', `//${account}:${token}@`)}${listPath}?Page=1`,
        (o: string) => `${o.replace('//', '//user@')}${listPath}?Page=1`,
        () => `${evil.origin.replace('http://', 'http://127.0.0.1:1@')}${listPath}`,
      ];
      for (const link of links) {
        const server = await pageLinkingTo(link);
        const client = createCallClient(clientOptions(provider, server.origin));
        const error = await settle(client.calls.list());
        expect(error, link(server.origin)).toBeInstanceOf(RefusedLinkError);
        expect(server.requests).toHaveLength(1);
      }
      expect(evil.requests).toHaveLength(0);
    });

    it('refuses links out of the account: another account, `..` segments, percent-encoded dots and slashes', async () => {
      const other = provider === 'twilio' ? `AC${'2'.repeat(32)}` : '00000000-0000-4000-8000-000000000000';
      const calls = listPath.slice(accountPath.length); // `/Calls.json` or `/Calls`
      const links = [
        listPath.replace(account, other),
        `${accountPath}${calls}/../../${other}${calls}`,
        `${accountPath}/../${other}${calls}`,
        `${accountPath}/%2e%2e/${other}${calls}`,
        `${accountPath}/%2E%2e/${other}${calls}`,
        `${accountPath}/.%2e/${other}${calls}`,
        `${accountPath}/%2e%2E/%2e%2e/%2e%2e/Accounts/${other}${calls}`,
        `${accountPath}\\..\\${other}${calls}`,
        `${accountPath}/Calls/%2f..%2f..%2f${other}${calls}`,
        `${accountPath}/Calls/..%2F..%2F${other}${calls}`,
        `${accountPath}/Calls/%5c..%5c..%5c${other}${calls}`,
        `${accountPath}${other.slice(0, 4)}${calls}`,
        accountPath.toLowerCase() + calls,
        '/',
        '',
        `${accountPath}`,
      ];
      for (const link of links) {
        const server = await pageLinkingTo(() => link);
        const client = createCallClient(clientOptions(provider, server.origin));
        const outcome = await settle(client.calls.list());
        // '' reads as "no next page" (the last page), which is not a link at all.
        if (link === '') {
          expect(outcome).toHaveLength(1);
          continue;
        }
        expect(outcome, link).toBeInstanceOf(RefusedLinkError);
        expect(server.requests.map((r) => r.url)).toEqual([`${listPath}?PageSize=50`]);
      }
    });

    it('refuses a next page that is the page itself (a loop would never end)', async () => {
      const server = await serve((req, res) => {
        if (server.requests.length > 5) sendJson(res, 500, { message: 'looped' });
        else sendJson(res, 200, page([record(1)], req.url!));
      });
      const client = createCallClient(clientOptions(provider, server.origin, { retry: { limit: 0 } }));
      const error = await settle(client.calls.list());
      expect(error).toBeInstanceOf(CallbridgeError);
      expect(error).not.toBeInstanceOf(ProviderError);
      expect(server.requests).toHaveLength(1);
    });

    it('does not follow a redirect to another host, nor to another account on the same host', async () => {
      const evil = await serve((_req, res) => sendJson(res, 200, page([record(9)])));
      const other = listPath.replace(account, provider === 'twilio' ? `AC${'2'.repeat(32)}` : '00000000-0000-4000-8000-000000000000');
      for (const [status, location] of [
        [302, `${evil.origin}${listPath}`],
        [301, `${evil.origin}/anything`],
        [307, `${evil.origin}${listPath}`],
        [308, `//${new URL(evil.origin).host}${listPath}`],
        [303, other],
        [307, other],
      ] as const) {
        const server = await serve((req, res, url) => {
          if (url.pathname === other) return sendJson(res, 200, page([record(8)]));
          res.writeHead(status, { location });
          res.end();
        });
        const client = createCallClient(clientOptions(provider, server.origin, { retry: { limit: 1, baseDelay: 1 } }));
        for (const outcome of [await settle(client.calls.list()), await settle(client.calls.get(record(1).sid as string))]) {
          expect(outcome, `${status} ${location}`).toBeInstanceOf(ProviderError);
          expect(outcome).toMatchObject({ status });
        }
        // Only the configured resource was asked, once per call, with the credentials; nothing else.
        expect(server.requests).toHaveLength(2);
        expect(server.requests.every((r) => !r.url.startsWith(other))).toBe(true);
      }
      expect(evil.requests).toHaveLength(0);
    });

    it('why: fetch left to follow redirects drops Authorization across origins but sends it on within the origin', async () => {
      // What Node's fetch (undici) does by default, which callbridge no longer relies on.
      const evil = await serve((_req, res) => sendJson(res, 200, {}));
      const hop = await serve((req, res, url) => {
        if (url.pathname === '/same') return sendJson(res, 200, {});
        res.writeHead(302, { location: url.pathname === '/cross' ? `${evil.origin}/x` : '/same' });
        res.end();
      });
      await fetch(`${hop.origin}/cross`, { headers: { authorization } });
      await fetch(`${hop.origin}/within`, { headers: { authorization } });
      expect(evil.requests).toHaveLength(1);
      expect(evil.requests[0]!.headers.authorization).toBeUndefined();
      expect(hop.requests.find((r) => r.url === '/same')!.headers.authorization).toBe(authorization);
    });

    it('the credentials go only to the configured origin and account, across a long listing', async () => {
      const calls = Array.from({ length: 7 }, (_, n) => record(n));
      const seen: Array<{ url: string; auth: string | undefined }> = [];
      const server = await serve((req, res, url) => {
        seen.push({ url: req.url!, auth: req.headers.authorization });
        const n = Number(url.searchParams.get('Page') ?? 0);
        sendJson(res, 200, page(calls.slice(n * 2, n * 2 + 2), n < 3 ? `${listPath}?PageSize=2&Page=${n + 1}` : null));
      });
      const client = createCallClient(clientOptions(provider, server.origin));
      expect(await client.calls.list({ pageSize: 2 })).toHaveLength(7);
      expect(seen).toHaveLength(4);
      for (const s of seen) {
        expect(s.auth).toBe(authorization);
        expect(s.url.startsWith(`${accountPath}/`)).toBe(true);
      }
    });
  });
});
