import { afterEach, describe, expect, it } from 'vitest';
import { createCallClient } from '../../src/client/call-client.js';
import { ProviderError } from '../../src/client/errors/provider-error.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import type { Provider } from '../../src/model/provider.js';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

function clientOf(e: Emulator, provider: Provider, retry = {}) {
  const credentials = provider === 'twilio' ? e.twilio : { projectId: e.signalwire.projectId, token: e.signalwire.token };
  return createCallClient({ provider, baseUrl: e.url, env: {}, retry: { baseDelay: 20, maxDelay: 200, ...retry }, ...credentials });
}

describe.each<Provider>(['twilio', 'signalwire'])('%s: a full read through every fault at once', (provider) => {
  it('yields exactly the 20,000 calls, in order, none twice, honouring Retry-After', async () => {
    emulator = await startEmulator({
      calls: 20_000,
      seed: 5,
      faults: {
        latencyMs: 50,
        rateLimit: { every: 7, retryAfterSeconds: 1 },
        serverErrors: { probability: 0.05 },
        truncate: { once: true },
      },
    });
    const client = clientOf(emulator, provider, { limit: 8 });
    const started = Date.now();
    const sids: string[] = [];
    let previous = '9999';
    let ordered = true;
    for await (const call of client.calls.iterate({ pageSize: 1000 })) {
      sids.push(call.sid);
      if ((call.dateCreated ?? '') > previous) ordered = false;
      previous = call.dateCreated ?? '';
    }
    const elapsed = Date.now() - started;

    expect(sids).toHaveLength(20_000);
    expect(new Set(sids).size).toBe(20_000);
    expect(ordered).toBe(true);
    // Every call of the dataset, in the dataset's order (newest first).
    const expected = Array.from({ length: emulator.dataset.size }, (_, i) => emulator!.dataset.keyAt(i));
    expect(sids.map((s) => s.replaceAll('-', '').replace(/^CA/, ''))).toEqual(expected);

    const statuses = emulator.requests.map((r) => r.status);
    const limited = statuses.filter((s) => s === 429).length;
    expect(limited).toBeGreaterThan(0);
    expect(statuses.some((s) => s === 500 || s === 503)).toBe(true);
    // Each 429 asked for one second, and each was waited out.
    expect(elapsed).toBeGreaterThanOrEqual(limited * 1000);
  }, 120_000);
});

describe('giving up', () => {
  it('stops after the retry limit with a typed error that counts the attempts', async () => {
    emulator = await startEmulator({ calls: 10, faults: { serverErrors: { probability: 1 } } });
    const client = clientOf(emulator, 'twilio', { limit: 3, baseDelay: 1 });
    const error = await client.calls.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ attempts: 4 });
    expect((error as Error).message).toContain('after 4 attempts');
    expect(emulator.requestCount).toBe(4);
  });
});
