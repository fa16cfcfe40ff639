import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { get, twilioAuth, twilioCalls } from './helpers.js';

let em: Emulator;
let startedIn: number;
beforeAll(async () => {
  const began = performance.now();
  em = await startEmulator({ calls: 1_000_000, seed: 2024 });
  startedIn = performance.now() - began;
});
afterAll(async () => {
  await em.close();
});

describe('a million calls', () => {
  it('are generated in a few seconds', () => {
    expect(em.dataset.size).toBe(1_000_000);
    expect(startedIn).toBeLessThan(5000);
  });

  it('serve a deep page from its PageToken as fast as the first', async () => {
    const key = em.dataset.keyAt(876_543);
    const began = performance.now();
    const { status, body } = await get(em, `${twilioCalls(em)}?PageSize=1000&Page=876&PageToken=PACA${key}`, twilioAuth(em));
    expect(status).toBe(200);
    expect(body.calls).toHaveLength(1000);
    expect(body.calls[0].sid).toBe(`CA${em.dataset.keyAt(876_544)}`);
    expect(performance.now() - began).toBeLessThan(1000);
  });

  it('answer a day filter and a full scan quickly', async () => {
    const day = await get(em, `${twilioCalls(em)}?PageSize=1000&StartTime=2024-01-15`, twilioAuth(em));
    expect(day.body.calls.length).toBeGreaterThan(1000 - 1);
    for (const call of day.body.calls) expect(new Date(call.start_time).toISOString().slice(0, 10)).toBe('2024-01-15');
    const began = performance.now();
    const scan = await get(em, `${twilioCalls(em)}?PageSize=20&Status=in-progress&To=%2B10000000000`, twilioAuth(em));
    expect(scan.body.calls).toEqual([]);
    const rare = await get(em, `${twilioCalls(em)}?PageSize=1000&Status=busy&StartTime%3E=2023-08-01`, twilioAuth(em));
    expect(rare.body.calls).toHaveLength(1000);
    expect(performance.now() - began).toBeLessThan(1500);
  });
});
