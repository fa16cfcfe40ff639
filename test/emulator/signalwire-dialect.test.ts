import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/dialects/registry.js';
import { type Emulator, datasetOf, generateDataset, startEmulator } from '../../src/emulator/index.js';
import type { Call } from '../../src/model/call.js';
import { formatRfc2822 } from '../../src/model/time.js';
import { type Json, get, listAll, pages, sids, signalwireAuth, signalwireCalls, withQuery } from './helpers.js';

// Generated calls, a few of them turned into Twilio `no-answer` calls, which SignalWire writes as `failed`.
const generated = generateDataset({ calls: 1200, seed: 33 });
const calls: Call[] = Array.from({ length: generated.size }, (_, i) => {
  const call = generated.call(i);
  return i % 40 === 7 && call.status === 'busy' ? { ...call, status: 'no-answer' } : call;
});
const dataset = datasetOf(calls);
const all: Json[] = Array.from({ length: dataset.size }, (_, i) => DIALECTS.signalwire.fromCall(dataset.call(i)));
const at = (rfc: string | null) => (rfc === null ? Number.NaN : Date.parse(rfc));

let em: Emulator;
let auth: string;
beforeEach(async () => {
  em = await startEmulator({ dataset });
  auth = signalwireAuth(em);
});
afterEach(async () => {
  await em.close();
});

async function expectList(params: Array<[string, string]>, keep: (r: Json) => boolean): Promise<Json[]> {
  const records = await listAll(em, withQuery(signalwireCalls(em), [...params, ['PageSize', '41']]), auth);
  const expected = all.filter(keep);
  expect(expected.length, `${JSON.stringify(params)} selects nothing`).toBeGreaterThan(0);
  expect(sids(records)).toEqual(sids(expected));
  return records;
}

describe('SignalWire dialect: paths and pages', () => {
  it('serves the list and a call under /api/laml and the SDK\'s /2010-04-01 path, with or without .json', async () => {
    const project = em.signalwire.projectId;
    const lists = [`/api/laml/2010-04-01/Accounts/${project}/Calls`, `/api/laml/2010-04-01/Accounts/${project}/Calls.json`, `/2010-04-01/Accounts/${project}/Calls.json`, `/2010-04-01/Accounts/${project}/Calls`];
    for (const path of lists) {
      const { status, body } = await get(em, `${path}?PageSize=3`, auth);
      expect(status, path).toBe(200);
      expect(sids(body.calls)).toEqual(sids(all.slice(0, 3)));
      expect(body.uri).toBe(`${signalwireCalls(em)}?Page=0&PageSize=3`);
    }
    const sid = all[77]!.sid as string;
    for (const path of lists.map((p) => p.replace(/Calls(\.json)?$/, `Calls/${sid}$1`))) {
      const { status, body } = await get(em, path, auth);
      expect(status, path).toBe(200);
      expect(body).toEqual(all[77]);
    }
  });

  it('writes pages in SignalWire\'s shape with PA/PB tokens of UUIDs', async () => {
    const { body } = await get(em, signalwireCalls(em), auth);
    expect(Object.keys(body)).toEqual(['uri', 'first_page_uri', 'next_page_uri', 'previous_page_uri', 'page', 'page_size', 'calls']);
    expect(body).toMatchObject({ page: 0, page_size: 50, previous_page_uri: null });
    expect(body.calls).toHaveLength(50);
    expect(body.next_page_uri).toBe(`${signalwireCalls(em)}?Page=1&PageSize=50&PageToken=PA${all[49]!.sid}`);
    const second = await get(em, body.next_page_uri, auth);
    expect(sids(second.body.calls)).toEqual(sids(all.slice(50, 100)));
    expect(second.body.previous_page_uri).toBe(`${signalwireCalls(em)}?Page=0&PageSize=50&PageToken=PB${all[50]!.sid}`);
    const back = await get(em, second.body.previous_page_uri, auth);
    expect(sids(back.body.calls)).toEqual(sids(all.slice(0, 50)));
  });

  it('pages through everything, and reads Page without a token as an offset', async () => {
    const list = await pages(em, `${signalwireCalls(em)}?PageSize=250`, auth);
    expect(list.map((p) => p.page)).toEqual([0, 1, 2, 3, 4]);
    expect(sids(list.flatMap((p) => p.calls))).toEqual(sids(all));
    const third = await get(em, `${signalwireCalls(em)}?PageSize=250&Page=2`, auth);
    expect(sids(third.body.calls)).toEqual(sids(list[2]!.calls));
    expect((await get(em, `${signalwireCalls(em)}?PageSize=250&Page=9`, auth)).body.calls).toEqual([]);
  });

  it('refuses page sizes outside 1..1000 and foreign tokens with SignalWire\'s error body', async () => {
    for (const query of ['PageSize=0', 'PageSize=1001', 'PageSize=x', `PageToken=PACA${'0'.repeat(32)}`, 'PageToken=nope']) {
      const { status, body } = await get(em, `${signalwireCalls(em)}?${query}`, auth);
      expect(status, query).toBe(400);
      expect(body).toMatchObject({ status: 400, more_info: 'https://developer.signalwire.com/compatibility-api/reference/errors' });
      expect(Object.keys(body).sort()).toEqual(['code', 'message', 'more_info', 'status']);
    }
  });
});

describe('SignalWire dialect: filters', () => {
  it('compares StartTime< and StartTime> with instants, strictly', async () => {
    const pivot = all[300]!;
    const t = at(pivot.start_time);
    const after = await expectList([['StartTime>', pivot.start_time]], (r) => at(r.start_time) > t);
    expect(sids(after)).not.toContain(pivot.sid);
    const before = await expectList([['StartTime<', pivot.start_time]], (r) => at(r.start_time) < t);
    expect(sids(before)).not.toContain(pivot.sid);
    // ISO 8601 (what the official SDK sends) and plain dates are read too.
    const iso = new Date(t - 1000).toISOString().replace('.000', '');
    const withIso = await expectList([['StartTime>', iso], ['StartTime<', formatRfc2822(t + 1000)]], (r) => at(r.start_time) === t);
    expect(sids(withIso)).toContain(pivot.sid);
    await expectList([['StartTime>', '2024-06-25']], (r) => at(r.start_time) > Date.parse('2024-06-25T00:00:00Z'));
  });

  it('reads StartTime and EndTime equality as the GMT day of the instant', async () => {
    const day = Date.parse('2024-06-18T00:00:00Z');
    await expectList([['StartTime', 'Tue, 18 Jun 2024 13:45:00 +0000']], (r) => at(r.start_time) >= day && at(r.start_time) < day + 86_400_000);
    await expectList([['EndTime', '2024-06-18T23:00:00Z']], (r) => at(r.end_time) >= day && at(r.end_time) < day + 86_400_000);
    await expectList([['EndTime>', 'Tue, 25 Jun 2024 06:00:00 GMT'], ['EndTime<', 'Wed, 26 Jun 2024 06:00:00 +0000']], (r) => {
      const end = at(r.end_time);
      return end > Date.parse('2024-06-25T06:00:00Z') && end < Date.parse('2024-06-26T06:00:00Z');
    });
  });

  it('has no no-answer: such calls are written and selected as failed', async () => {
    const noAnswer = calls.filter((c) => c.status === 'no-answer');
    expect(noAnswer.length).toBeGreaterThan(0);
    const failed = await expectList([['Status', 'failed']], (r) => r.status === 'failed');
    for (const call of noAnswer) expect(sids(failed)).toContain(DIALECTS.signalwire.fromCall(call).sid);
    const refused = await get(em, `${signalwireCalls(em)}?Status=no-answer`, auth);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/Status/);
  });

  it('filters by To, From and ParentCallSid (a UUID)', async () => {
    const to = all[5]!.to as string;
    await expectList([['To', to]], (r) => r.to === to);
    const from = all[9]!.from as string;
    await expectList([['From', from], ['Status', 'completed']], (r) => r.from === from && r.status === 'completed');
    const parent = all.find((r) => r.parent_call_sid !== null)!.parent_call_sid as string;
    await expectList([['ParentCallSid', parent]], (r) => r.parent_call_sid === parent);
    expect((await get(em, `${signalwireCalls(em)}?ParentCallSid=CA${'a'.repeat(32)}`, auth)).status).toBe(400);
    expect((await get(em, withQuery(signalwireCalls(em), [['StartTime>', 'last tuesday']]), auth)).status).toBe(400);
  });
});

describe('SignalWire dialect: errors and auth', () => {
  it('answers 404 for an unknown call and for a Twilio sid', async () => {
    for (const sid of ['00000000-0000-0000-0000-000000000000', `CA${(all[0]!.sid as string).replaceAll('-', '')}`]) {
      const path = `${signalwireCalls(em)}/${sid}`;
      expect(await get(em, path, auth)).toMatchObject({
        status: 404,
        body: { code: 20404, status: 404, message: `The requested resource ${path} was not found` },
      });
    }
  });

  it('answers 401 to anything but the project\'s own credentials', async () => {
    const twilio = `Basic ${Buffer.from(`${em.twilio.accountSid}:${em.twilio.authToken}`).toString('base64')}`;
    for (const authorization of [undefined, twilio, `Basic ${Buffer.from(`${em.signalwire.projectId}:PTwrong`).toString('base64')}`]) {
      const { status, body } = await get(em, signalwireCalls(em), authorization);
      expect(status).toBe(401);
      expect(body).toMatchObject({ code: 20003, status: 401, more_info: 'https://developer.signalwire.com/compatibility-api/reference/errors' });
    }
    expect((await get(em, '/api/laml/2010-04-01/Accounts/11111111-2222-3333-4444-555555555555/Calls', auth)).status).toBe(401);
    expect(em.requests.every((r) => r.provider === 'signalwire' && !r.authorized)).toBe(true);
  });
});
