import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallClient } from '../../src/client/call-client.js';
import { RefusedLinkError } from '../../src/client/errors/refused-link-error.js';
import { DIALECTS } from '../../src/dialects/registry.js';
import { BadQueryError } from '../../src/model/errors/bad-query-error.js';
import type { Provider } from '../../src/model/provider.js';
import { type CallQuery, resolveQuery } from '../../src/model/query.js';
import { ACCOUNTS, clientOptions } from '../support/accounts.js';
import { makeCall } from '../support/calls.js';
import { startFakeProvider } from '../support/fake-provider.js';
import { type TestServer, startServer } from '../support/http-server.js';
import { hexUuid, twilioId } from './raw-records.js';

const PROVIDERS: Provider[] = ['twilio', 'signalwire'];
const STATUSES = ['queued', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'];

/** The error a query is refused with; fails when it is accepted or refused with anything else. */
function refusal(query: unknown): BadQueryError {
  let error: unknown;
  try {
    resolveQuery(query as CallQuery);
  } catch (e) {
    error = e;
  }
  if (!(error instanceof BadQueryError)) throw new Error(`expected a BadQueryError for ${show(query)}, got ${String(error)}`);
  return error;
}

const show = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (v instanceof Date ? `Date(${v.getTime()})` : v === undefined ? 'undefined' : v));

/** True when `field` names `name` or a part of it (`startedAt.from`). */
const names = (field: string, name: string) => field === name || field.startsWith(`${name}.`);

// ---- bad values, field by field -------------------------------------------------------------

const notText = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const blank = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00a0'), maxLength: 4 });
const unreadablePhone = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz !?#*'), minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
  fc.integer({ min: 0, max: 999 }).map(String),
  fc.constantFrom('+', '+0', '+1', '++1310', '(', '()-', 'tel', 'call me maybe', '+000000000000'),
);
const badAddress = fc.oneof(notText, blank, unreadablePhone);

const badStatus = fc.oneof(
  fc.string().filter((s) => !STATUSES.includes(s)),
  fc.constantFrom('Completed', 'no_answer', 'in_progress', 'answered', ' busy', 'busy ', ''),
  fc.constant([]),
  fc.tuple(fc.subarray(STATUSES), fc.string().filter((s) => !STATUSES.includes(s))).map(([ok, bad]) => [...ok, bad]),
  fc.oneof(fc.integer(), fc.constant(null), fc.object({ maxDepth: 1 }), fc.array(fc.integer(), { minLength: 1, maxLength: 2 })),
);

/** Strings that name no instant: no zone, impossible calendar parts, words, dates without times. */
const badInstantText = fc.oneof(
  fc.string({ maxLength: 20 }).filter((s) => !/\d{1,2}:\d{2}/.test(s)),
  fc.constantFrom(
    'yesterday', 'now', '2024-03-05', '2024-03-05T10:00:00', '2024-03-05 10:00', '2024-02-30T00:00:00Z',
    '2024-03-05T24:00:00Z', '2024-03-05T10:60:00Z', '2024-13-01T00:00:00Z', 'Mon, 31 Sep 2018 10:00:00 +0000',
    'Tue, 05 Mar 2024 10:00:00 XYZ', '1709632800', '1709632800000', '',
  ),
);
/** Instants no provider's filter can express: invalid Dates, and years outside 1000-9999 (a day's margin kept). */
const badInstantDate = fc.oneof(
  fc.constant(new Date(Number.NaN)),
  fc.integer({ min: Date.UTC(9999, 11, 31), max: 8.64e15 }).map((ms) => new Date(ms)),
  fc.integer({ min: -8.64e15, max: Date.parse('1000-01-01T23:59:59.999Z') }).map((ms) => new Date(ms)),
  fc.constantFrom('+010000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '0999-12-31T00:00:00Z', 'Mon, 01 Jan 0999 00:00:00 +0000'),
);
const badInstant = fc.oneof(badInstantText, badInstantDate, fc.integer(), fc.constant(null), fc.boolean());

const goodInstant = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString());
const notBoolean = fc.oneof(fc.constantFrom('true', 'false', 0, 1, null), fc.string(), fc.object({ maxDepth: 0 }));

/** A time range wrong in exactly one way; the second value is the field it must be refused for, under the range's name. */
const badRange: fc.Arbitrary<[unknown, string]> = fc.oneof(
  fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(goodInstant, { maxLength: 2 })).map((r) => [r, ''] as [unknown, string]),
  badInstant.map((v) => [{ from: v }, '.from'] as [unknown, string]),
  badInstant.map((v) => [{ to: v }, '.to'] as [unknown, string]),
  fc.tuple(goodInstant, badInstant).map(([ok, bad]) => [{ from: ok, to: bad }, '.to'] as [unknown, string]),
  notBoolean.map((v) => [{ fromInclusive: v }, '.fromInclusive'] as [unknown, string]),
  notBoolean.map((v) => [{ toInclusive: v }, '.toInclusive'] as [unknown, string]),
  fc.constantFrom('after', 'before', 'start', 'end', 'gte', 'lt').map((k) => [{ [k]: '2024-03-05T00:00:00Z' }, `.${k}`] as [unknown, string]),
  // Empty intervals: nothing can match, which is never what was meant.
  fc.tuple(goodInstant, goodInstant).filter(([a, b]) => a !== b).map(([a, b]) => [{ from: a > b ? a : b, to: a > b ? b : a }, ''] as [unknown, string]),
  goodInstant.map((a) => [{ from: a, to: a }, ''] as [unknown, string]),
  goodInstant.map((a) => [{ from: a, to: a, fromInclusive: false, toInclusive: true }, ''] as [unknown, string]),
);

const badDay: fc.Arbitrary<[unknown, string]> = fc.oneof(
  fc.oneof(fc.string(), fc.integer(), fc.constant(null)).map((d) => [d, ''] as [unknown, string]),
  fc.oneof(
    fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
    fc.constantFrom('2024-3-5', '05/03/2024', '2024-03-05T00:00:00Z', '20240305', '2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31'),
    fc.integer({ min: 0, max: 20_000 }),
  ).map((date) => [{ date }, '.date'] as [unknown, string]),
  fc.oneof(fc.constantFrom('Mars/Olympus_Mons', 'EST5', 'Europe/Paris ', 'America/New York', 'GMT+25', ''), fc.integer()).map(
    (timeZone) => [{ date: '2024-03-05', timeZone }, '.timeZone'] as [unknown, string],
  ),
  // Days whose bounds (widened by a day for the provider) leave 4-digit years.
  fc.constantFrom('9999-12-31', '0000-01-01', '0999-06-15', '1000-01-01').map((date) => [{ date }, '.date'] as [unknown, string]),
  fc.constantFrom('day', 'zone', 'tz').map((k) => [{ date: '2024-03-05', [k]: 'UTC' }, `.${k}`] as [unknown, string]),
);

const badPageSize = fc.oneof(
  fc.integer({ max: 0 }),
  fc.integer({ min: 1001 }),
  fc.double({ min: 1, max: 1000, noInteger: true }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '50', null, true, [50]),
);
const badLimit = fc.oneof(
  fc.integer({ max: 0 }),
  fc.double({ min: 0, max: 1e9, noInteger: true }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '10', null, false, {}),
);

const KNOWN_KEYS = ['to', 'from', 'parentCallSid', 'status', 'startedAt', 'startedOn', 'endedAt', 'pageSize', 'limit'];

/** A bad value for one field of CallQuery, with the name the refusal must give. */
const badField: fc.Arbitrary<{ key: string; value: unknown; field: string }> = fc.oneof(
  badAddress.map((value) => ({ key: 'to', value, field: 'to' })),
  badAddress.map((value) => ({ key: 'from', value, field: 'from' })),
  fc.oneof(notText, blank).map((value) => ({ key: 'parentCallSid', value, field: 'parentCallSid' })),
  badStatus.map((value) => ({ key: 'status', value, field: 'status' })),
  badRange.map(([value, sub]) => ({ key: 'startedAt', value, field: `startedAt${sub}` })),
  badRange.map(([value, sub]) => ({ key: 'endedAt', value, field: `endedAt${sub}` })),
  badDay.map(([value, sub]) => ({ key: 'startedOn', value, field: `startedOn${sub}` })),
  badPageSize.map((value) => ({ key: 'pageSize', value, field: 'pageSize' })),
  badLimit.map((value) => ({ key: 'limit', value, field: 'limit' })),
  // A misspelt or unknown key is refused by name, never ignored (it would silently widen the query).
  fc.oneof(fc.constantFrom('statuses', 'startTime', 'StartTime>', 'page_size', 'To', 'parentCallSID', 'since', '__proto__', 'constructor'), fc.string({ minLength: 1, maxLength: 10 }))
    .filter((k) => !KNOWN_KEYS.includes(k))
    .map((key) => ({ key, value: 'x', field: key })),
);

const phone = fc.constantFrom('+13105678901', '+442071838750', '+4930901820', '+33142685300', '+61293744000', '+819012345678', '+5511987654321');

/** Fields of a valid query, none of them startedOn (which cannot go with startedAt). */
const validQuery = fc.record(
  {
    to: fc.oneof(phone, fc.constantFrom('(310) 567-8901', '+1 310 567 8901', 'sip:alice@example.com', 'client:bob')),
    from: phone,
    status: fc.oneof(fc.constantFrom(...STATUSES.filter((s) => s !== 'no-answer')), fc.subarray(['completed', 'busy', 'failed'], { minLength: 1 })),
    startedAt: goodInstant.map((from) => ({ from })),
    endedAt: goodInstant.map((to) => ({ to, toInclusive: true })),
    pageSize: fc.integer({ min: 1, max: 1000 }),
    limit: fc.integer({ min: 1, max: 10_000 }),
  },
  { requiredKeys: [] },
);

/** A valid query with exactly one field made bad. */
const badQuery = fc.tuple(validQuery, badField).map(([query, bad]) => {
  const q: Record<string, unknown> = { ...query, [bad.key]: bad.value };
  if (bad.key === 'startedOn') delete q.startedAt;
  return { query: q, field: bad.field };
});

describe('every invalid CallQuery is refused with a BadQueryError naming the field', () => {
  it('one bad field, alone or among valid ones', () => {
    fc.assert(
      fc.property(badQuery, ({ query, field }) => {
        const error = refusal(query);
        expect(error.field, show(query)).toBe(field);
        expect(error.message.startsWith(`${error.field}: `)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('startedOn together with startedAt is refused as startedOn', () => {
    fc.assert(
      fc.property(goodInstant, fc.constantFrom('2024-03-05', '2021-10-31'), (from, date) => {
        expect(refusal({ startedAt: { from }, startedOn: { date } }).field).toBe('startedOn');
      }),
      { numRuns: 50 },
    );
  });

  it('a query that is not an object is refused', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.anything(), { maxLength: 2 }), fc.boolean()), (query) => {
        expect(refusal(query).field).toBe('query');
      }),
      { numRuns: 100 },
    );
  });

  it('valid queries are accepted (the generators above only break what they mean to)', () => {
    fc.assert(fc.property(validQuery, (query) => void resolveQuery(query as CallQuery)), { numRuns: 300 });
    // The edges of what a bound may name, including the "since forever" Date(0).
    for (const from of [new Date(0), '1000-01-02T00:00:00Z', '9999-12-30T23:59:59Z']) resolveQuery({ startedAt: { from } });
    resolveQuery({ endedAt: { to: new Date(Date.UTC(9999, 11, 30)) }, startedOn: { date: '9999-12-29', timeZone: 'Pacific/Kiritimati' } });
  });

  it('every bound a dialect sends for an accepted instant is well-formed', () => {
    const ms = fc.integer({ min: Date.parse('1000-01-02T00:00:00Z'), max: Date.parse('9999-12-30T23:59:59.999Z') });
    const RFC = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
    fc.assert(
      fc.property(ms, ms, (a, b) => {
        const query = resolveQuery({ startedAt: { from: new Date(Math.min(a, b)), to: new Date(Math.max(a, b)), toInclusive: true } });
        for (const provider of PROVIDERS) {
          const [request] = DIALECTS[provider].toListPlan(query, ACCOUNTS[provider].account).requests;
          for (const [key, value] of request!.searchParams) {
            if (key.startsWith('StartTime')) expect(value).toMatch(provider === 'twilio' ? /^\d{4}-\d{2}-\d{2}$/ : RFC);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe.each(PROVIDERS)('%s client: a refused query sends nothing', (provider) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startFakeProvider(provider, [makeCall(provider, 1, ACCOUNTS[provider].account)]);
  });
  afterAll(() => server.close());

  it('list, iterate and pages refuse every bad query before any request', async () => {
    const client = createCallClient(clientOptions(provider, server.origin));
    await fc.assert(
      fc.asyncProperty(badQuery, fc.constantFrom('list', 'iterate', 'pages'), async ({ query, field }, how) => {
        const before = server.requests.length;
        const q = query as CallQuery;
        const run = async () => {
          if (how === 'list') return client.calls.list(q);
          if (how === 'pages') for await (const _ of client.calls.pages(q));
          else for await (const _ of client.calls.iterate(q));
        };
        const error = await run().catch((e: unknown) => e);
        expect(error, show(query)).toBeInstanceOf(BadQueryError);
        expect((error as BadQueryError).field).toBe(field);
        expect(server.requests).toHaveLength(before);
      }),
      { numRuns: 300 },
    );
  });

  it('a parentCallSid of the other provider\'s shape is refused before any request', async () => {
    const client = createCallClient(clientOptions(provider, server.origin));
    const wrong = provider === 'twilio'
      ? fc.oneof(hexUuid, twilioId('PN'), fc.string({ minLength: 1 }).filter((s) => s.trim() !== '' && !/^CA[0-9a-f]{32}$/i.test(s)))
      : fc.oneof(twilioId('PN'), fc.string({ minLength: 1 }).filter((s) => s.trim() !== '' && !/^([0-9a-z]{8}-([0-9a-z]{4}-){3}[0-9a-z]{12}|CA[0-9a-f]{32})$/i.test(s.trim())));
    await fc.assert(
      fc.asyncProperty(wrong, async (parentCallSid) => {
        const before = server.requests.length;
        const error = await client.calls.list({ parentCallSid }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BadQueryError);
        expect((error as BadQueryError).field).toBe('parentCallSid');
        expect(server.requests).toHaveLength(before);
      }),
      { numRuns: 200 },
    );
  });

  it('get() refuses a sid of the wrong shape before any request, and never leaves the account\'s call path', async () => {
    const client = createCallClient(clientOptions(provider, server.origin, { retry: { limit: 0 } }));
    const dialect = DIALECTS[provider];
    const prefix = `${dialect.accountPaths(ACCOUNTS[provider].account)[0]}/Calls/`;
    const sneaky = fc.oneof(
      fc.string(),
      fc.constantFrom('..', '../..', '%2e%2e', '.%2E', '/', '?Page=1', '#x'),
      fc.tuple(fc.oneof(twilioId('CA'), hexUuid), fc.constantFrom('/../../x', '?x=1', '#', '%2f..', '\\..', ' ', '/Recordings')).map(([s, tail]) => s + tail),
    );
    await fc.assert(
      fc.asyncProperty(sneaky, async (sid) => {
        const before = server.requests.length;
        const error = await client.calls.get(sid).catch((e: unknown) => e);
        if (server.requests.length === before) {
          expect(error).toBeInstanceOf(BadQueryError);
          expect((error as BadQueryError).field).toBe('sid');
        } else {
          expect(server.requests).toHaveLength(before + 1);
          expect(new URL(server.requests.at(-1)!.url, server.origin).pathname.startsWith(prefix)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe.each(PROVIDERS)('%s client: a damaged or foreign cursor is refused', (provider) => {
  const { account } = ACCOUNTS[provider];
  const calls = Array.from({ length: 6 }, (_, n) => makeCall(provider, n, account));
  let server: TestServer;
  let elsewhere: TestServer;
  let cursor: string;
  beforeAll(async () => {
    server = await startFakeProvider(provider, calls);
    elsewhere = await startServer((_req, res) => res.end('{}'));
    const client = createCallClient(clientOptions(provider, server.origin));
    for await (const page of client.calls.pages({ pageSize: 2 })) {
      cursor = page.cursor!;
      break;
    }
  });
  afterAll(async () => {
    await server.close();
    await elsewhere.close();
  });

  const decode = (c: string) => JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as { v: number; plan: string; streams: unknown[] };
  const encode = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64url');

  it('garbage and damaged cursors: BadQueryError naming `cursor`, or a refused link; nothing sent anywhere else', async () => {
    const client = createCallClient(clientOptions(provider, server.origin));
    const { plan, streams } = decode(cursor);
    const page = (streams[0] as [string, number])[0];
    const damaged = fc.oneof(
      fc.string(),
      fc.base64String(),
      fc.jsonValue().map(encode),
      // The right plan, with the streams damaged in every way JSON allows.
      fc.oneof(
        fc.jsonValue(),
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 1 }),
        fc.tuple(fc.oneof(fc.constant(page), fc.jsonValue()), fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double(), fc.jsonValue())).map((s) => [s]),
      ).map((s) => encode({ v: 1, plan, streams: s })),
      // The right plan, pointing the stream at another host or another account.
      fc.constantFrom(
        `${elsewhere.origin}${new URL(page, server.origin).pathname}`,
        page.replace(account, provider === 'twilio' ? `AC${'2'.repeat(32)}` : '00000000-0000-4000-8000-000000000000'),
        `${page.split('?')[0]!.replace(/Calls(\.json)?$/, '')}../../Other/Calls.json`,
        `//${new URL(elsewhere.origin).host}/x`,
      ).map((p) => encode({ v: 1, plan, streams: [[p, 0]] })),
    );
    await fc.assert(
      fc.asyncProperty(damaged, async (bad) => {
        const before = server.requests.length;
        const outcome = await client.calls.list({ pageSize: 2 }, { cursor: bad }).catch((e: unknown) => e);
        if (outcome instanceof BadQueryError) {
          expect(outcome.field).toBe('cursor');
          expect(server.requests).toHaveLength(before);
        } else if (outcome instanceof RefusedLinkError) {
          expect(server.requests).toHaveLength(before);
        } else {
          // A damaged cursor may still name a page of this account: it then reads from there.
          expect(outcome, `cursor ${Buffer.from(bad, 'base64url').toString()}`).toBeInstanceOf(Array);
        }
        expect(elsewhere.requests).toHaveLength(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a cursor of another query is refused before any request', async () => {
    const client = createCallClient(clientOptions(provider, server.origin));
    const before = server.requests.length;
    const error = await client.calls.list({ pageSize: 3 }, { cursor }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadQueryError);
    expect(server.requests).toHaveLength(before);
  });
});
