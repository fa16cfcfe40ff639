import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeForm } from '../../src/dialects/common/webhook/form-fields.js';
import { parseStatusCallback, statusCallbackFields } from '../../src/dialects/webhook-registry.js';
import { readAddress } from '../../src/model/address.js';
import type { CallEvent } from '../../src/model/call-event.js';
import { PROVIDERS, type Provider } from '../../src/model/provider.js';
import { MalformedRecordError } from '../../src/model/errors/malformed-record-error.js';
import { formatIso } from '../../src/model/time.js';

/** A published Telnyx sample as the form body Telnyx posts (every value as text). */
function telnyxSample(name: string): string {
  const sample = JSON.parse(readFileSync(new URL(`../../fixtures/telnyx/published/texml-callback-${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
  return encodeForm(Object.fromEntries(Object.entries(sample).map(([key, value]) => [key, String(value)])));
}

// Hand-written from the fields Twilio's Call resource docs and SignalWire's VoiceStatusCallbackPayload list.
const TWILIO = {
  AccountSid: 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', ApiVersion: '2010-04-01', CallSid: 'CA0123456789abcdef0123456789abcdef',
  CallStatus: 'completed', CallbackSource: 'call-progress-events', CallDuration: '42', Direction: 'outbound-api',
  From: '+13105678901', To: 'client:alice', SequenceNumber: '3', Timestamp: 'Mon, 15 Jan 2024 10:31:00 +0000', SipResponseCode: '200',
};
const SIGNALWIRE = {
  AccountSid: '2b7f9a1e-5c3d-4e8f-9a0b-1c2d3e4f5a6b', ApiVersion: '2010-04-01', CallSid: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  CallStatus: 'initiated', CallbackSource: 'call-progress-events', Direction: 'outbound-dial', From: 'sip:bob@example.com', To: '+4930555700123',
  SequenceNumber: '0', Timestamp: 'Mon, 15 Jan 2024 10:30:00 +0000', AudioInMos: '4.35', SipResultCode: '200',
};

const reading = (run: () => unknown): string => {
  try {
    run();
    return 'read';
  } catch (error) {
    if (error instanceof MalformedRecordError) return error.field;
    throw error;
  }
};

describe('parseStatusCallback', () => {
  it('reads the published Telnyx TeXML callbacks, detecting the dialect', () => {
    const expected = [
      ['initiated', 'queued', 0, null],
      ['ringing', 'ringing', 1, 10],
      ['answered', 'in-progress', 2, 15],
      ['completed', 'completed', 3, 45],
    ] as const;
    for (const [name, status, sequenceNumber, duration] of expected) {
      const event = parseStatusCallback(telnyxSample(name));
      expect(event).toMatchObject({ provider: 'telnyx', sid: 'v3:9X2vxPDFY2RHSJ1EdMS0RHRksMTg7ldNxdjWbVr9zBjbGjGsSe-aiQ', status, sequenceNumber, duration });
      expect(event.timestamp).toBe('2024-01-15T10:30:00Z');
      expect(event.accountSid).toBe('f5586561-8ff0-4291-a51b-c7dfe4139ff9');
      expect(event.from).toEqual(readAddress('+35319605860'));
      expect(event.to?.country).toBe('US');
      expect(event.direction).toBeNull();
      expect(event.extra.CallSidLegacy).toBe(event.sid);
      expect(event.extra.ConnectionId).toBe('1234567890');
    }
    expect(parseStatusCallback(telnyxSample('initiated')).statusDetail).toBe('initiated');
    expect(parseStatusCallback(telnyxSample('completed')).extra).toMatchObject({ HangupSource: 'caller', HangupCause: 'normal_clearing', SipHangupCause: '200' });
  });

  it('reads the older Telnyx sample: a v2 sid, a string sequence number, a space-separated timestamp', () => {
    const event = parseStatusCallback(telnyxSample('hangup-verb-legacy'));
    expect(event).toMatchObject({ provider: 'telnyx', status: 'completed', sequenceNumber: 0, duration: 2, timestamp: '2021-04-28T21:51:18Z' });
    expect(event.extra.HangupSource).toBe('callee');
  });

  it('reads Twilio and SignalWire callbacks, from fields or the raw body', () => {
    const twilio = parseStatusCallback(TWILIO);
    expect(twilio).toMatchObject({ provider: 'twilio', status: 'completed', statusDetail: 'completed', duration: 42, sequenceNumber: 3, timestamp: '2024-01-15T10:31:00Z' });
    expect(twilio).toMatchObject({ direction: 'outbound', directionDetail: 'outbound-api', callbackSource: 'call-progress-events' });
    expect(twilio.to).toMatchObject({ kind: 'client', value: 'client:alice' });
    expect(twilio.extra).toEqual({ ApiVersion: '2010-04-01', SipResponseCode: '200' });
    const signalwire = parseStatusCallback(Buffer.from(encodeForm(SIGNALWIRE)));
    expect(signalwire).toMatchObject({ provider: 'signalwire', status: 'queued', statusDetail: 'initiated', sequenceNumber: 0, duration: null, direction: 'outbound' });
    expect(signalwire.from?.kind).toBe('sip');
    expect(signalwire.extra).toMatchObject({ AudioInMos: '4.35', SipResultCode: '200' });
  });

  it('detects by fields when the sid proves nothing, and reads a given dialect', () => {
    const odd = { ...SIGNALWIRE, CallSid: 'not-a-known-shape' };
    expect(parseStatusCallback(odd).provider).toBe('signalwire');
    expect(reading(() => parseStatusCallback({ CallSid: 'x', CallStatus: 'ringing' }))).toBe('(provider)');
    expect(parseStatusCallback({ CallSid: 'x', CallStatus: 'ringing' }, { provider: 'twilio' }).provider).toBe('twilio');
  });

  it('refuses bad input with an error naming the field', () => {
    const { CallSid: _sid, ...noSid } = TWILIO;
    expect(reading(() => parseStatusCallback(noSid, { provider: 'twilio' }))).toBe('CallSid');
    expect(reading(() => parseStatusCallback({ ...TWILIO, CallStatus: '' }))).toBe('CallStatus');
    expect(reading(() => parseStatusCallback({ ...TWILIO, CallStatus: 'answered' }))).toBe('CallStatus');
    expect(reading(() => parseStatusCallback({ ...TWILIO, SequenceNumber: 'three' }))).toBe('SequenceNumber');
    expect(reading(() => parseStatusCallback({ ...TWILIO, CallDuration: '-4' }))).toBe('CallDuration');
    expect(reading(() => parseStatusCallback({ ...TWILIO, Timestamp: 'Mon, 31 Sep 2024 10:00:00 +0000' }))).toBe('Timestamp');
    expect(reading(() => parseStatusCallback({ ...TWILIO, To: ['+1', '+2'] }))).toBe('To');
    // Telnyx documents no `queued` callback.
    expect(reading(() => parseStatusCallback({ CallSid: 'v3:x', CallStatus: 'queued' }))).toBe('CallStatus');
  });

  it('keeps a __proto__ field as a field', () => {
    const event = parseStatusCallback(`${encodeForm(TWILIO)}&__proto__=x`);
    expect(Object.hasOwn(event.extra, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(event.extra)).toBe(Object.prototype);
  });
});

describe('statusCallbackFields', () => {
  const sidOf: Record<Provider, fc.Arbitrary<string>> = {
    twilio: fc.stringMatching(/^CA[0-9a-f]{32}$/),
    signalwire: fc.uuid(),
    telnyx: fc.stringMatching(/^v3:[A-Za-z0-9_-]{20,54}$/),
  };
  const own: Record<Provider, (sid: string) => Record<string, string>> = {
    twilio: () => ({ ApiVersion: '2010-04-01' }),
    signalwire: () => ({ ApiVersion: '2010-04-01' }),
    telnyx: (sid) => ({ CallSidLegacy: sid }),
  };
  const phone = fc.constantFrom('+13105678901', '+4930555700123', '+35319605860', 'sip:alice@example.com', 'client:bob');
  const status = fc.constantFrom<{ canonical: CallEvent['status']; detail: string }>(
    { canonical: 'queued', detail: 'initiated' },
    ...(['ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'canceled', 'failed'] as const).map((s) => ({ canonical: s, detail: s })),
  );
  type Way = { detail: string | null; direction: CallEvent['direction'] };
  const none = fc.constant<Way>({ detail: null, direction: null });
  const ways = fc.constantFrom<Way>({ detail: 'inbound', direction: 'inbound' }, { detail: 'outbound-api', direction: 'outbound' }, { detail: 'outbound-dial', direction: 'outbound' });
  const event = fc.constantFrom(...PROVIDERS).chain((provider) =>
    fc.record({
      provider: fc.constant(provider),
      sid: sidOf[provider],
      accountSid: fc.option(fc.uuid(), { nil: null }),
      parentCallSid: fc.constant(null),
      status,
      sequenceNumber: fc.option(fc.nat(40), { nil: null }),
      timestamp: fc.option(fc.integer({ min: 0, max: 4_102_444_800 }).map((s) => formatIso(s * 1000)), { nil: null }),
      duration: fc.option(fc.nat(86_400), { nil: null }),
      from: fc.option(phone.map(readAddress), { nil: null }),
      to: fc.option(phone.map(readAddress), { nil: null }),
      direction: provider === 'telnyx' ? none : ways,
      extra: fc.dictionary(fc.stringMatching(/^X[A-Za-z]{1,8}$/), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
    }).map(({ status: { canonical, detail }, direction: way, extra, ...rest }): CallEvent => ({
      ...rest,
      status: canonical,
      statusDetail: detail,
      direction: way.direction,
      directionDetail: way.detail,
      callbackSource: 'call-progress-events',
      extra: { ...own[provider](rest.sid), ...extra },
    })),
  );

  it('writes each dialect\'s callback so that it reads back to the same event (property)', () => {
    fc.assert(
      fc.property(event, (original) => {
        const body = encodeForm(statusCallbackFields(original));
        expect(parseStatusCallback(body)).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });

  it('writes Telnyx timestamps in ISO and Twilio-family ones in RFC 2822, `initiated` for a queued call', () => {
    const base = parseStatusCallback(telnyxSample('initiated'));
    expect(statusCallbackFields(base)).toMatchObject({ CallStatus: 'initiated', Timestamp: '2024-01-15T10:30:00Z', CallSidLegacy: base.sid });
    const asTwilio = statusCallbackFields({ ...base, provider: 'twilio', statusDetail: 'queued', extra: {} });
    expect(asTwilio).toMatchObject({ CallStatus: 'queued', Timestamp: 'Mon, 15 Jan 2024 10:30:00 +0000', ApiVersion: '2010-04-01' });
    expect(statusCallbackFields({ ...base, statusDetail: 'queued' }).CallStatus).toBe('initiated');
  });
});
