// The package's "exports" carry no "types" condition, so its own typings are named by path.
// @ts-expect-error TS7016: no declaration file reachable through "exports".
import { RestClient as untypedRestClient } from '@signalwire/compatibility-api';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeForm } from '../../src/dialects/common/webhook/form-fields.js';
import { signSignalWire } from '../../src/dialects/signalwire/signalwire-webhook.js';
import { signTwilio } from '../../src/dialects/twilio/twilio-webhook.js';
import { verifyWebhook } from '../../src/dialects/webhook-registry.js';
import { refusal } from './refusal.js';

const RestClient = untypedRestClient as typeof import('../../node_modules/@signalwire/compatibility-api/compatibility-api.js').RestClient;

const SIGNING_KEY = 'PSK_7f3c2a1b9e8d4c6f0a1b2c3d';
const URL_ = 'https://example.com:8443/signalwire/status';
const FIELDS = {
  AccountSid: '2b7f9a1e-5c3d-4e8f-9a0b-1c2d3e4f5a6b',
  CallSid: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  CallStatus: 'ringing',
  CallbackSource: 'call-progress-events',
  SequenceNumber: '1',
  Timestamp: 'Mon, 15 Jan 2024 10:30:05 +0000',
  From: '+13105678901',
  To: '+4930555700123',
  AudioInMos: '4.35',
};

const verify = (headers: Record<string, string>, body: string, url = URL_, secret = SIGNING_KEY) =>
  verifyWebhook({ url, headers, body }, { provider: 'signalwire', secret });

describe('SignalWire signatures, with the compatibility SDK as the oracle', () => {
  it('RestClient.validateRequest accepts what signSignalWire signs, with and without the port', () => {
    const signature = signSignalWire(SIGNING_KEY, URL_, FIELDS)['X-SignalWire-Signature'];
    expect(RestClient.validateRequest(SIGNING_KEY, signature, URL_, FIELDS)).toBe(true);
    const noPort = 'https://example.com/signalwire/status';
    expect(RestClient.validateRequest(SIGNING_KEY, signSignalWire(SIGNING_KEY, noPort, FIELDS)['X-SignalWire-Signature'], noPort, FIELDS)).toBe(true);
    expect(RestClient.validateRequest('another-key', signature, URL_, FIELDS)).toBe(false);
  });

  it('repeated fields are signed in the order sent, as the SDK does', () => {
    const fields = { ...FIELDS, Event: ['ringing', 'initiated'] };
    const signature = signSignalWire(SIGNING_KEY, URL_, fields)['X-SignalWire-Signature'];
    expect(RestClient.validateRequest(SIGNING_KEY, signature, URL_, fields)).toBe(true);
    expect(refusal(() => verify({ 'X-SignalWire-Signature': signature }, encodeForm(fields)))).toBe('accepted');
  });

  it('verifyWebhook reads X-SignalWire-Signature, else X-Twilio-Signature, keyed by the Signing Key', () => {
    const body = encodeForm(FIELDS);
    const signature = signSignalWire(SIGNING_KEY, URL_, FIELDS)['X-SignalWire-Signature'];
    expect(verify({ 'x-signalwire-signature': signature }, body).fields).toEqual(FIELDS);
    expect(refusal(() => verify({ 'X-Twilio-Signature': signature }, body))).toBe('accepted');
    // The same algorithm as Twilio's: what signTwilio makes with the same key is the same signature.
    expect(signTwilio(SIGNING_KEY, URL_, FIELDS)['X-Twilio-Signature']).toBe(signature);
  });

  it('verifyWebhook accepts JSON bodies the SDK validates with validateRequestWithBody', () => {
    const body = '{"CallSid":"c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f"}';
    const url = `https://example.com/json?bodySHA256=${createHash('sha256').update(body).digest('hex')}`;
    const signature = signSignalWire(SIGNING_KEY, url, {})['X-SignalWire-Signature'];
    expect(RestClient.validateRequestWithBody(SIGNING_KEY, signature, url, body)).toBe(true);
    expect(refusal(() => verify({ 'X-SignalWire-Signature': signature, 'content-type': 'application/json' }, body, url))).toBe('accepted');
  });

  it('refuses a changed field, a changed URL, the API token instead of the Signing Key, a missing header', () => {
    const body = encodeForm(FIELDS);
    const headers = { 'X-SignalWire-Signature': signSignalWire(SIGNING_KEY, URL_, FIELDS)['X-SignalWire-Signature'] };
    expect(refusal(() => verify(headers, body.replace('ringing', 'completed')))).toBe('bad-signature');
    expect(refusal(() => verify(headers, body, URL_.replace('status', 'statuses')))).toBe('bad-signature');
    expect(refusal(() => verify(headers, body, URL_, 'PT0123456789abcdef'))).toBe('bad-signature');
    expect(refusal(() => verify({}, body))).toBe('missing-header');
  });
});
