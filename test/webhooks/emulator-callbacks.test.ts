// The package's "exports" carry no "types" condition, so its own typings are named by path.
// @ts-expect-error TS7016: no declaration file reachable through "exports".
import { RestClient as untypedRestClient } from '@signalwire/compatibility-api';
import { TelnyxWebhook } from 'telnyx/lib/webhooks';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallClient } from '../../src/client/call-client.js';
import type { CallClientOptions } from '../../src/client/config.js';
import { encodeForm, parseForm } from '../../src/dialects/common/webhook/form-fields.js';
import { emulatedWebhookSigner, parseStatusCallback, verifyWebhook } from '../../src/dialects/webhook-registry.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { CALL_EVENTS } from '../../src/model/call-request.js';
import { PROVIDERS, type Provider } from '../../src/model/provider.js';
import { PLACE, placedSid } from '../calls/placing.js';
import { type CallbackReceiver, type ReceivedCallback, startReceiver } from './callback-receiver.js';
import { refusal } from './refusal.js';

const RestClient = untypedRestClient as typeof import('../../node_modules/@signalwire/compatibility-api/compatibility-api.js').RestClient;

/** Each provider's official validator, given the secret `verifyWebhook` takes and a request as received. */
const ORACLES: Record<Provider, (secret: string, request: ReceivedCallback) => Promise<boolean>> = {
  twilio: async (token, { url, headers, body }) => twilio.validateRequest(token, headers['x-twilio-signature'] ?? '', url, parseForm(body)),
  signalwire: async (key, { url, headers, body }) => RestClient.validateRequest(key, headers['x-signalwire-signature'] ?? '', url, parseForm(body)),
  telnyx: (publicKey, { headers, body }) => new TelnyxWebhook(publicKey).verify(body, headers).then(() => true, () => false),
};

/** What each provider adds to the callback of a call that ended busy (to +15005550002). */
const BUSY_EXTRAS: Record<Provider, Record<string, string>> = {
  twilio: { Called: '+15005550002', Caller: '+14155550199', ApiVersion: '2010-04-01', Direction: 'outbound-api' },
  signalwire: { SipResultCode: '486', ApiVersion: '2010-04-01', Direction: 'outbound-api' },
  telnyx: { HangupCause: 'user_busy' },
};

const CALL = { to: '+14155550100', from: '+14155550199', url: 'https://example.com/answer.xml' };

let emulator: Emulator | undefined;
let receiver: CallbackReceiver | undefined;
afterEach(async () => {
  await emulator?.close();
  await receiver?.close();
  emulator = receiver = undefined;
});

async function setUp(answer?: (path: string) => number, holdMs?: number) {
  receiver = await startReceiver(answer, holdMs);
  emulator = await startEmulator({ calls: 50, seed: 5, clock: { manual: true } });
  return { e: emulator, r: receiver };
}

const clientOf = (e: Emulator, provider: Provider) =>
  createCallClient({ provider, baseUrl: e.url, env: {}, ...e[provider] } as CallClientOptions);

/** Steps a created call through its whole life (it ends within 10 emulated seconds) and waits for its callbacks. */
async function live(e: Emulator): Promise<void> {
  for (const step of [1000, 2000, 5000, 2000]) e.advanceClock(step);
  await e.callbacksSettled();
}

const verify = (e: Emulator, provider: Provider, request: ReceivedCallback) =>
  verifyWebhook({ url: request.url, headers: request.headers, body: request.body }, { provider, secret: e.webhookSecrets[provider] });

describe.each(PROVIDERS)('%s: status callbacks of calls created on the emulator', (provider) => {
  // Telnyx's create also names its TeXML application.
  const CALL = PLACE[provider];

  it('arrive for every requested event in order, signed so that the official validator and verifyWebhook accept them', async () => {
    const { e, r } = await setUp();
    const client = clientOf(e, provider);
    const callbackUrl = `${r.origin}/status/${provider}?tenant=7`;
    const input = { ...CALL, statusCallback: callbackUrl, statusCallbackEvents: [...CALL_EVENTS] };
    // Telnyx's create answer has no sid: the call is found by listing (see placedSid).
    const sid = await placedSid(client, input, await client.calls.create(input));
    await live(e);

    expect(r.received.map((c) => c.url)).toEqual(Array(4).fill(callbackUrl));
    const fields = r.received.map((c) => parseForm(c.body));
    expect(fields.map((f) => f.CallStatus)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(fields.map((f) => f.SequenceNumber)).toEqual(['0', '1', '2', '3']);
    const call = await client.calls.get(sid);
    expect(call.status).toBe('completed');

    for (const request of r.received) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      await expect(ORACLES[provider](e.webhookSecrets[provider], request)).resolves.toBe(true);
      const verified = verify(e, provider, request);
      expect(verified.provider).toBe(provider);
      const event = parseStatusCallback(verified.fields);
      expect(event).toMatchObject({
        provider, sid, accountSid: call.accountSid, from: { value: CALL.from }, to: { value: CALL.to }, callbackSource: 'call-progress-events',
      });
      expect(event.timestamp).not.toBeNull();
      expect(event.duration).toBe(event.statusDetail === 'completed' ? call.duration : null);
    }
    const events = r.received.map((c) => parseStatusCallback(c.body));
    expect(events.map((ev) => ev.status)).toEqual(['queued', 'ringing', 'in-progress', 'completed']);
    // The events' emulated times never go back; the call talked 5 s.
    expect(events.map((ev) => ev.timestamp)).toEqual([...events.map((ev) => ev.timestamp)].sort());
    expect(events[3]!.duration).toBe(5);
    expect(e.callbacks.map((d) => [d.event, d.outcome, d.httpStatus])).toEqual(CALL_EVENTS.map((ev) => [ev, 'delivered', 204]));
  });

  it('refuses tampered copies: a field changed, another URL, another secret', async () => {
    const { e, r } = await setUp();
    await clientOf(e, provider).calls.create({ ...CALL, statusCallback: `${r.origin}/status`, statusCallbackEvents: ['completed'] });
    await live(e);
    expect(r.received).toHaveLength(1);
    const original = r.received[0]!;
    const changed = { ...original, body: encodeForm({ ...parseForm(original.body), CallStatus: 'failed' }) };
    const elsewhere = { ...original, url: `${r.origin}/other` };
    expect(refusal(() => verify(e, provider, original))).toBe('accepted');
    expect(refusal(() => verify(e, provider, changed))).toBe('bad-signature');
    await expect(ORACLES[provider](e.webhookSecrets[provider], changed)).resolves.toBe(false);
    // Telnyx signs the body alone, so only the Twilio-family schemes bind the URL.
    if (provider !== 'telnyx') {
      expect(refusal(() => verify(e, provider, elsewhere))).toBe('bad-signature');
      await expect(ORACLES[provider](e.webhookSecrets[provider], elsewhere)).resolves.toBe(false);
    }
    // A secret of the same kind, another account's.
    const another = emulatedWebhookSigner(provider, 'f'.repeat(32)).verifyWith;
    expect(another).not.toBe(e.webhookSecrets[provider]);
    expect(refusal(() => verifyWebhook(original, { provider, secret: another }))).toBe('bad-signature');
  });

  it('sends only the requested events (completed by default), numbered from 0 per call, with the final status and its SIP/hangup detail', async () => {
    const { e, r } = await setUp();
    const client = clientOf(e, provider);
    await client.calls.create({ ...CALL, statusCallback: `${r.origin}/a` });
    await client.calls.create({ ...CALL, to: '+15005550002', statusCallback: `${r.origin}/b`, statusCallbackEvents: ['ringing', 'completed'] });
    await live(e);
    const at = (path: string) => r.received.filter((c) => new URL(c.url).pathname === path).map((c) => parseForm(c.body));
    expect(at('/a').map((f) => [f.CallStatus, f.SequenceNumber])).toEqual([['completed', '0']]);
    expect(at('/b').map((f) => [f.CallStatus, f.SequenceNumber])).toEqual([['ringing', '0'], ['busy', '1']]);
    expect(at('/b')[1]).toMatchObject(BUSY_EXTRAS[provider]);
    expect(parseStatusCallback(at('/b')[1]!)).toMatchObject({ status: 'busy', duration: 0 });
  });

  it('puts the fields in the query of a GET callback, signed with the URL', async () => {
    const { e, r } = await setUp();
    await clientOf(e, provider).calls.create({ ...CALL, statusCallback: `${r.origin}/get?tenant=7`, statusCallbackMethod: 'GET', statusCallbackEvents: ['answered'] });
    await live(e);
    expect(r.received).toHaveLength(1);
    const request = r.received[0]!;
    expect(request).toMatchObject({ method: 'GET', body: '' });
    const verified = verify(e, provider, request);
    expect(verified.fields).toMatchObject({ tenant: '7', CallStatus: 'in-progress', SequenceNumber: '0' });
    expect(parseStatusCallback(verified.fields).status).toBe('in-progress');
    // The oracle over the URL alone (the fields are part of it).
    await expect(ORACLES[provider](e.webhookSecrets[provider], { ...request, body: '' })).resolves.toBe(true);
  });
});

describe('order', () => {
  it('sends a call\'s next callback only once the previous one is answered, even to a slow receiver', async () => {
    const { e, r } = await setUp(undefined, 25);
    await clientOf(e, 'twilio').calls.create({ ...CALL, statusCallback: `${r.origin}/slow`, statusCallbackEvents: [...CALL_EVENTS] });
    await live(e);
    expect(r.received.map((c) => parseForm(c.body).SequenceNumber)).toEqual(['0', '1', '2', '3']);
    expect(r.mostOpen).toBe(1);
  });
});

describe('failed and refused deliveries', () => {
  it('a receiver that answers 500 or refuses the connection gets each callback once, logged as failed; the call lives on', async () => {
    const { e, r } = await setUp((path) => (path === '/broken' ? 500 : 204));
    const closed = await startReceiver();
    const refusedUrl = `${closed.origin}/gone`;
    await closed.close();
    const client = clientOf(e, 'twilio');
    const broken = await client.calls.create({ ...CALL, statusCallback: `${r.origin}/broken`, statusCallbackEvents: [...CALL_EVENTS] });
    const refused = await client.calls.create({ ...CALL, statusCallback: refusedUrl, statusCallbackEvents: [...CALL_EVENTS] });
    await live(e);
    expect(r.received.map((c) => parseForm(c.body).CallStatus)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    const log = (sid: string) => e.callbacks.filter((d) => d.callSid === sid);
    expect(log(broken.sid!).map((d) => [d.sequenceNumber, d.outcome, d.httpStatus])).toEqual([0, 1, 2, 3].map((n) => [n, 'failed', 500]));
    expect(log(refused.sid!).map((d) => [d.sequenceNumber, d.outcome, d.httpStatus])).toEqual([0, 1, 2, 3].map((n) => [n, 'failed', null]));
    expect(log(refused.sid!)[0]!.error).toMatch(/ECONNREFUSED/);
    expect((await client.calls.get(broken.sid!)).status).toBe('completed');
    expect((await client.calls.get(refused.sid!)).status).toBe('completed');
  });

  it('sends nothing to a URL that is not loopback, logging each event as skipped with the reason', async () => {
    const { e } = await setUp();
    const client = clientOf(e, 'signalwire');
    const created = await client.calls.create({ ...CALL, statusCallback: 'https://example.com/status', statusCallbackEvents: ['initiated', 'completed'] });
    await live(e);
    expect(e.callbacks.map((d) => [d.callSid, d.event, d.outcome])).toEqual([[created.sid, 'initiated', 'skipped'], [created.sid, 'completed', 'skipped']]);
    expect(e.callbacks[0]!.error).toMatch(/loopback URLs only .*example\.com/);
    expect((await client.calls.get(created.sid!)).status).toBe('completed');
  });
});

describe('signing keys of the emulated accounts', () => {
  it('are given with the credentials where the provider has its own (SignalWire), stable across runs of a seed', async () => {
    const { e } = await setUp();
    expect(e.webhookSecrets.twilio).toBe(e.twilio.authToken);
    expect(e.signalwire.signingKey).toMatch(/^PSK_[0-9a-f]{32}$/);
    expect(e.webhookSecrets.signalwire).toBe(e.signalwire.signingKey);
    expect(e.signalwire.signingKey).not.toContain(e.signalwire.token.slice(2, 34));
    // Telnyx: the public key of the account's Ed25519 pair, shown with its credentials.
    expect(Buffer.from(e.telnyx.publicKey, 'base64')).toHaveLength(32);
    expect(e.webhookSecrets.telnyx).toBe(e.telnyx.publicKey);
    const again = await startEmulator({ calls: 50, seed: 5 });
    const other = await startEmulator({ calls: 50, seed: 6 });
    expect(again.signalwire.signingKey).toBe(e.signalwire.signingKey);
    expect(other.signalwire.signingKey).not.toBe(e.signalwire.signingKey);
    await Promise.all([again.close(), other.close()]);
  });

  it('Telnyx signs with an Ed25519 key pair whose public key verifies (telnyx-node and verifyWebhook)', async () => {
    const signer = emulatedWebhookSigner('telnyx', '0123456789abcdef0123456789abcdef');
    expect(Buffer.from(signer.shown.publicKey, 'base64')).toHaveLength(32);
    expect(signer.verifyWith).toBe(signer.shown.publicKey);
    const body = encodeForm({ CallSid: 'v3:abc', CallStatus: 'completed', SequenceNumber: '3' });
    const sentAt = Date.now();
    const headers = signer.sign('http://127.0.0.1:1/status', body, parseForm(body), sentAt);
    expect(headers['telnyx-timestamp']).toBe(String(Math.floor(sentAt / 1000)));
    const request: ReceivedCallback = { method: 'POST', url: 'http://127.0.0.1:1/status', headers, body };
    await expect(ORACLES.telnyx(signer.verifyWith, request)).resolves.toBe(true);
    await expect(ORACLES.telnyx(signer.verifyWith, { ...request, body: body.replace('completed', 'failed') })).resolves.toBe(false);
    expect(refusal(() => verifyWebhook(request, { provider: 'telnyx', secret: signer.verifyWith, now: () => sentAt }))).toBe('accepted');
    expect(emulatedWebhookSigner('telnyx', '0123456789abcdef0123456789abcdef').verifyWith).toBe(signer.verifyWith);
  });
});
