import Telnyx from 'telnyx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallClient } from '../../src/client/call-client.js';
import { type Emulator, generateDataset, startEmulator } from '../../src/emulator/index.js';

const dataset = generateDataset({ calls: 1000, seed: 41 });

let em: Emulator;
beforeEach(async () => {
  em = await startEmulator({ dataset, seed: 41 });
});
afterEach(async () => {
  await em.close();
});

/** The official telnyx SDK as a user configures it, pointed at the emulator; no retries, so every request is one the test made. */
const sdk = () => new Telnyx({ apiKey: em.telnyx.apiKey, baseURL: `${em.url}/v2`, maxRetries: 0 });
/** callbridge's own client of the emulator's Telnyx account. */
const callbridge = () => createCallClient({ provider: 'telnyx', baseUrl: em.url, env: {}, ...em.telnyx });

describe('the telnyx SDK against the emulator', () => {
  it('lists with filters page by page, as callbridge lists the same calls', async () => {
    const client = sdk();
    const params = { Status: 'completed', StartTime_gt: '2024-06-10', StartTime_lt: '2024-06-20', PageSize: 40 } as const;
    const seen: string[] = [];
    let page = await client.texml.accounts.calls.retrieveCalls(em.telnyx.accountSid, params);
    for (;;) {
      for (const call of page.calls ?? []) {
        expect(call.status).toBe('completed');
        expect(call.sid).toMatch(/^v3:/);
        expect(typeof call.duration).toBe('string');
        seen.push(call.sid!);
      }
      if (page.next_page_uri === null || page.next_page_uri === undefined) break;
      const next = new URL(page.next_page_uri, em.url).searchParams;
      page = await client.texml.accounts.calls.retrieveCalls(em.telnyx.accountSid, {
        ...params, Page: Number(next.get('Page')), PageToken: next.get('PageToken')!,
      });
    }
    expect(seen.length).toBeGreaterThan(40);

    // The emulator reads Telnyx's dates strictly: after the whole 10th, before the 20th begins.
    const ours = await callbridge().calls.list({ status: 'completed', startedAt: { from: '2024-06-11T00:00:00Z', to: '2024-06-20T00:00:00Z' } });
    expect(ours.map((c) => c.sid)).toEqual(seen);

    // What the SDK sent first: Telnyx's wire keys (`StartTime>`, percent-encoded).
    const sent = em.requests;
    expect(sent[0]!.url).toMatch(/^\/v2\/texml\/Accounts\/[0-9a-f-]{36}\/Calls\?/);
    expect(sent[0]!.url).toContain('StartTime%3E=2024-06-10');
    expect(sent[0]!.url).toContain('StartTime%3C=2024-06-20');
  });

  it('fetches one call as callbridge gets it, and raises the API\'s 404', async () => {
    const client = sdk();
    const [some] = (await client.texml.accounts.calls.retrieveCalls(em.telnyx.accountSid, { PageSize: 3 })).calls!;
    const call = await client.texml.accounts.calls.retrieve(some!.sid!, { account_sid: em.telnyx.accountSid });
    expect(call).toEqual(some);
    expect(call.account_sid).toBe(em.telnyx.accountSid);

    const ours = await callbridge().calls.get(some!.sid!);
    expect(ours).toMatchObject({ provider: 'telnyx', sid: some!.sid, status: call.status, duration: call.duration === undefined || call.duration === null ? null : Number(call.duration) });

    const missing = await client.texml.accounts.calls.retrieve('v3:nothing-here', { account_sid: em.telnyx.accountSid }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Telnyx.NotFoundError);
    expect(missing).toMatchObject({ status: 404, error: { errors: [{ detail: 'Resource not found' }] } });
  });

  it('places a call (JSON) and ends it (form), and callbridge finds it by to and from', async () => {
    // On a stopped clock, so that the call is still queued when it is ended.
    await em.close();
    em = await startEmulator({ dataset, seed: 41, clock: { manual: true } });
    const client = sdk();
    const body = {
      To: '+14155550100', From: '+14155550199', ApplicationSid: '1293384261075731499', Url: 'https://example.com/answer.xml',
      UrlMethod: 'GET' as const, StatusCallback: 'https://example.com/status', StatusCallbackEvent: 'initiated answered',
    };
    const seen: string[] = [];
    em.calls.onTransition((t) => seen.push(t.status));
    // The answer names no call: from, status, to.
    expect(await client.texml.accounts.calls.calls(em.telnyx.accountSid, { body })).toEqual({ from: body.From, status: 'queued', to: body.To });
    expect(em.calls.createdCount).toBe(1);
    expect(em.requests[0]).toMatchObject({ method: 'POST', status: 200, headers: { 'content-type': 'application/json' } });
    const [entry] = em.calls.list();
    expect(entry).toMatchObject({ to: { value: body.To }, from: { value: body.From } });

    // As a callbridge user finds it: the newest call to that number from that caller.
    const [listed] = await callbridge().calls.list({ to: body.To, from: body.From, limit: 1 });
    expect(listed!.sid).toBe(`v3:${entry!.sid}`);

    const ended = await client.texml.accounts.calls.update(listed!.sid, { account_sid: em.telnyx.accountSid, Status: 'completed' });
    expect(ended).toMatchObject({ sid: listed!.sid, status: 'canceled' });
    expect(em.requests.at(-1)).toMatchObject({ method: 'POST', status: 200, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(seen).toEqual(['canceled']);
    expect(em.calls.createdCount).toBe(1);
  });

  it('is refused with Telnyx\'s 401 body for a wrong key', async () => {
    const client = new Telnyx({ apiKey: 'KEYwrong', baseURL: `${em.url}/v2`, maxRetries: 0 });
    const error = await client.texml.accounts.calls.retrieveCalls(em.telnyx.accountSid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Telnyx.AuthenticationError);
    expect(error).toMatchObject({ status: 401, error: { errors: [{ code: '10006', title: 'Not authorized' }] } });
  });
});
