import fc from 'fast-check';
import twilio from 'twilio';
import { describe, expect, it, vi } from 'vitest';
import { signTwilio } from '../../src/dialects/twilio/twilio-webhook.js';
import { encodeForm } from '../../src/dialects/common/webhook/form-fields.js';
import { verifyWebhook } from '../../src/dialects/webhook-registry.js';
import { ConfigError } from '../../src/model/errors/config-error.js';
import { refusal } from './refusal.js';

const TOKEN = '12345678901234567890123456789012';
const URL_ = 'https://example.com/hooks/status?tenant=7';
const FIELDS = {
  AccountSid: 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  CallSid: 'CA0123456789abcdef0123456789abcdef',
  CallStatus: 'completed',
  CallDuration: '42',
  From: '+13105678901',
  To: 'sip:alice@example.com',
  Timestamp: 'Mon, 15 Jan 2024 10:31:00 +0000',
  SequenceNumber: '3',
};

const verify = (url: string, headers: Record<string, string>, body: string | undefined, secret = TOKEN) =>
  verifyWebhook({ url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body }, { provider: 'twilio', secret });

describe('Twilio signatures, with twilio-node as the oracle', () => {
  it('twilio.validateRequest accepts what signTwilio signs', () => {
    const signature = signTwilio(TOKEN, URL_, FIELDS)['X-Twilio-Signature'];
    expect(twilio.validateRequest(TOKEN, signature, URL_, FIELDS)).toBe(true);
    expect(twilio.validateRequest('another-token-000000000000000000', signature, URL_, FIELDS)).toBe(false);
    expect(signature).toBe(twilio.getExpectedTwilioSignature(TOKEN, URL_, FIELDS));
  });

  it('repeated fields are signed sorted and deduplicated, as twilio-node does', () => {
    const fields = { ...FIELDS, StatusCallbackEvent: ['ringing', 'initiated', 'ringing'] };
    const signature = signTwilio(TOKEN, URL_, fields)['X-Twilio-Signature'];
    expect(twilio.validateRequest(TOKEN, signature, URL_, fields)).toBe(true);
    const body = 'StatusCallbackEvent=ringing&CallSid=CA1&StatusCallbackEvent=initiated&StatusCallbackEvent=ringing';
    const oracle = twilio.getExpectedTwilioSignature(TOKEN, URL_, { CallSid: 'CA1', StatusCallbackEvent: ['ringing', 'initiated', 'ringing'] });
    expect(refusal(() => verify(URL_, { 'X-Twilio-Signature': oracle }, body))).toBe('accepted');
  });

  it('verifyWebhook accepts the form signatures getExpectedTwilioSignature makes, with and without the port', () => {
    const body = encodeForm(FIELDS);
    for (const signedUrl of ['https://example.com/hooks/status?tenant=7', 'https://example.com:443/hooks/status?tenant=7']) {
      const signature = twilio.getExpectedTwilioSignature(TOKEN, signedUrl, FIELDS);
      for (const receivedUrl of ['https://example.com/hooks/status?tenant=7', 'https://example.com:443/hooks/status?tenant=7']) {
        expect(verify(receivedUrl, { 'X-Twilio-Signature': signature }, body).fields).toEqual(FIELDS);
      }
    }
    const custom = twilio.getExpectedTwilioSignature(TOKEN, 'http://127.0.0.1:3000/cb', FIELDS);
    expect(refusal(() => verify('http://127.0.0.1:3000/cb', { 'X-Twilio-Signature': custom }, body))).toBe('accepted');
    const http = twilio.getExpectedTwilioSignature(TOKEN, 'http://127.0.0.1:80/cb', FIELDS);
    expect(refusal(() => verify('http://127.0.0.1/cb', { 'x-twilio-signature': http }, body))).toBe('accepted');
  });

  it('verifyWebhook accepts framework-parsed params and GET callbacks whose fields are in the signed URL', () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, URL_, FIELDS);
    expect(verifyWebhook({ url: URL_, headers: { 'x-twilio-signature': signature }, params: FIELDS }, { provider: 'twilio', secret: TOKEN }).fields).toEqual(FIELDS);
    const getUrl = `https://example.com/cb?${encodeForm(FIELDS)}`;
    const getSignature = twilio.getExpectedTwilioSignature(TOKEN, getUrl, {});
    expect(twilio.validateRequest(TOKEN, getSignature, getUrl, {})).toBe(true);
    expect(verify(getUrl, { 'X-Twilio-Signature': getSignature }, '').fields).toEqual(FIELDS);
  });

  it('verifyWebhook accepts JSON bodies whose hash the signed URL carries, and refuses another body', () => {
    const body = JSON.stringify({ CallSid: FIELDS.CallSid, CallStatus: 'completed' });
    const url = `https://example.com/json?bodySHA256=${twilio.getExpectedBodyHash(body)}`;
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, {});
    expect(twilio.validateRequestWithBody(TOKEN, signature, url, body)).toBe(true);
    const json = (b: string | Uint8Array | undefined) => () =>
      verifyWebhook({ url, headers: { 'X-Twilio-Signature': signature, 'Content-Type': 'application/json' }, body: b }, { provider: 'twilio', secret: TOKEN });
    expect(json(body)().fields).toEqual({});
    expect(refusal(json(Buffer.from(body)))).toBe('accepted');
    expect(refusal(json(body.replace('completed', 'canceled')))).toBe('bad-signature');
    expect(refusal(json(undefined))).toBe('malformed');
  });

  it('refuses a changed field, a changed URL, a wrong token, a missing header, a relative URL', () => {
    const body = encodeForm(FIELDS);
    const signature = twilio.getExpectedTwilioSignature(TOKEN, URL_, FIELDS);
    const headers = { 'X-Twilio-Signature': signature };
    expect(refusal(() => verify(URL_, headers, body))).toBe('accepted');
    expect(refusal(() => verify(URL_, headers, body.replace('completed', 'canceled')))).toBe('bad-signature');
    expect(refusal(() => verify(URL_, headers, `${body}&Extra=1`))).toBe('bad-signature');
    expect(refusal(() => verify(URL_.replace('tenant=7', 'tenant=8'), headers, body))).toBe('bad-signature');
    expect(refusal(() => verify(URL_.replace('https:', 'http:'), headers, body))).toBe('bad-signature');
    expect(refusal(() => verify(URL_, headers, body, 'a-wrong-token-00000000000000000'))).toBe('bad-signature');
    expect(refusal(() => verify(URL_, {}, body))).toBe('missing-header');
    expect(refusal(() => verify(URL_, { 'X-SignalWire-Signature': signature }, body))).toBe('missing-header');
    expect(refusal(() => verify('/hooks/status?tenant=7', headers, body))).toBe('malformed');
  });

  it('any tampering of a signed form is refused (property)', () => {
    const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);
    const fields = fc.dictionary(key, fc.string({ maxLength: 20 }), { minKeys: 1, maxKeys: 8 });
    const tamper = fc.oneof(
      fc.record({ kind: fc.constant('value' as const), text: fc.string({ minLength: 1, maxLength: 5 }) }),
      fc.record({ kind: fc.constant('add' as const), text: fc.stringMatching(/^_[a-z]{1,5}$/) }),
      fc.record({ kind: fc.constant('drop' as const), text: fc.constant('') }),
      fc.record({ kind: fc.constant('path' as const), text: fc.stringMatching(/^[a-z]{1,4}$/) }),
    );
    fc.assert(
      fc.property(fields, tamper, fc.nat(), (original, change, pick) => {
        const signature = twilio.getExpectedTwilioSignature(TOKEN, URL_, original);
        expect(refusal(() => verify(URL_, { 'X-Twilio-Signature': signature }, encodeForm(original)))).toBe('accepted');
        const keys = Object.keys(original);
        const target = keys[pick % keys.length]!;
        const changed: Record<string, string> = { ...original };
        let url = URL_;
        if (change.kind === 'value') changed[target] += change.text;
        else if (change.kind === 'add') changed[change.text] = 'x';
        else if (change.kind === 'drop') delete changed[target];
        else url = URL_.replace('/status', `/status${change.text}`);
        expect(refusal(() => verify(url, { 'X-Twilio-Signature': signature }, encodeForm(changed)))).toBe('bad-signature');
      }),
      { numRuns: 300 },
    );
  });
});

describe('Twilio Webhook Rules (SharedKey signatures), with twilio-node as the oracle', () => {
  const SHARED = 'shared-key-secret-0123456789abcdef';
  const SETTINGS = twilio.SIGNATURE_SETTINGS_HEADER;
  const body = encodeForm(FIELDS);
  const ruleVerify = (settings: string, signature: string, sharedKeySecret: string | null = SHARED) =>
    verifyWebhook(
      { url: URL_, headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature, [SETTINGS]: settings }, body },
      { provider: 'twilio', secret: TOKEN, sharedKeySecret: sharedKeySecret ?? undefined },
    );

  it('accepts what twilio-node signs with the SharedKey, by the algorithm the settings header names', () => {
    const spellings = ['key=KS0123456789abcdef0123456789abcdef,algorithm=HMAC_SHA256', ' algorithm = hmac_sha256 , key=KS1', 'key=KS1,algorithm=HMAC_SHA1', 'key=KS1'];
    for (const settings of [...spellings, 'algorithm=,algorithm=HMAC_SHA256', 'algorithm=HMAC_SHA256,algorithm=HMAC_SHA1']) {
      const algorithm = twilio.getSignatureAlgorithm(settings);
      const signature = twilio.getExpectedTwilioSignature(SHARED, URL_, FIELDS, algorithm);
      expect(twilio.validateRequest(SHARED, signature, URL_, FIELDS, algorithm)).toBe(true);
      const verified = ruleVerify(settings, signature);
      expect([verified.signedWith, verified.fields]).toEqual(['sharedKey', FIELDS]);
      // The other hash, the auth token, or another SharedKey: refused.
      const other = algorithm.toUpperCase() === 'HMAC_SHA256' ? 'HMAC_SHA1' : 'HMAC_SHA256';
      expect(refusal(() => ruleVerify(settings, twilio.getExpectedTwilioSignature(SHARED, URL_, FIELDS, other)))).toBe('bad-signature');
      expect(refusal(() => ruleVerify(settings, twilio.getExpectedTwilioSignature(TOKEN, URL_, FIELDS, algorithm)))).toBe('bad-signature');
      expect(refusal(() => ruleVerify(settings, signature, 'another-shared-key-secret-000000'))).toBe('bad-signature');
    }
  });

  it('checks a JSON body against its bodySHA256 under HMAC-SHA256', () => {
    const json = JSON.stringify({ CallSid: FIELDS.CallSid, CallStatus: 'completed' });
    const url = `https://example.com/json?bodySHA256=${twilio.getExpectedBodyHash(json)}`;
    const signature = twilio.getExpectedTwilioSignature(SHARED, url, {}, twilio.HMAC_SHA256);
    expect(twilio.validateRequestWithBody(SHARED, signature, url, json, twilio.HMAC_SHA256)).toBe(true);
    const check = (b: string) => () =>
      verifyWebhook(
        { url, headers: { 'X-Twilio-Signature': signature, [SETTINGS]: 'key=KS1,algorithm=HMAC_SHA256', 'Content-Type': 'application/json' }, body: b },
        { provider: 'twilio', secret: TOKEN, sharedKeySecret: SHARED },
      );
    expect(refusal(check(json))).toBe('accepted');
    expect(refusal(check(json.replace('completed', 'canceled')))).toBe('bad-signature');
  });

  it('an empty settings header means the auth token; without sharedKeySecret a rule-signed request is a ConfigError naming it', () => {
    const byToken = twilio.getExpectedTwilioSignature(TOKEN, URL_, FIELDS);
    expect(ruleVerify('', byToken).signedWith).toBe('secret');
    const signature = twilio.getExpectedTwilioSignature(SHARED, URL_, FIELDS, twilio.HMAC_SHA256);
    expect(() => ruleVerify('key=KS1,algorithm=HMAC_SHA256', signature, null)).toThrow(ConfigError);
    expect(() => ruleVerify('key=KS1,algorithm=HMAC_SHA256', signature, null)).toThrow(/sharedKeySecret/);
  });

  it('needs no auth token for a rule-signed request when the SharedKey secret is given, and asks for it otherwise', () => {
    const signature = twilio.getExpectedTwilioSignature(SHARED, URL_, FIELDS, twilio.HMAC_SHA256);
    const check = (headers: Record<string, string>) =>
      verifyWebhook({ url: URL_, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body }, { provider: 'twilio', secret: '', sharedKeySecret: SHARED });
    expect(check({ 'X-Twilio-Signature': signature, [SETTINGS]: 'key=KS1,algorithm=HMAC_SHA256' }).signedWith).toBe('sharedKey');
    const byToken = twilio.getExpectedTwilioSignature(TOKEN, URL_, FIELDS);
    expect(() => check({ 'X-Twilio-Signature': byToken })).toThrow(ConfigError);
    expect(() => check({ 'X-Twilio-Signature': byToken })).toThrow(/auth token/);
    expect(() => verifyWebhook({ url: URL_, headers: {}, body }, { provider: 'twilio', secret: '' })).toThrow(ConfigError);
    // A JavaScript caller that leaves secret out gets the same answers.
    const omitted = { provider: 'twilio', sharedKeySecret: SHARED } as unknown as Parameters<typeof verifyWebhook>[1];
    const rule = { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature, [SETTINGS]: 'key=KS1,algorithm=HMAC_SHA256' };
    expect(verifyWebhook({ url: URL_, headers: rule, body }, omitted).signedWith).toBe('sharedKey');
    expect(() => verifyWebhook({ url: URL_, headers: { 'X-Twilio-Signature': byToken }, body }, omitted)).toThrow(ConfigError);
  });

  it('refuses an algorithm it does not know, as twilio-node does', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const signature = twilio.getExpectedTwilioSignature(SHARED, URL_, FIELDS, twilio.HMAC_SHA256);
    expect(twilio.validateRequest(SHARED, signature, URL_, FIELDS, 'HMAC_SHA512')).toBe(false);
    warn.mockRestore();
    expect(refusal(() => ruleVerify('key=KS1,algorithm=HMAC_SHA512', signature))).toBe('malformed');
  });
});
