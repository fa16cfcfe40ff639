import { afterEach, describe, expect, it } from 'vitest';
import { createCallClient } from '../../src/client/call-client.js';
import type { CallClientOptions } from '../../src/client/config.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';
import type { CallTransition } from '../../src/emulator/index.js';
import { BadQueryError } from '../../src/model/errors/bad-query-error.js';
import { UnsupportedOperationError } from '../../src/model/errors/unsupported-operation-error.js';
import { PROVIDERS, type Provider } from '../../src/model/provider.js';
import { END_EARLY, PLACE, placedSid } from './placing.js';

let em: Emulator | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
});

async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  em = await startEmulator({ calls: 200, seed: 7, clock: { manual: true }, ...options });
  return em;
}

function clientOf(e: Emulator, provider: Provider, extra: Partial<CallClientOptions> = {}) {
  return createCallClient({ provider, baseUrl: e.url, env: {}, retry: { baseDelay: 5, maxDelay: 20 }, ...e[provider], ...extra } as CallClientOptions);
}

const CALL = { to: '+14155550100', from: '+14155550199', url: 'https://example.com/answer.xml' };

describe.each(PROVIDERS)('%s: placing a call on the emulator', (provider) => {
  const call = PLACE[provider];

  it('creates a call, redirects it, watches it reach its final status and lists it once', async () => {
    const e = await emulator();
    const client = clientOf(e, provider);
    const seen: CallTransition[] = [];
    e.calls.onTransition((t) => seen.push(t));

    const created = await client.calls.create({ ...call, statusCallback: 'https://example.com/status', statusCallbackEvents: ['initiated', 'completed'] });
    expect(created).toMatchObject({ provider, status: 'queued', to: { value: CALL.to }, from: { value: CALL.from }, startTime: null });
    if (provider === 'telnyx') {
      // Telnyx answers {from, status, to} only: no sid, every other field null, nothing invented.
      expect(created).toMatchObject({ sid: null, accountSid: null, direction: null, dateCreated: null, uri: null, extra: {} });
    } else {
      expect(created.sid).not.toBeNull();
    }
    const sid = await placedSid(client, call, created);
    expect(e.calls.createdCount).toBe(1);

    e.advanceClock(3000);
    expect((await client.calls.get(sid)).status).toBe('in-progress');
    const redirected = await client.calls.update(sid, { url: 'https://example.com/next.xml', method: 'GET' });
    expect(redirected).toMatchObject({ sid, status: 'in-progress' });

    e.advanceClock(10_000);
    const listed = await client.calls.list({ to: CALL.to });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ sid, status: 'completed', duration: 5, direction: 'outbound' });
    expect(listed[0]!.endTime).not.toBeNull();
    // Newest first: the created call heads the account's list.
    expect((await client.calls.list({ limit: 1 }))[0]!.sid).toBe(sid);
    expect(seen.map((t) => t.status)).toEqual(['ringing', 'in-progress', 'completed']);
    expect(seen[0]!.entry.statusCallback).toEqual({ url: 'https://example.com/status', method: 'POST', events: ['initiated', 'completed'] });

    if (provider === 'telnyx') {
      // Telnyx deletes no call records: refused before any request, the call still listed.
      const before = e.requestCount;
      await expect(client.calls.delete(sid)).rejects.toMatchObject({ name: 'UnsupportedOperationError', provider: 'telnyx', field: 'delete' });
      expect(e.requestCount).toBe(before);
      expect(await client.calls.list({ to: CALL.to })).toHaveLength(1);
    } else {
      await client.calls.delete(sid);
      expect(await client.calls.list({ to: CALL.to })).toHaveLength(0);
    }
    expect(e.calls.createdCount).toBe(1);
  });

  it('cancels a ringing call and refuses to redirect it once ended', async () => {
    const e = await emulator();
    const client = clientOf(e, provider);
    const sid = await placedSid(client, call, await client.calls.create(call));
    e.advanceClock(1000);
    expect((await client.calls.get(sid)).status).toBe('ringing');
    // Telnyx ends it with `completed`, its only status; a call never answered ends canceled either way.
    expect((await client.calls.update(sid, { status: END_EARLY[provider] })).status).toBe('canceled');
    await expect(client.calls.update(sid, { url: 'https://example.com/x' })).rejects.toMatchObject({ status: 400 });
  });

  it('ends each test number with its outcome, in the dialect\'s vocabulary', async () => {
    const e = await emulator();
    const client = clientOf(e, provider);
    const outcomes: Record<string, string> = {};
    for (const to of ['+15005550001', '+15005550002', '+15005550003']) {
      const input = { ...call, to };
      outcomes[to] = await placedSid(client, input, await client.calls.create(input));
    }
    e.advanceClock(10_000);
    const status = async (to: string) => (await client.calls.get(outcomes[to]!)).status;
    expect(await status('+15005550001')).toBe('failed');
    expect(await status('+15005550002')).toBe('busy');
    // SignalWire has no no-answer: its dialect writes it failed.
    expect(await status('+15005550003')).toBe(provider === 'signalwire' ? 'failed' : 'no-answer');
  });

  it('refuses bad input before any request', async () => {
    const e = await emulator();
    const client = clientOf(e, provider);
    // Without the instructions (Twilio, SignalWire) or the application (Telnyx) it needs.
    await expect(client.calls.create({ ...call, url: undefined, applicationSid: undefined })).rejects.toBeInstanceOf(BadQueryError);
    await expect(client.calls.create({ ...call, timeout: -1 })).rejects.toBeInstanceOf(BadQueryError);
    await expect(client.calls.create({ ...call, providerParams: { To: '+1' } })).rejects.toBeInstanceOf(BadQueryError);
    await expect(client.calls.update(`CA${'a'.repeat(32)}`, {})).rejects.toBeInstanceOf(BadQueryError);
    expect(e.requestCount).toBe(0);
  });
});

describe('what a provider cannot take', () => {
  it('SignalWire refuses inline TwiML and a time limit, naming the field, before any request', async () => {
    const e = await emulator();
    const client = clientOf(e, 'signalwire');
    const refusal = await client.calls.create({ to: CALL.to, from: CALL.from, twiml: '<Response/>' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UnsupportedOperationError);
    expect(refusal).toMatchObject({ provider: 'signalwire', field: '`twiml`' });
    await expect(client.calls.create({ ...CALL, timeLimit: 60 })).rejects.toThrow(/signalwire cannot take `timeLimit`/);
    await expect(client.calls.update(`CA${'a'.repeat(32)}`, { twiml: '<Response/>' })).rejects.toBeInstanceOf(UnsupportedOperationError);
    expect(e.requestCount).toBe(0);
  });

  it('Twilio takes inline TwiML and a time limit that ends the call', async () => {
    const e = await emulator();
    const client = clientOf(e, 'twilio');
    const { sid } = await client.calls.create({ to: CALL.to, from: CALL.from, twiml: '<Response><Say>Hi</Say></Response>', timeLimit: 2 });
    e.advanceClock(10_000);
    expect(await client.calls.get(sid!)).toMatchObject({ status: 'completed', duration: 2 });
  });

  it('provider-only parameters pass through verbatim', async () => {
    const e = await emulator();
    const client = clientOf(e, 'signalwire');
    const seen: CallTransition[] = [];
    e.calls.onTransition((t) => seen.push(t));
    await client.calls.create({ ...CALL, machineDetection: 'Enable', providerParams: { MachineWordsThreshold: 5, AsyncAmdPartialResults: true } });
    e.advanceClock(1000);
    expect(seen[0]!.entry.providerParams).toStrictEqual({ MachineWordsThreshold: '5', AsyncAmdPartialResults: 'true' });
  });
});

describe('the clock', () => {
  it('by default a created call ends on real time, with no request needed', async () => {
    const e = await emulator({ clock: { speed: 50 } });
    const client = clientOf(e, 'twilio');
    const ended = new Promise<CallTransition>((resolve) => e.calls.onTransition((t) => t.status === 'completed' && resolve(t)));
    await client.calls.create(CALL);
    expect((await ended).entry.call.status).toBe('completed');
  });
});
