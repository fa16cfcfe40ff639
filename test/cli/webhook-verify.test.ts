import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeForm } from '../../src/dialects/common/webhook/form-fields.js';
import { signSignalWire, signTelnyx, signTwilio, telnyxPublicKey } from '../../src/webhooks/index.js';
import { runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'callbridge-webhook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'cli-test-auth-token-000000000000';
const URL_ = 'https://example.com/status';
const FIELDS = { CallSid: 'CA0123456789abcdef0123456789abcdef', CallStatus: 'completed', CallDuration: '42', From: '+13105678901', To: '+4930555700123' };
const BODY = encodeForm(FIELDS);

function file(name: string, content: string | object): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('callbridge webhook verify', () => {
  it('says a captured Twilio request is authentic (exit 0) and prints its canonical event', async () => {
    const request = file('twilio.json', { url: URL_, headers: { ...signTwilio(TOKEN, URL_, FIELDS), 'Content-Type': 'application/x-www-form-urlencoded' }, body: BODY });
    const result = await runCli(['webhook', 'verify', request, '--event'], { TWILIO_AUTH_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^authentic: signed by twilio/);
    const event = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
    expect(event).toMatchObject({ provider: 'twilio', sid: FIELDS.CallSid, status: 'completed', duration: 42, to: { country: 'DE' } });
  });

  it('says why a tampered or unsigned request is not authentic (exit 1)', async () => {
    const tampered = file('tampered.json', { url: URL_, headers: signTwilio(TOKEN, URL_, FIELDS), body: BODY.replace('42', '4200') });
    const result = await runCli(['webhook', 'verify', tampered], { TWILIO_AUTH_TOKEN: TOKEN });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^not authentic \(bad-signature\)/);
    const unsigned = file('unsigned.json', { url: URL_, headers: {}, body: BODY });
    const missing = await runCli(['webhook', 'verify', unsigned, '--provider', 'twilio'], { TWILIO_AUTH_TOKEN: TOKEN });
    expect([missing.code, missing.stdout]).toEqual([1, expect.stringMatching(/^not authentic \(missing-header\)/)]);
  });

  it('checks a request a Twilio Webhook Rule signed with the SharedKey secret in TWILIO_SHARED_KEY_SECRET', async () => {
    const shared = 'cli-shared-key-secret-00000000000';
    const headers = { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(shared, URL_, FIELDS, twilio.HMAC_SHA256), [twilio.SIGNATURE_SETTINGS_HEADER]: 'key=KS1,algorithm=HMAC_SHA256' };
    const request = file('rule.json', { url: URL_, headers, body: BODY });
    const result = await runCli(['webhook', 'verify', request], { TWILIO_AUTH_TOKEN: TOKEN, TWILIO_SHARED_KEY_SECRET: shared });
    expect([result.code, result.stdout]).toEqual([0, expect.stringMatching(/^authentic: signed by twilio with the SharedKey secret in TWILIO_SHARED_KEY_SECRET/)]);
    const wrong = await runCli(['webhook', 'verify', request], { TWILIO_AUTH_TOKEN: TOKEN, TWILIO_SHARED_KEY_SECRET: TOKEN });
    expect([wrong.code, wrong.stdout]).toEqual([1, expect.stringMatching(/^not authentic \(bad-signature\).*SharedKey secret/)]);
    const unset = await runCli(['webhook', 'verify', request], { TWILIO_AUTH_TOKEN: TOKEN });
    expect([unset.code, unset.stderr]).toEqual([2, expect.stringMatching(/TWILIO_SHARED_KEY_SECRET/)]);
    const keyOnly = await runCli(['webhook', 'verify', request], { TWILIO_SHARED_KEY_SECRET: shared });
    expect(keyOnly.code).toBe(0);
    const neither = await runCli(['webhook', 'verify', request], {});
    expect([neither.code, neither.stderr]).toEqual([2, expect.stringMatching(/set TWILIO_AUTH_TOKEN .*TWILIO_SHARED_KEY_SECRET/)]);
  });

  it('tells SignalWire by its header and reads its Signing Key; stdin works', async () => {
    const request = JSON.stringify({ url: URL_, headers: signSignalWire('PSK_signing', URL_, FIELDS), body: BODY });
    const result = await runCli(['webhook', 'verify', '-'], { SIGNALWIRE_SIGNING_KEY: 'PSK_signing' }, request);
    expect([result.code, result.stdout]).toEqual([0, expect.stringMatching(/signed by signalwire with the Signing Key in SIGNALWIRE_SIGNING_KEY/)]);
  });

  it('verifies Telnyx from flags, as of --at, and refuses it as stale without', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const body = encodeForm({ CallSid: 'v3:abc', CallStatus: 'ringing', SequenceNumber: '1' });
    const headers = signTelnyx(privateKey, body, 1_705_314_600);
    const args = ['webhook', 'verify', '--url', URL_, '--body-file', file('telnyx.form', body), ...Object.entries(headers).flatMap(([k, v]) => ['--header', `${k}: ${v}`])];
    const env = { TELNYX_PUBLIC_KEY: telnyxPublicKey(publicKey) };
    expect((await runCli([...args, '--at', '2024-01-15T10:31:00Z'], env)).code).toBe(0);
    const stale = await runCli(args, env);
    expect([stale.code, stale.stdout]).toEqual([1, expect.stringMatching(/^not authentic \(stale-timestamp\)/)]);
  });

  it('takes the secret from the environment only (exit 2 otherwise)', async () => {
    const request = file('twilio2.json', { url: URL_, headers: signTwilio(TOKEN, URL_, FIELDS), body: BODY });
    const noSecret = await runCli(['webhook', 'verify', request], {});
    expect([noSecret.code, noSecret.stderr]).toEqual([2, expect.stringMatching(/set TWILIO_AUTH_TOKEN/)]);
    expect((await runCli(['webhook', 'verify', request, '--secret', TOKEN], {})).code).toBe(2);
    expect((await runCli(['webhook', 'verify', file('bad.json', '{"url": 1}')], { TWILIO_AUTH_TOKEN: TOKEN })).code).toBe(2);
    expect((await runCli(['webhook', 'nothing'], {})).code).toBe(2);
  });
});
