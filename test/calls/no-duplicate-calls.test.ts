import { afterEach, describe, expect, it } from 'vitest';
import { createCallClient } from '../../src/client/call-client.js';
import type { CallClientOptions } from '../../src/client/config.js';
import { AmbiguousResultError } from '../../src/client/errors/ambiguous-result-error.js';
import { NetworkError } from '../../src/client/errors/network-error.js';
import { RateLimitedError } from '../../src/client/errors/rate-limited-error.js';
import { type Emulator, type FaultOptions, startEmulator } from '../../src/emulator/index.js';
import { CallbridgeError } from '../../src/model/errors/callbridge-error.js';
import { UnsupportedOperationError } from '../../src/model/errors/unsupported-operation-error.js';
import { PROVIDERS, type Provider } from '../../src/model/provider.js';
import { CREATED_STATUS, END_EARLY, PLACE, placedSid } from './placing.js';

let em: Emulator | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
});

function clientOf(e: Emulator, provider: Provider, extra: Partial<CallClientOptions> = {}) {
  return createCallClient({ provider, baseUrl: e.url, env: {}, retry: { baseDelay: 5, maxDelay: 20 }, ...e[provider], ...extra } as CallClientOptions);
}

const CALL = { to: '+14155550100', from: '+14155550199', url: 'https://example.com/answer.xml' };
const posts = (e: Emulator) => e.requests.filter((r) => r.method === 'POST').length;

async function withFaults(faults: FaultOptions): Promise<Emulator> {
  em = await startEmulator({ calls: 100, seed: 3, clock: { manual: true }, faults });
  return em;
}

describe.each(PROVIDERS)('%s: a create is never repeated once it may have acted', (provider) => {
  const call = PLACE[provider];

  it.each(['fail', 'drop'] as const)('the provider acts, then %s: one call, one request, an AmbiguousResultError that says how to look', async (fault) => {
    const e = await withFaults({ writes: { fault } });
    const client = clientOf(e, provider);
    const error = await client.calls.create(call).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AmbiguousResultError);
    expect(error).toBeInstanceOf(CallbridgeError);
    const ambiguous = error as AmbiguousResultError;
    expect(ambiguous.operation).toBe('create');
    expect(ambiguous.lookup).toMatchObject({ to: CALL.to, from: CALL.from, startedAt: { from: expect.any(String) } });
    expect(ambiguous.message).toMatch(/may or may not exist/);
    expect(ambiguous.message).toContain(JSON.stringify(ambiguous.lookup));
    expect(e.calls.createdCount).toBe(1);
    expect(posts(e)).toBe(1);

    // The lookup finds the one call, once it has started.
    e.setFaults();
    e.advanceClock(2000);
    const found = await client.calls.list(ambiguous.lookup!);
    expect(found).toHaveLength(1);
  });

  it('a server error before acting is still ambiguous to the client, and not retried', async () => {
    const e = await withFaults({ serverErrors: { probability: 1, statuses: [503] } });
    await expect(clientOf(e, provider).calls.create(call)).rejects.toBeInstanceOf(AmbiguousResultError);
    expect(posts(e)).toBe(1);
    expect(e.calls.createdCount).toBe(0);
  });

  it('a timeout after sending is ambiguous, and not retried', async () => {
    // A timeout long enough for the request to reach the emulator on a loaded machine, far shorter than its latency.
    const e = await withFaults({ latencyMs: 1500 });
    const error = await clientOf(e, provider, { timeout: 300 }).calls.create(call).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AmbiguousResultError);
    expect((error as Error).message).toMatch(/no complete answer within 300 ms/);
    // The emulator acts once the latency has passed; wait for that request to be answered.
    await expect.poll(() => e.requests[0]?.status, { timeout: 30_000 }).toBe(CREATED_STATUS[provider]);
    expect(e.calls.createdCount).toBe(1);
    expect(posts(e)).toBe(1);
  });

  it('429 before acting is retried, honouring Retry-After, and places exactly one call', async () => {
    const e = await withFaults({ writes: { fault: 'reject', once: true, retryAfterSeconds: 0 } });
    const client = clientOf(e, provider);
    const created = await client.calls.create(call);
    expect(created).toMatchObject({ status: 'queued', to: { value: CALL.to } });
    expect(posts(e)).toBe(2);
    await placedSid(client, call, created);
    expect(e.calls.createdCount).toBe(1);
  });

  it('429 every time ends in RateLimitedError with nothing placed', async () => {
    const e = await withFaults({ writes: { fault: 'reject', retryAfterSeconds: 0 } });
    await expect(clientOf(e, provider, { retry: { limit: 2, baseDelay: 5 } }).calls.create(call)).rejects.toBeInstanceOf(RateLimitedError);
    expect(posts(e)).toBe(3);
    expect(e.calls.createdCount).toBe(0);
  });

  it('update and delete are not repeated either', async () => {
    const e = await withFaults({});
    const client = clientOf(e, provider);
    const sid = await placedSid(client, call, await client.calls.create(call));
    e.setFaults({ writes: { fault: 'fail' } });
    const update = await client.calls.update(sid, { status: END_EARLY[provider] }).catch((caught: unknown) => caught);
    expect(update).toMatchObject({ name: 'AmbiguousResultError', operation: 'update', lookup: null });
    expect((update as AmbiguousResultError).sid).not.toBeNull();
    expect(posts(e)).toBe(2);
    // The update did act: the call is canceled.
    expect(e.calls.list().map((c) => c.status)).toEqual(['canceled']);
    e.setFaults({ writes: { fault: 'drop' } });
    if (provider === 'telnyx') {
      // No delete on Telnyx: refused before any request.
      await expect(client.calls.delete(sid)).rejects.toBeInstanceOf(UnsupportedOperationError);
      expect(e.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
      expect(e.calls.list()).toHaveLength(1);
    } else {
      await expect(client.calls.delete(sid)).rejects.toMatchObject({ name: 'AmbiguousResultError', operation: 'delete' });
      expect(e.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
      expect(e.calls.list()).toHaveLength(0);
    }
  });
});

describe('a write that never left is retried', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])('%s: retried, then placed once', async (code) => {
    const e = await withFaults({});
    let refused = 0;
    // The first attempt fails as fetch does when no connection could be made.
    const fetchOnce: typeof fetch = async (input, init) => {
      if (refused === 0) {
        refused += 1;
        throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
      }
      return fetch(input, init);
    };
    const created = await clientOf(e, 'twilio', { fetch: fetchOnce }).calls.create(CALL);
    expect(created.sid).not.toBeNull();
    expect(refused).toBe(1);
    expect(e.calls.createdCount).toBe(1);
  });

  it('a closed port: NetworkError after the retries, no call', async () => {
    const e = await withFaults({});
    const url = e.url;
    await e.close();
    em = undefined;
    const client = createCallClient({ provider: 'twilio', baseUrl: url, env: {}, retry: { limit: 1, baseDelay: 1 }, ...e.twilio });
    await expect(client.calls.create(CALL)).rejects.toBeInstanceOf(NetworkError);
  });
});
