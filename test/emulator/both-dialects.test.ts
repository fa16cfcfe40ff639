import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, generateDataset, sidKey, startEmulator } from '../../src/emulator/index.js';
import { formatRfc2822 } from '../../src/model/time.js';
import { get, listAll, signalwireAuth, signalwireCalls, twilioAuth, twilioCalls, withQuery } from './helpers.js';

const dataset = generateDataset({ calls: 800, seed: 8 });

let em: Emulator;
beforeEach(async () => {
  em = await startEmulator({ dataset, seed: 8 });
});
afterEach(async () => {
  await em.close();
});

const keys = (records: Array<Record<string, unknown>>) => records.map((r) => sidKey(r.sid as string));
const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

describe('one dataset, two dialects', () => {
  it('serves the same calls under ids sharing their 32 characters', () => {
    expect(em.twilio.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(em.twilio.authToken).toMatch(/^[0-9a-f]{32}$/);
    expect(em.signalwire.projectId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(em.signalwire.token).toMatch(/^PT[0-9a-f]{48}$/);
    expect(sidKey(em.signalwire.projectId)).toBe(sidKey(em.twilio.accountSid));
    expect(em.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(em.signalwire.spaceUrl).toBe(em.url.slice('http://'.length));
  });

  it('answers equivalent queries with the same calls in the same order', async () => {
    const first = (await get(em, twilioCalls(em), twilioAuth(em))).body.calls as Array<Record<string, unknown>>;
    // The number of a canceled call, so that the status and To filters together match something.
    const to = first.find((r) => r.status === 'canceled')!.to as string;
    const parent = first.find((r) => r.parent_call_sid !== null)?.parent_call_sid as string;
    const cases: Array<[Array<[string, string]>, Array<[string, string]>]> = [
      [[['Status', 'completed']], [['Status', 'completed']]],
      [[['Status', 'canceled'], ['To', to]], [['Status', 'canceled'], ['To', to]]],
      [[['ParentCallSid', parent]], [['ParentCallSid', `${parent.slice(2, 10)}-${parent.slice(10, 14)}-${parent.slice(14, 18)}-${parent.slice(18, 22)}-${parent.slice(22)}`]]],
      // Whole GMT days on Twilio are instants on SignalWire; its bounds are strict, the day's first second comes from one second before.
      [
        [['StartTime>', '2024-06-12'], ['StartTime<', '2024-06-19']],
        [['StartTime>', formatRfc2822(day('2024-06-12') - 1000)], ['StartTime<', formatRfc2822(day('2024-06-19'))]],
      ],
      [[['EndTime', '2024-06-20']], [['EndTime', '2024-06-20T12:00:00Z']]],
    ];
    for (const [twilio, signalwire] of cases) {
      const a = await listAll(em, withQuery(twilioCalls(em), [...twilio, ['PageSize', '31']]), twilioAuth(em));
      const b = await listAll(em, withQuery(signalwireCalls(em), [...signalwire, ['PageSize', '29']]), signalwireAuth(em));
      expect(a.length, JSON.stringify(twilio)).toBeGreaterThan(0);
      expect(keys(b)).toEqual(keys(a));
    }
  });

  it('does not let one dialect\'s credentials into the other', async () => {
    expect((await get(em, twilioCalls(em), signalwireAuth(em))).status).toBe(401);
    expect((await get(em, signalwireCalls(em), twilioAuth(em))).status).toBe(401);
  });

  it('answers a path neither dialect has with a 404', async () => {
    const laml = await get(em, '/api/laml/2010-04-01/Accounts/x/Messages', signalwireAuth(em));
    expect(laml).toMatchObject({ status: 404, body: { code: 20404, more_info: expect.stringContaining('signalwire') } });
    const other = await get(em, '/health', undefined);
    expect(other).toMatchObject({ status: 404, body: { code: 20404, more_info: expect.stringContaining('twilio') } });
  });
});
