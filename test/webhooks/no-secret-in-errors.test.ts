import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { encodeForm } from '../../src/dialects/common/webhook/form-fields.js';
import { signTwilio } from '../../src/dialects/twilio/twilio-webhook.js';
import { verifyWebhook } from '../../src/dialects/webhook-registry.js';
import type { Provider } from '../../src/model/provider.js';
import { CallbridgeError } from '../../src/model/errors/callbridge-error.js';

const PLANTED = 'pl4nted-S1GNING-key-7c1e';

describe('webhook errors never show the secret', () => {
  it('in any refusal of any provider', () => {
    const body = encodeForm({ CallSid: 'CA1', CallStatus: 'ringing' });
    const cases: Array<[Provider, Record<string, string>, string]> = [
      ['twilio', {}, PLANTED],
      ['twilio', signTwilio('other', 'https://example.com/x', {}), PLANTED],
      ['signalwire', { 'X-SignalWire-Signature': 'bad' }, PLANTED],
      ['telnyx', { 'telnyx-signature-ed25519': 'x', 'telnyx-timestamp': '1' }, PLANTED],
      ['telnyx', {}, Buffer.from(PLANTED).toString('base64')],
    ];
    for (const [provider, headers, secret] of cases) {
      let error: unknown;
      try {
        verifyWebhook({ url: 'https://example.com/x', headers, body }, { provider, secret });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CallbridgeError);
      const shown = [String(error), inspect(error, { showHidden: true, depth: 10 }), JSON.stringify(error)].join('\n');
      expect(shown).not.toContain(secret);
      expect(shown).not.toContain(PLANTED);
    }
  });
});
