// The package's "exports" carry no "types" condition, so its own typings are named by path.
// @ts-expect-error TS7016: no declaration file reachable through "exports".
import { RestClient as untypedRestClient } from '@signalwire/compatibility-api';
import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, generateDataset, redirectHttpClient, startEmulator } from '../../src/emulator/index.js';
import { listAll, sids, signalwireAuth, signalwireCalls, twilioAuth, twilioCalls, withQuery } from './helpers.js';

const RestClient = untypedRestClient as typeof import('../../node_modules/@signalwire/compatibility-api/compatibility-api.js').RestClient;
const dataset = generateDataset({ calls: 1000, seed: 99 });

let em: Emulator;
beforeEach(async () => {
  em = await startEmulator({ dataset, seed: 99 });
});
afterEach(async () => {
  await em.close();
});

/** twilio-node as a user configures it, its HTTP client sending api.twilio.com requests to the emulator. */
function twilioClient() {
  return twilio(em.twilio.accountSid, em.twilio.authToken, {
    httpClient: redirectHttpClient(new twilio.RequestClient(), 'https://api.twilio.com', em.url),
  });
}

/** The SignalWire compatibility SDK, its space being the emulator (it only speaks https, so the client is redirected to http). */
function signalwireClient() {
  // The SDK's typings declare RequestClient as an instance; at run time it is the class.
  const RequestClient = RestClient.RequestClient as unknown as new () => object;
  return RestClient(em.signalwire.projectId, em.signalwire.token, {
    signalwireSpaceUrl: em.signalwire.spaceUrl,
    httpClient: redirectHttpClient(new RequestClient(), `https://${em.signalwire.spaceUrl}`, em.url) as never,
  });
}

describe('twilio-node against the emulator', () => {
  it('lists with filters across pages', async () => {
    const client = twilioClient();
    const calls = await client.calls.list({
      status: 'completed',
      startTimeAfter: new Date('2024-06-10T00:00:00Z'),
      startTimeBefore: new Date('2024-06-20T00:00:00Z'),
      pageSize: 25,
    });
    const expected = await listAll(
      em,
      withQuery(twilioCalls(em), [['Status', 'completed'], ['StartTime>', '2024-06-10'], ['StartTime<', '2024-06-20'], ['PageSize', '1000']]),
      twilioAuth(em),
    );
    expect(calls.length).toBeGreaterThan(50);
    expect(calls.map((c) => c.sid)).toEqual(sids(expected));
    for (const call of calls) {
      expect(call.status).toBe('completed');
      expect(call.startTime.getTime()).toBeGreaterThanOrEqual(Date.parse('2024-06-10T00:00:00Z'));
      expect(call.startTime.getTime()).toBeLessThan(Date.parse('2024-06-20T00:00:00Z'));
    }
    const paths = em.requests.filter((r) => r.headers['user-agent']?.startsWith('twilio-node')).map((r) => r.url);
    expect(paths.length).toBeGreaterThan(2);
    expect(paths[0]).toMatch(/^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Calls\.json\?/);
    // The SDK sends date-times; Twilio reads each as its GMT day.
    expect(paths[0]).toContain('StartTime%3E=2024-06-10T00%3A00%3A00Z');
    expect(paths[0]).toContain('StartTime%3C=2024-06-20T00%3A00%3A00Z');
    expect(paths[1]).toContain('PageToken=PACA');
  });

  it('pages by hand, filters by number, fetches one call, and raises the API\'s 404', async () => {
    const client = twilioClient();
    const first = await client.calls.page({ pageSize: 5 });
    const second = await first.nextPage();
    expect(second).toBeDefined();
    const firstPage = (await listAll(em, withQuery(twilioCalls(em), [['PageSize', '10']]), twilioAuth(em))).slice(0, 10);
    expect([...first.instances, ...second!.instances].map((c) => c.sid)).toEqual(sids(firstPage));

    const to = first.instances[0]!.to;
    const toCalls = await client.calls.list({ to, limit: 500 });
    expect(toCalls.length).toBeGreaterThan(0);
    expect(toCalls.every((c) => c.to === to)).toBe(true);

    const call = await client.calls(first.instances[2]!.sid).fetch();
    expect(call.sid).toBe(first.instances[2]!.sid);
    expect(call.accountSid).toBe(em.twilio.accountSid);
    expect(call.dateCreated).toBeInstanceOf(Date);
    await expect(client.calls(`CA${'0'.repeat(32)}`).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });
});

describe('@signalwire/compatibility-api against the emulator', () => {
  it('lists with filters across pages', async () => {
    const client = signalwireClient();
    const after = new Date('2024-06-10T00:00:00Z');
    const before = new Date('2024-06-20T00:00:00Z');
    const calls = await client.calls.list({ status: 'completed', startTimeAfter: after, startTimeBefore: before, pageSize: 25 });
    const expected = await listAll(
      em,
      withQuery(signalwireCalls(em), [['Status', 'completed'], ['StartTime>', after.toISOString()], ['StartTime<', before.toISOString()], ['PageSize', '1000']]),
      signalwireAuth(em),
    );
    expect(calls.length).toBeGreaterThan(50);
    expect(calls.map((c) => c.sid)).toEqual(sids(expected));
    for (const call of calls) {
      expect(call.sid).toMatch(/^[0-9a-f-]{36}$/);
      expect(call.startTime.getTime()).toBeGreaterThan(after.getTime());
      expect(call.startTime.getTime()).toBeLessThan(before.getTime());
    }
    // The SDK asks for the bare path first, then follows SignalWire's /api/laml links.
    const paths = em.requests.map((r) => r.url);
    expect(paths[0]).toMatch(/^\/2010-04-01\/Accounts\/[0-9a-f-]{36}\/Calls\.json\?/);
    expect(paths[1]).toMatch(/^\/api\/laml\/2010-04-01\/Accounts\/[0-9a-f-]{36}\/Calls\?Page=1&/);
  });

  it('fetches one call and raises the API\'s 404', async () => {
    const client = signalwireClient();
    const [some] = await client.calls.list({ limit: 3, pageSize: 3 });
    const call = await client.calls(some!.sid).fetch();
    expect(call.sid).toBe(some!.sid);
    expect(call.accountSid).toBe(em.signalwire.projectId);
    await expect(client.calls('00000000-0000-0000-0000-000000000000').fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });
});

describe('placing and controlling calls with the official SDKs', () => {
  it('twilio-node creates, redirects, ends and removes a call', async () => {
    const client = twilioClient();
    const call = await client.calls.create({ to: '+14155550100', from: '+14155550199', url: 'https://example.com/answer.xml', statusCallbackEvent: ['initiated', 'completed'] });
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call.status).toBe('queued');
    expect(call.accountSid).toBe(em.twilio.accountSid);
    const redirected = await client.calls(call.sid).update({ twiml: '<Response><Say>Bye</Say></Response>' });
    expect(redirected.sid).toBe(call.sid);
    const ended = await client.calls(call.sid).update({ status: 'completed' });
    expect(['canceled', 'completed']).toContain(ended.status);
    expect(await client.calls(call.sid).remove()).toBe(true);
    await expect(client.calls(call.sid).fetch()).rejects.toMatchObject({ status: 404 });
    expect(em.calls.createdCount).toBe(1);
  });

  it('@signalwire/compatibility-api creates a call and sees it listed', async () => {
    const client = signalwireClient();
    const call = await client.calls.create({ to: '+14155550100', from: '+14155550199', url: 'https://example.com/answer.xml' });
    expect(call.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(call.status).toBe('queued');
    const [first] = await client.calls.list({ to: '+14155550100', limit: 5 });
    expect(first?.sid).toBe(call.sid);
    expect(em.calls.createdCount).toBe(1);
  });
});
