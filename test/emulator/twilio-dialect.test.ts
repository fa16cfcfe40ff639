import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/dialects/registry.js';
import { type Emulator, generateDataset, startEmulator } from '../../src/emulator/index.js';
import { type Json, get, listAll, pages, sids, twilioAuth, twilioCalls, withQuery } from './helpers.js';

const dataset = generateDataset({ calls: 1500, seed: 21 });
const all: Json[] = Array.from({ length: dataset.size }, (_, i) => DIALECTS.twilio.fromCall(dataset.call(i)));
const at = (rfc: string | null) => (rfc === null ? Number.NaN : Date.parse(rfc));
const midnight = (day: string) => Date.parse(`${day}T00:00:00Z`);
const DAY = 86_400_000;

let em: Emulator;
let auth: string;
beforeEach(async () => {
  em = await startEmulator({ dataset, seed: 21 });
  auth = twilioAuth(em);
});
afterEach(async () => {
  await em.close();
});

/** Lists with small pages and checks the result against the reference filter. */
async function expectList(params: Array<[string, string]>, keep: (r: Json) => boolean, empty = false): Promise<Json[]> {
  const records = await listAll(em, withQuery(twilioCalls(em), [...params, ['PageSize', '37']]), auth);
  const expected = all.filter(keep);
  expect(expected.length === 0, `${JSON.stringify(params)} selects nothing`).toBe(empty);
  expect(sids(records)).toEqual(sids(expected));
  return records;
}

describe('Twilio dialect: pages', () => {
  it('serves the first page in Twilio\'s shape, 50 records by default', async () => {
    const { status, body } = await get(em, twilioCalls(em), auth);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['calls', 'end', 'first_page_uri', 'next_page_uri', 'page', 'page_size', 'previous_page_uri', 'start', 'uri']);
    expect(body.calls).toHaveLength(50);
    expect(body.calls[0]).toEqual(all[0]);
    expect(body).toMatchObject({ page: 0, page_size: 50, start: 0, end: 49, previous_page_uri: null });
    expect(body.uri).toBe(`${twilioCalls(em)}?PageSize=50&Page=0`);
    expect(body.first_page_uri).toBe(body.uri);
    expect(body.next_page_uri).toBe(`${twilioCalls(em)}?PageSize=50&Page=1&PageToken=PA${all[49]!.sid}`);
  });

  it('pages through everything newest first with PageToken cursors, and back with previous_page_uri', async () => {
    const list = await pages(em, withQuery(twilioCalls(em), [['PageSize', '200']]), auth);
    expect(list).toHaveLength(8);
    expect(sids(list.flatMap((p) => p.calls))).toEqual(sids(all));
    expect(list.map((p) => [p.page, p.start, p.end])).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => [n, n * 200, Math.min(n * 200 + 199, 1499)]));
    expect(list[7]!.next_page_uri).toBeNull();
    // Back from the last page, one previous page at a time.
    let page = list[7]!;
    for (let n = 6; n >= 0; n -= 1) {
      const back = await get(em, page.previous_page_uri, auth);
      expect(back.status).toBe(200);
      expect(back.body.page).toBe(n);
      expect(sids(back.body.calls)).toEqual(sids(list[n]!.calls));
      page = back.body;
    }
    expect(page.previous_page_uri).toBeNull();
  });

  it('accepts page sizes 1..1000 and refuses others with Twilio\'s error body', async () => {
    expect((await get(em, `${twilioCalls(em)}?PageSize=1`, auth)).body.calls).toHaveLength(1);
    expect((await get(em, `${twilioCalls(em)}?PageSize=1000`, auth)).body.calls).toHaveLength(1000);
    for (const size of ['0', '1001', 'abc', '-1', '2.5', '']) {
      const { status, body } = await get(em, `${twilioCalls(em)}?PageSize=${size}`, auth);
      expect(status, size).toBe(400);
      expect(Object.keys(body).sort()).toEqual(['code', 'message', 'more_info', 'status']);
      expect(body).toMatchObject({ status: 400, more_info: `https://www.twilio.com/docs/errors/${body.code}` });
      expect(body.message).toMatch(/PageSize/);
    }
  });

  it('refuses Page without a PageToken, and tokens it never issued', async () => {
    const noToken = await get(em, `${twilioCalls(em)}?Page=2`, auth);
    expect(noToken.status).toBe(400);
    expect(noToken.body.message).toMatch(/PageToken/);
    expect((await get(em, `${twilioCalls(em)}?Page=0`, auth)).status).toBe(200);
    expect((await get(em, `${twilioCalls(em)}?Page=1&PageToken=PACA${'0'.repeat(32)}`, auth)).status).toBe(400);
    expect((await get(em, `${twilioCalls(em)}?PageToken=XYZ`, auth)).status).toBe(400);
  });
});

describe('Twilio dialect: filters', () => {
  it('filters by Status, To, From and ParentCallSid', async () => {
    await expectList([['Status', 'busy']], (r) => r.status === 'busy');
    await expectList([['Status', 'no-answer']], () => false, true);
    const to = all[0]!.to as string;
    await expectList([['To', to]], (r) => r.to === to);
    const from = all.find((r) => r.direction === 'inbound')!.from as string;
    await expectList([['From', from]], (r) => r.from === from);
    const child = all.find((r) => r.parent_call_sid !== null)!;
    const children = await expectList([['ParentCallSid', child.parent_call_sid]], (r) => r.parent_call_sid === child.parent_call_sid);
    expect(children.length).toBeGreaterThanOrEqual(1);
    await expectList([['To', to], ['Status', 'completed']], (r) => r.to === to && r.status === 'completed');
    await expectList([['To', '+10000000000']], () => false, true);
  });

  it('reads StartTime as whole GMT days: on that day, on or after it, before it', async () => {
    const start = (r: Json) => at(r.start_time);
    const on = await expectList([['StartTime', '2024-06-20']], (r) => start(r) >= midnight('2024-06-20') && start(r) < midnight('2024-06-21'));
    expect(on.length).toBeGreaterThan(10);
    await expectList([['StartTime>', '2024-06-20']], (r) => start(r) >= midnight('2024-06-20'));
    await expectList([['StartTime<', '2024-06-20']], (r) => start(r) < midnight('2024-06-20'));
    await expectList(
      [['StartTime>', '2024-06-20'], ['StartTime<', '2024-06-23']],
      (r) => start(r) >= midnight('2024-06-20') && start(r) < midnight('2024-06-23'),
    );
    // What the official SDKs send: a date-time, read as the GMT day it falls in.
    await expectList([['StartTime>', '2024-06-20T15:30:00Z']], (r) => start(r) >= midnight('2024-06-20'));
  });

  it('reads EndTime the same way, on calls that have ended', async () => {
    const end = (r: Json) => at(r.end_time);
    await expectList([['EndTime', '2024-06-21']], (r) => end(r) >= midnight('2024-06-21') && end(r) < midnight('2024-06-21') + DAY);
    await expectList([['EndTime<', '2024-06-10'], ['Status', 'completed']], (r) => end(r) < midnight('2024-06-10'));
    await expectList([['EndTime>', '2024-06-29']], (r) => end(r) >= midnight('2024-06-29'));
  });

  it('refuses values it cannot read, naming the parameter', async () => {
    for (const [key, value] of [
      ['Status', 'done'],
      ['ParentCallSid', '3b2a9e58-8f4c-4b5e-9d2f-0c1a2b3c4d5e'],
      ['StartTime', '06/11/2019 22:05:25 MST'],
      ['EndTime>', 'Wed, 19 Jun 2024 00:00:00 +0000'],
      ['StartTime<', '2024-02-30'],
    ]) {
      const { status, body } = await get(em, withQuery(twilioCalls(em), [[key!, value!]]), auth);
      expect(status, `${key}=${value}`).toBe(400);
      expect(body.message).toContain(key);
    }
  });

  it('repeats the filters as sent in every page link', async () => {
    const { body } = await get(em, withQuery(twilioCalls(em), [['Status', 'completed'], ['StartTime>', '2024-06-01'], ['PageSize', '5']]), auth);
    expect(body.uri).toBe(`${twilioCalls(em)}?Status=completed&StartTime%3E=2024-06-01&PageSize=5&Page=0`);
    expect(body.next_page_uri).toMatch(/\?Status=completed&StartTime%3E=2024-06-01&PageSize=5&Page=1&PageToken=PACA[0-9a-f]{32}$/);
  });
});

describe('Twilio dialect: fetch, errors, auth', () => {
  it('fetches one call, and answers 404 in Twilio\'s body for one it does not have', async () => {
    const path = `/2010-04-01/Accounts/${em.twilio.accountSid}/Calls/${all[123]!.sid}.json`;
    const found = await get(em, path, auth);
    expect(found.status).toBe(200);
    expect(found.body).toEqual(all[123]);
    const missing = `/2010-04-01/Accounts/${em.twilio.accountSid}/Calls/CA${'0'.repeat(32)}.json`;
    expect(await get(em, missing, auth)).toMatchObject({
      status: 404,
      body: { code: 20404, message: `The requested resource ${missing} was not found`, more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 },
    });
    expect((await get(em, `/2010-04-01/Accounts/${em.twilio.accountSid}/Calls`, auth)).status).toBe(404);
  });

  it('answers 401 without the account\'s own credentials', async () => {
    const other = `Basic ${Buffer.from(`${em.signalwire.projectId}:${em.signalwire.token}`).toString('base64')}`;
    const wrong = `Basic ${Buffer.from(`${em.twilio.accountSid}:${'0'.repeat(32)}`).toString('base64')}`;
    for (const authorization of [undefined, other, wrong, 'Bearer abc']) {
      const { status, body, headers } = await get(em, twilioCalls(em), authorization);
      expect(status).toBe(401);
      expect(body).toEqual({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
      expect(headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
    // The right credentials for another account's path.
    expect((await get(em, `/2010-04-01/Accounts/AC${'1'.repeat(32)}/Calls.json`, auth)).status).toBe(401);
    const log = em.requests;
    expect(log.map((r) => r.authorized)).toEqual([false, false, false, false, false]);
    expect(log[0]!.username).toBeNull();
    expect(log[2]!.username).toBe(em.twilio.accountSid);
    expect(log[2]!.headers.authorization).toBe('Basic [redacted]');
    expect(JSON.stringify(log)).not.toContain(em.twilio.authToken);
  });

  it('accepts an API key of the account instead of its auth token', async () => {
    const { apiKey, apiSecret } = em.alternates.twilio[0]!;
    expect(apiKey).toMatch(/^SK[0-9a-f]{32}$/);
    const key = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
    expect((await get(em, twilioCalls(em), key)).status).toBe(200);
    expect((await get(em, `/api/laml/2010-04-01/Accounts/${em.signalwire.projectId}/Calls`, key)).status).toBe(401);
    expect(em.requests[0]).toMatchObject({ username: apiKey, authorized: true });
  });

  it('answers 405 to anything but GET, POST and DELETE', async () => {
    const response = await fetch(em.url + twilioCalls(em), { method: 'PUT', headers: { authorization: auth } });
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ code: 20004, status: 405 });
  });
});
