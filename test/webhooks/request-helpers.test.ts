import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeForm } from '../../src/dialects/common/webhook/form-fields.js';
import { WebhookVerificationError } from '../../src/model/errors/webhook-verification-error.js';
import {
  type VerifiedWebhook,
  readRawBody,
  signSignalWire,
  signTelnyx,
  signTwilio,
  telnyxPublicKey,
  verifyFetchRequest,
  verifyNodeRequest,
} from '../../src/webhooks/index.js';
import { type TestServer, startServer } from '../support/http-server.js';

const TOKEN = 'twilio-auth-token-0123456789abcd';
const FIELDS = { CallSid: 'CA0123456789abcdef0123456789abcdef', CallStatus: 'ringing', SequenceNumber: '1' };
const { privateKey, publicKey } = generateKeyPairSync('ed25519');

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that verifies each request with verifyNodeRequest and answers with the outcome. */
async function verifyingServer(options: Parameters<typeof verifyNodeRequest>[2]): Promise<TestServer> {
  return startServer((req, res) => {
    void readRawBody(req).then((body) => {
      let outcome: VerifiedWebhook | { refused: string };
      try {
        outcome = verifyNodeRequest(req, body, options);
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) throw error;
        outcome = { refused: error.reason };
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(outcome));
    });
  });
}

const post = async (url: string, headers: Record<string, string>, body: string) =>
  (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body })).json();

describe('verifyNodeRequest', () => {
  it('verifies a Twilio form posted to a node:http server, rebuilding the URL from Host and req.url', async () => {
    server = await verifyingServer({ provider: 'twilio', secret: TOKEN });
    const url = `${server.origin}/status?tenant=7`;
    const body = encodeForm(FIELDS);
    expect(await post(url, signTwilio(TOKEN, url, FIELDS), body)).toEqual({ provider: 'twilio', signedWith: 'secret', fields: FIELDS });
    expect(await post(url, signTwilio(TOKEN, url, { ...FIELDS, CallStatus: 'completed' }), body)).toEqual({ refused: 'bad-signature' });
    expect(await post(url, {}, body)).toEqual({ refused: 'missing-header' });
  });

  it('uses the public origin given behind a proxy', async () => {
    server = await verifyingServer({ provider: 'signalwire', secret: 'PSK_key', origin: 'https://hooks.example.com' });
    const body = encodeForm(FIELDS);
    const signedForPublic = signSignalWire('PSK_key', 'https://hooks.example.com/sw', FIELDS);
    expect(await post(`${server.origin}/sw`, signedForPublic, body)).toEqual({ provider: 'signalwire', signedWith: 'secret', fields: FIELDS });
  });

  it('verifies Telnyx over the raw body bytes', async () => {
    server = await verifyingServer({ provider: 'telnyx', secret: telnyxPublicKey(publicKey) });
    const body = encodeForm({ CallSid: 'v3:abc', CallStatus: 'initiated', From: '+35319605860' });
    expect(await post(`${server.origin}/tx`, signTelnyx(privateKey, body), body)).toMatchObject({ provider: 'telnyx', fields: { CallSid: 'v3:abc' } });
    expect(await post(`${server.origin}/tx`, signTelnyx(privateKey, body, Math.floor(Date.now() / 1000) - 3600), body)).toEqual({ refused: 'stale-timestamp' });
  });

  it('accepts fields a body parser already made, for Twilio', async () => {
    server = await startServer((req, res) => {
      const fields = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
      const { provider } = verifyNodeRequest(req, fields, { provider: 'twilio', secret: TOKEN, url: 'https://example.com/hook' });
      res.end(provider);
    });
    const response = await fetch(`${server.origin}/?${encodeForm(FIELDS)}`, { method: 'POST', headers: signTwilio(TOKEN, 'https://example.com/hook', FIELDS) });
    expect(await response.text()).toBe('twilio');
  });
});

describe('verifyFetchRequest', () => {
  it('verifies a Fetch Request and leaves its body readable', async () => {
    const url = 'https://example.com/fetch/status';
    const body = encodeForm(FIELDS);
    const request = new Request(url, { method: 'POST', headers: { ...signTwilio(TOKEN, url, FIELDS), 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(await verifyFetchRequest(request, { provider: 'twilio', secret: TOKEN })).toEqual({ provider: 'twilio', signedWith: 'secret', fields: FIELDS });
    expect(await request.text()).toBe(body);
    const tampered = new Request(url, { method: 'POST', headers: signTwilio(TOKEN, url, FIELDS), body: body.replace('ringing', 'busy') });
    await expect(verifyFetchRequest(tampered, { provider: 'twilio', secret: TOKEN })).rejects.toMatchObject({ reason: 'bad-signature' });
  });

  it('takes the public URL when a proxy rewrote request.url', async () => {
    const body = encodeForm(FIELDS);
    const headers = signTelnyx(privateKey, body);
    const request = new Request('http://internal:8080/tx', { method: 'POST', headers, body });
    const verified = await verifyFetchRequest(request, { provider: 'telnyx', secret: telnyxPublicKey(privateKey), url: 'https://example.com/tx' });
    expect(verified.fields).toEqual(FIELDS);
  });
});
