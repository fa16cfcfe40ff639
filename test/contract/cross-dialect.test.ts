import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIALECTS, detectDialect, normalizeCall, toDialect } from '../../src/dialects/registry.js';
import { PROVIDERS } from '../../src/model/provider.js';
import type { Call } from '../../src/model/call.js';
import { sharedFields } from '../support/documented.js';
import { TELNYX } from './cases/telnyx.js';
import { CASE_OF, DIALECT_CASES } from './dialect-cases.js';
import { LENIENT_DRIFT, type RawRecord, RFC_2822_UTC, loadFixtures } from './fixtures.js';

/** `CA` + 32 characters -> UUID, written out here independently of src/model/sid. */
const uuidOf = (sid: string) => {
  const h = sid.slice(2);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const twilioSidOf = (prefix: string, uuid: string) => prefix + uuid.replaceAll('-', '');

const SID_PREFIXES = [
  ['sid', 'CA'],
  ['account_sid', 'AC'],
  ['parent_call_sid', 'CA'],
  ['phone_number_sid', 'PN'],
] as const;


// Twilio and SignalWire map ids one-to-one (CA + a UUID's 32 characters); Telnyx's crossings, which
// keep sids as they are, have their own suite below.
const MAPPED_PAIR = DIALECT_CASES.filter((c) => c.provider !== 'telnyx');

describe.each(MAPPED_PAIR)('$provider -> other dialect', (c) => {
  const o = CASE_OF[c.other];
  const fx = loadFixtures(c.provider);
  const records: Array<readonly [string, RawRecord]> = [
    ...fx.records.map((r) => [r.sid as string, r] as const),
    ...LENIENT_DRIFT.map((name) => [name, fx.drift(name)] as const),
  ];

  it.each(records)('writes %s in the other dialect, which detects as such', (_name, raw) => {
    const out = toDialect(normalizeCall(raw), c.other);
    expect(detectDialect(out)).toBe(c.other);
    for (const key of o.documentedKeys) expect(out).toHaveProperty(key);
    // The source dialect's own fields are not the target's: left out, not renamed.
    for (const { raw: key } of c.providerOnly) expect(out).not.toHaveProperty(key);
  });

  it.each(records)('maps the sids of %s: UUID <-> CA + its 32 characters', (_name, raw) => {
    const out = toDialect(normalizeCall(raw), c.other);
    for (const [key, prefix] of SID_PREFIXES) {
      const value = raw[key];
      if (value === undefined || value === null) {
        expect(out[key]).toBeNull();
      } else if (c.provider === 'twilio') {
        expect(out[key]).toBe(uuidOf(value as string));
      } else {
        expect(out[key]).toBe(twilioSidOf(prefix, value as string));
      }
    }
  });

  it.each(records)('writes price, duration, status, direction and answered_by of %s in the other vocabulary', (_name, raw) => {
    const call = normalizeCall(raw);
    const out = toDialect(call, c.other);

    if (call.price === null) {
      expect(out.price).toBeNull();
    } else {
      expect(typeof out.price).toBe(o.writes.price);
      expect(Number(out.price)).toBe(o.chargeSign * Number(call.price));
    }
    if (call.duration === null) {
      expect(out.duration).toBeNull();
    } else {
      expect(typeof out.duration).toBe(o.writes.duration);
      expect(Number(out.duration)).toBe(call.duration);
    }

    expect(out.status).toBe(c.other === 'signalwire' && call.status === 'no-answer' ? 'failed' : call.status);

    if (c.other === 'signalwire') {
      expect(out.direction).toBe(call.direction);
      expect(out.answered_by).toBe(call.answeredBy);
    } else {
      expect(out.direction).toBe(call.direction === 'outbound' ? 'outbound-api' : call.direction);
      expect(out.answered_by).toBe(call.answeredBy === 'machine' ? 'machine_start' : call.answeredBy);
    }

    for (const key of ['start_time', 'end_time', 'date_created', 'date_updated']) {
      if (out[key] !== null) expect(out[key]).toMatch(RFC_2822_UTC);
    }
  });

  it.each(records)('rebases the uris of %s onto the other provider', (_name, raw) => {
    const out = toDialect(normalizeCall(raw), c.other);
    const uri = out.uri as string;
    expect(uri.endsWith('.json')).toBe(true);
    const base = uri.slice(0, -'.json'.length);
    expect(base).toBe(DIALECTS[c.other].callPath(out.account_sid as string, out.sid as string).replace(/\.json$/, ''));
    for (const sub of Object.values((out.subresource_uris ?? {}) as Record<string, string>)) {
      expect(sub.startsWith(`${base}/`)).toBe(true);
    }
  });

  it.each(records)('keeps every field both dialects carry: %s -> other -> Call -> back', (_name, raw) => {
    const call = normalizeCall(raw);
    const there = normalizeCall(toDialect(call, c.other));
    expect(there.provider).toBe(c.other);
    expect(sharedFields(there)).toEqual(sharedFields(call));
    expect(there.status).toBe(c.other === 'signalwire' && call.status === 'no-answer' ? 'failed' : call.status);
    if (call.answeredBy === 'human' || call.answeredBy === 'machine' || call.answeredBy === null) {
      expect(there.answeredBy).toBe(call.answeredBy);
    }
    // And the sids come back exactly as they were.
    const back = normalizeCall(toDialect(there, c.provider));
    expect(back.provider).toBe(c.provider);
    for (const field of ['sid', 'accountSid', 'parentCallSid', 'phoneNumberSid'] as const) expect(back[field]).toBe(call[field]);
    expect(sharedFields(back)).toEqual(sharedFields(call));
  });
});

describe('cross-dialect specifics', () => {
  const twilio = loadFixtures('twilio');
  const signalwire = loadFixtures('signalwire');
  const bySid = (records: RawRecord[], sid: string) => records.find((r) => r.sid === sid)!;

  it('writes Twilio\'s negative price string as SignalWire\'s positive number, and back', () => {
    const raw = bySid(twilio.records, 'CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3');
    const out = toDialect(normalizeCall(raw), 'signalwire');
    expect(out.price).toBe(0.0175);
    expect(out.duration).toBe(61);
    expect(out.sid).toBe('7b1e4c9a-2d3f-40e5-b6a7-c8d9e0f1a2b3');
    const again = toDialect(normalizeCall(out), 'twilio');
    expect(again.price).toBe('-0.0175');
    expect(again.duration).toBe('61');
    expect(again.sid).toBe('CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3');
  });

  it('writes SignalWire\'s positive number as Twilio\'s negative string, and a negative one as positive', () => {
    const charged = toDialect(normalizeCall(bySid(signalwire.records, '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01')), 'twilio');
    expect(charged).toMatchObject({ price: '-0.003', duration: '42', sid: 'CA0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c01', direction: 'outbound-api' });
    const sample = toDialect(normalizeCall(bySid(signalwire.records, 'b3877c40-da60-4998-90ad-b792e98472pa')), 'twilio');
    expect(sample.price).toBe('0.005');
  });

  it('keeps an id that is not valid hex as it is, both ways', () => {
    const call = normalizeCall(bySid(signalwire.records, 'b3877c40-da60-4998-90ad-b792e98472pa'));
    const out = toDialect(call, 'twilio');
    expect(out.sid).toBe('CAb3877c40da60499890adb792e98472pa');
    expect(out.phone_number_sid).toBe('PNb3877c40da60499890adb792e98472pn');
    expect(normalizeCall(toDialect(normalizeCall(out), 'signalwire')).sid).toBe('b3877c40-da60-4998-90ad-b792e98472pa');
  });

  it('writes Twilio\'s no-answer as failed, and its direction details as outbound, on SignalWire', () => {
    const noAnswer = toDialect(normalizeCall(bySid(twilio.records, 'CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b5')), 'signalwire');
    expect(noAnswer.status).toBe('failed');
    const directions = twilio.records.map((raw) => [raw.direction, toDialect(normalizeCall(raw), 'signalwire').direction]);
    expect(new Map(directions as Array<[string, string]>)).toEqual(
      new Map([
        ['outbound-api', 'outbound'],
        ['outbound-dial', 'outbound'],
        ['inbound', 'inbound'],
        ['trunking-originating', 'inbound'],
        ['trunking-terminating', 'outbound'],
      ]),
    );
  });

  it('writes Twilio-only fields nowhere on SignalWire and SignalWire-only fields nowhere on Twilio', () => {
    const sw = toDialect(normalizeCall(twilio.call), 'signalwire');
    expect(sw).toMatchObject({ annotation: null, audio_in_mos: null, sip_result_code: null, formatted_to: '+493055570123' });
    const tw = toDialect(normalizeCall(signalwire.call), 'twilio');
    expect(tw).toMatchObject({ queue_time: null, trunk_sid: null, group_sid: null, to_formatted: '(503) 555-0198' });
    expect(tw).not.toHaveProperty('formatted_to');
  });

  it('never lets an undocumented key replace a value the target dialect documents', () => {
    // A Twilio record carrying a stray SignalWire field as text, and the other way round.
    const fromTwilio = normalizeCall({ ...twilio.call, audio_in_mos: '4.1' });
    expect(fromTwilio.extra).toEqual({ audio_in_mos: '4.1' });
    expect(toDialect(fromTwilio, 'signalwire').audio_in_mos).toBe(4.1);
    // In its own dialect it is written back verbatim.
    expect(toDialect(fromTwilio, 'twilio').audio_in_mos).toBe('4.1');

    const fromSignalWire = normalizeCall({ ...signalwire.call, queue_time: 250 });
    expect(toDialect(fromSignalWire, 'twilio').queue_time).toBe('250');
    expect(toDialect(fromSignalWire, 'signalwire').queue_time).toBe(250);
  });

  it('fields of the other provider are not read: they never reject a record and stay verbatim in extra', () => {
    const call = normalizeCall({ ...twilio.call, audio_in_mos: 'abc', sip_result_code: { odd: true } });
    expect(call.quality).toBeNull();
    expect(call.extra).toEqual({ audio_in_mos: 'abc', sip_result_code: { odd: true } });
    expect(toDialect(call, 'twilio')).toMatchObject({ audio_in_mos: 'abc', sip_result_code: { odd: true } });
  });
});

describe('writing without an account', () => {
  it('writes no URI rather than one with an empty account', () => {
    const call = { ...normalizeCall(JSON.parse(readFileSync(new URL('../../fixtures/twilio/call.json', import.meta.url), 'utf8'))), accountSid: null };
    expect(toDialect(call, 'signalwire').uri).toBeNull();
  });
});

describe('durations', () => {
  it('refuses a negative duration, naming the field', () => {
    const raw = JSON.parse(readFileSync(new URL('../../fixtures/twilio/call.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(() => normalizeCall({ ...raw, duration: '-4' })).toThrow(/duration/);
  });
});

describe('detection', () => {
  it('lets the sid shape decide over every other clue together', () => {
    const swLike = {
      account_sid: '2b7f9a1e-5c3d-4e8f-9a0b-1c2d3e4f5a6b', formatted_to: 'x', audio_in_mos: 4.2, annotation: null,
      price: 0.1, duration: 3, uri: '/api/laml/2010-04-01/Accounts/x/Calls/y', status: 'completed',
    };
    expect(detectDialect({ ...swLike, sid: `CA${'a'.repeat(32)}` })).toBe('twilio');
    const twLike = { account_sid: `AC${'1'.repeat(32)}`, queue_time: '1', price: '-0.1', uri: '/2010-04-01/x', status: 'completed' };
    expect(detectDialect({ ...twLike, sid: '2b7f9a1e-5c3d-4e8f-9a0b-1c2d3e4f5a6b' })).toBe('signalwire');
    expect(detectDialect({ ...twLike, sid: 'neither' })).toBe('twilio');
  });
});

describe('writing a Call built by hand', () => {
  it('refuses a time or price the dialect could not carry, naming the field', () => {
    const call = normalizeCall(JSON.parse(readFileSync(new URL('../../fixtures/twilio/call.json', import.meta.url), 'utf8')));
    for (const provider of PROVIDERS) {
      expect(() => toDialect({ ...call, startTime: '2024-03-05' }, provider)).toThrow(/startTime/);
      expect(() => toDialect({ ...call, price: 'about 3 cents' }, provider)).toThrow(/price/);
    }
  });
});

/** Every record of a provider's fixtures, named. */
const recordsOf = (provider: (typeof PROVIDERS)[number]) => {
  const fx = loadFixtures(provider);
  return [...fx.records, ...LENIENT_DRIFT.map((name) => fx.drift(name))].map((raw) => [`${provider} ${String(raw.sid)}`, raw] as const);
};

/** `CA` + 32 hex digits written out here, independently of src/model/sid. */
const isTwilioAccount = (id: string) => /^AC[0-9a-fA-F]{32}$/.test(id);

describe('any dialect -> Telnyx', () => {
  const records = PROVIDERS.filter((p) => p !== 'telnyx').flatMap(recordsOf);

  it.each(records)('writes %s as a Telnyx record, which detects as such, with Telnyx\'s types and vocabulary', (_name, raw) => {
    const call = normalizeCall(raw);
    const out = toDialect(call, 'telnyx');
    expect(detectDialect(out)).toBe('telnyx');
    expect(Object.keys(out)).toEqual(expect.arrayContaining([...TELNYX.documentedKeys]));
    // The other provider's sid behind `v3:`, so that no dialect claims the record by its sid.
    expect(out.sid).toBe(`v3:${String(raw.sid)}`);
    if (typeof raw.account_sid === 'string') expect(out.account_sid).toBe(isTwilioAccount(raw.account_sid) ? uuidOf(raw.account_sid) : raw.account_sid);
    for (const key of ['parent_call_sid', 'phone_number_sid', 'forwarded_from', 'subresource_uris', 'api_version']) {
      if (!(key in raw)) expect(out).not.toHaveProperty(key);
    }
    if (call.price === null) expect(out.price).toBeNull();
    else expect(out.price).toBe(call.price);
    expect(out.duration).toBe(call.duration === null ? null : String(call.duration));
    expect(out.status).toBe(call.status === 'queued' ? 'ringing' : call.status);
    expect(out.direction).toBe(call.direction);
    const answeredBy = { human: 'human', machine: 'machine', unknown: 'not_sure', fax: null } as const;
    expect(out.answered_by).toBe(call.answeredBy === null ? null : answeredBy[call.answeredBy]);
    for (const key of ['start_time', 'end_time', 'date_created', 'date_updated']) if (out[key] !== null) expect(out[key]).toMatch(RFC_2822_UTC);
    if (out.account_sid !== null) expect(out.uri).toBe(`${DIALECTS.telnyx.callPath(out.account_sid as string, out.sid as string)}.json`);

    // Read back: every field both carry; the sid stays Telnyx's (a lossy point); the emulator's key finds the call again.
    const there = normalizeCall(out);
    expect(there.provider).toBe('telnyx');
    expect(sharedFields({ ...there, apiVersion: call.apiVersion, forwardedFrom: call.forwardedFrom })).toEqual(sharedFields(call));
    expect(DIALECTS.telnyx.emulated.fetchKey(there.sid)).toBe(DIALECTS[call.provider].emulated.fetchKey(call.sid));
  });
});

describe('Telnyx -> any dialect', () => {
  const others = PROVIDERS.filter((p) => p !== 'telnyx');
  const records = recordsOf('telnyx').flatMap(([name, raw]) => others.map((to) => [to, name, raw] as const));

  it.each(records)('writes in %s: %s, which detects as such, and back exactly', (to, _name, raw) => {
    const call = normalizeCall(raw);
    const out = toDialect(call, to);
    expect(detectDialect(out)).toBe(to);
    for (const key of CASE_OF[to].documentedKeys) expect(out).toHaveProperty(key);
    // Telnyx sids are opaque: kept verbatim; the UUID account in the target's own shape.
    expect(out.sid).toBe(raw.sid);
    expect(out.account_sid).toBe(to === 'twilio' ? twilioSidOf('AC', raw.account_sid as string) : raw.account_sid);
    if (call.price !== null) expect(Number(out.price)).toBe(CASE_OF[to].chargeSign * Number(call.price));

    const back = normalizeCall(toDialect(normalizeCall(out), 'telnyx'));
    expect(back.provider).toBe('telnyx');
    expect(back.sid).toBe(call.sid);
    expect(back.accountSid).toBe(call.accountSid);
    expect(sharedFields(back)).toEqual(sharedFields(call));
    // SignalWire has no value for an unknown answering-machine result (its documented lossy point).
    expect(back.answeredBy).toBe(to === 'signalwire' && call.answeredBy === 'unknown' ? null : call.answeredBy);
  });
});
