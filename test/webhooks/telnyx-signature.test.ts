import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { TelnyxWebhook } from 'telnyx/lib/webhooks';
import { describe, expect, it } from 'vitest';
import { encodeForm } from '../../src/dialects/common/webhook/form-fields.js';
import { signTelnyx, telnyxPublicKey } from '../../src/dialects/telnyx/telnyx-webhook.js';
import { verifyWebhook } from '../../src/dialects/webhook-registry.js';
import { ConfigError } from '../../src/model/errors/config-error.js';
import { refusal } from './refusal.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const PUBLIC_KEY = telnyxPublicKey(publicKey);
const URL_ = 'https://example.com/telnyx/status';
// The published completed-callback sample, form-encoded as Telnyx sends it (values as text).
const SAMPLE = JSON.parse(readFileSync(new URL('../../fixtures/telnyx/published/texml-callback-completed.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const BODY = encodeForm(Object.fromEntries(Object.entries(SAMPLE).map(([k, v]) => [k, String(v)])));
const NOW = Date.UTC(2024, 0, 15, 10, 31, 0);
const nowSeconds = NOW / 1000;

const verify = (headers: Record<string, string>, body: string | Uint8Array | undefined, options: { secret?: string; now?: number; toleranceSeconds?: number } = {}) =>
  verifyWebhook(
    { url: URL_, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body },
    { provider: 'telnyx', secret: options.secret ?? PUBLIC_KEY, now: () => options.now ?? NOW, toleranceSeconds: options.toleranceSeconds },
  );

/** Telnyx's documented algorithm, with Node's own Ed25519: sign `${timestamp}|${payload}`, base64. */
function documentedSignature(timestamp: string, payload: string): Record<string, string> {
  return {
    'telnyx-timestamp': timestamp,
    'telnyx-signature-ed25519': sign(null, Buffer.from(`${timestamp}|${payload}`, 'utf8'), privateKey).toString('base64'),
  };
}

describe('Telnyx signatures: Ed25519 over timestamp|body', () => {
  it('the public key is the base64 of its 32 raw bytes, as Mission Control shows it', () => {
    expect(Buffer.from(PUBLIC_KEY, 'base64')).toHaveLength(32);
    expect(Buffer.from(PUBLIC_KEY, 'base64')).toEqual(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  });

  it('verifyWebhook accepts signatures made by the documented algorithm, and reads the form fields', () => {
    const result = verify(documentedSignature(String(nowSeconds), BODY), BODY);
    expect(result.provider).toBe('telnyx');
    expect(result.fields.CallSid).toBe(SAMPLE.CallSid);
    expect(result.fields.ShakenStirValidated).toBe('true');
    expect(refusal(() => verify(documentedSignature(String(nowSeconds), BODY), Buffer.from(BODY)))).toBe('accepted');
  });

  it("TelnyxWebhook.verify (telnyx-node) accepts what signTelnyx signs; verifyWebhook accepts the same", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = signTelnyx(privateKey, BODY, timestamp);
    await expect(new TelnyxWebhook(PUBLIC_KEY).verify(BODY, headers)).resolves.toBeUndefined();
    await expect(new TelnyxWebhook(PUBLIC_KEY).verify(BODY.replace('completed', 'failed'), headers)).rejects.toThrow(/does not match/);
    expect(refusal(() => verify(headers, BODY, { now: timestamp * 1000 }))).toBe('accepted');
  });

  it('refuses timestamps beyond the tolerance either way (300 s by default, configurable)', () => {
    for (const [offset, expected] of [[300, 'accepted'], [-300, 'accepted'], [301, 'stale-timestamp'], [-301, 'stale-timestamp']] as const) {
      const timestamp = String(nowSeconds + offset);
      expect(refusal(() => verify(documentedSignature(timestamp, BODY), BODY))).toBe(expected);
    }
    const old = String(nowSeconds - 600);
    expect(refusal(() => verify(documentedSignature(old, BODY), BODY, { toleranceSeconds: 900 }))).toBe('accepted');
    expect(refusal(() => verify(documentedSignature(old, BODY), BODY, { toleranceSeconds: 60 }))).toBe('stale-timestamp');
  });

  it('refuses a changed body, a changed timestamp, another key, missing headers, malformed values', () => {
    const headers = documentedSignature(String(nowSeconds), BODY);
    expect(refusal(() => verify(headers, BODY.replace('completed', 'failed')))).toBe('bad-signature');
    expect(refusal(() => verify({ ...headers, 'telnyx-timestamp': String(nowSeconds + 1) }, BODY))).toBe('bad-signature');
    const other = telnyxPublicKey(generateKeyPairSync('ed25519').publicKey);
    expect(refusal(() => verify(headers, BODY, { secret: other }))).toBe('bad-signature');
    expect(refusal(() => verify({ 'telnyx-timestamp': headers['telnyx-timestamp']! }, BODY))).toBe('missing-header');
    expect(refusal(() => verify({ 'telnyx-signature-ed25519': headers['telnyx-signature-ed25519']! }, BODY))).toBe('missing-header');
    expect(refusal(() => verify({ ...headers, 'telnyx-timestamp': '2024-01-15T10:31:00Z' }, BODY))).toBe('malformed');
    expect(refusal(() => verify({ ...headers, 'telnyx-signature-ed25519': 'not base64!' }, BODY))).toBe('malformed');
    expect(refusal(() => verify({ ...headers, 'telnyx-signature-ed25519': Buffer.alloc(32).toString('base64') }, BODY))).toBe('malformed');
    expect(refusal(() => verifyWebhook({ url: URL_, headers, params: { CallSid: 'v3:x' } }, { provider: 'telnyx', secret: PUBLIC_KEY, now: () => NOW }))).toBe('malformed');
  });

  it('a public key that is not 32 bytes of base64 is a ConfigError, not a refusal', () => {
    const headers = documentedSignature(String(nowSeconds), BODY);
    expect(() => verify(headers, BODY, { secret: 'c2hvcnQ=' })).toThrow(ConfigError);
    expect(() => verify(headers, BODY, { secret: '' })).toThrow(ConfigError);
  });

  it('any change to a signed body is refused (property)', () => {
    const form = fc.dictionary(fc.stringMatching(/^[A-Z][A-Za-z]{0,10}$/), fc.string({ maxLength: 30 }), { minKeys: 1, maxKeys: 8 }).map(encodeForm);
    fc.assert(
      fc.property(form, fc.nat(), fc.string({ minLength: 1, maxLength: 3 }), (body, at, inserted) => {
        const headers = documentedSignature(String(nowSeconds), body);
        expect(refusal(() => verify(headers, body))).toBe('accepted');
        const i = at % (body.length + 1);
        expect(refusal(() => verify(headers, body.slice(0, i) + inserted + body.slice(i)))).toBe('bad-signature');
        if (body.length > 0) expect(refusal(() => verify(headers, body.slice(0, i % body.length) + body.slice((i % body.length) + 1)))).toBe('bad-signature');
      }),
      { numRuns: 200 },
    );
  });
});
