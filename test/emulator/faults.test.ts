import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, type FaultOptions, generateDataset, startEmulator } from '../../src/emulator/index.js';
import { get, signalwireAuth, signalwireCalls, twilioAuth, twilioCalls } from './helpers.js';

const dataset = generateDataset({ calls: 300, seed: 4 });
const running: Emulator[] = [];

async function start(faults?: FaultOptions): Promise<Emulator> {
  const em = await startEmulator({ dataset, seed: 4, ...(faults === undefined ? {} : { faults }) });
  running.push(em);
  return em;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((em) => em.close()));
});

async function statuses(em: Emulator, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) out.push((await fetch(em.url + twilioCalls(em), { headers: { authorization: twilioAuth(em) } })).status);
  return out;
}

describe('fault injection', () => {
  it('is off by default', async () => {
    const em = await start();
    expect(await statuses(em, 12)).toEqual(Array(12).fill(200));
  });

  it('delays responses', async () => {
    const em = await start({ latencyMs: 120 });
    const began = performance.now();
    await get(em, twilioCalls(em), twilioAuth(em));
    expect(performance.now() - began).toBeGreaterThanOrEqual(110);
  });

  it('answers every K-th request 429 with Retry-After, in the dialect\'s error body', async () => {
    const em = await start({ rateLimit: { every: 3, retryAfterSeconds: 2 } });
    expect(await statuses(em, 7)).toEqual([200, 200, 429, 200, 200, 429, 200]);
    const limited = await get(em, signalwireCalls(em), signalwireAuth(em));
    expect(limited.status).toBe(200);
    const next = await get(em, signalwireCalls(em), signalwireAuth(em));
    expect(next.status).toBe(429);
    expect(next.headers.get('retry-after')).toBe('2');
    expect(next.body).toMatchObject({ code: 20429, status: 429, more_info: expect.stringContaining('signalwire') });
  });

  it('fails requests with 5xx at the given rate, the same way for the same seed', async () => {
    const a = await statuses(await start({ serverErrors: { probability: 0.4 }, seed: 77 }), 30);
    const b = await statuses(await start({ serverErrors: { probability: 0.4 }, seed: 77 }), 30);
    const c = await statuses(await start({ serverErrors: { probability: 0.4 }, seed: 78 }), 30);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 500, 503]));
    expect(await statuses(await start({ serverErrors: { probability: 1, statuses: [503] } }), 3)).toEqual([503, 503, 503]);
    const em = await start({ serverErrors: { probability: 1, statuses: [500] } });
    expect((await get(em, twilioCalls(em), twilioAuth(em))).body).toMatchObject({ code: 20500, status: 500 });
  });

  it('truncates a body once by dropping the connection mid-body', async () => {
    const em = await start({ truncate: { once: true } });
    const first = await fetch(em.url + twilioCalls(em), { headers: { authorization: twilioAuth(em) } });
    expect(first.status).toBe(200);
    await expect(first.text()).rejects.toThrow();
    const second = await get(em, twilioCalls(em), twilioAuth(em));
    expect(second.body.calls).toHaveLength(50);
  });

  it('truncates every K-th body into JSON that does not parse', async () => {
    const em = await start({ truncate: { every: 2, mode: 'json' } });
    const texts: string[] = [];
    for (let i = 0; i < 4; i += 1) texts.push(await (await fetch(em.url + twilioCalls(em), { headers: { authorization: twilioAuth(em) } })).text());
    const parses = texts.map((t) => {
      try {
        JSON.parse(t);
        return true;
      } catch {
        return false;
      }
    });
    expect(parses).toEqual([true, false, true, false]);
    expect(texts[0]!.startsWith(texts[1]!)).toBe(true);
  });

  it('points next_page_uri at another host, whose log shows whether credentials followed', async () => {
    const other = await start();
    const em = await start({ nextPageOrigin: other.url });
    const { body } = await get(em, twilioCalls(em), twilioAuth(em));
    expect(body.next_page_uri.startsWith(`${other.url}/2010-04-01/Accounts/`)).toBe(true);
    expect(body.uri.startsWith('/2010-04-01/')).toBe(true);
    await fetch(body.next_page_uri);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]!.username).toBeNull();
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
    await fetch(body.next_page_uri, { headers: { authorization: twilioAuth(em) } });
    expect(other.requests[1]!.username).toBe(em.twilio.accountSid);
  });

  it('can be changed while running', async () => {
    const em = await start();
    em.setFaults({ rateLimit: { every: 1 } });
    expect(await statuses(em, 2)).toEqual([429, 429]);
    em.setFaults();
    expect(await statuses(em, 2)).toEqual([200, 200]);
    expect(em.requestCount).toBe(4);
    em.clearRequests();
    expect(em.requests).toHaveLength(0);
  });
});
