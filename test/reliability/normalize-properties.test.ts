import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDialect, normalizeCall, toDialect } from '../../src/dialects/registry.js';
import { type Call, rawRecord } from '../../src/model/call.js';
import { CallbridgeError } from '../../src/model/errors/callbridge-error.js';
import { MalformedRecordError } from '../../src/model/errors/malformed-record-error.js';
import { PROVIDERS, type Provider } from '../../src/model/provider.js';
import { twilioSidToUuid, uuidToTwilioSid } from '../../src/model/sid.js';
import { sharedFields } from '../support/documented.js';
import {
  DOCUMENTED_FIELDS,
  RECORD_OF,
  type RawRecord,
  SIGNALWIRE_FIELDS,
  TELNYX_FIELDS,
  TWILIO_FIELDS,
  anyRecord,
  corruptedRecord,
  extraKey,
  hostileValue,
  isoZ,
  rfc2822,
  twilioId,
  uuid,
} from './raw-records.js';

// The cross-dialect property below is written for the pair whose ids map one-to-one (CA + a UUID's 32 characters);
// Telnyx's crossings, which keep sids verbatim, are checked in test/contract/cross-dialect.test.ts.
const MAPPED_PAIR: Provider[] = ['twilio', 'signalwire'];
const other = (p: Provider): Provider => (p === 'twilio' ? 'signalwire' : 'twilio');
const FIELDS: Record<Provider, readonly string[]> = { twilio: TWILIO_FIELDS, signalwire: SIGNALWIRE_FIELDS, telnyx: TELNYX_FIELDS };
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Runs `read` and returns its Call, or the MalformedRecordError it threw; any other exception fails the property. */
function callOrTypedError(read: () => Call): Call | MalformedRecordError {
  try {
    return read();
  } catch (error) {
    if (error instanceof MalformedRecordError && error instanceof CallbridgeError) return error;
    throw new Error(`expected a Call or a MalformedRecordError, got ${String(error)}`, { cause: error });
  }
}


/** How a sid of `from` is spelled in `to`'s dialect: UUID <-> prefix + its 32 characters. */
function sidIn(to: Provider, value: string | null, prefix: string): string | null {
  if (value === null) return null;
  return to === 'twilio' ? uuidToTwilioSid(value, prefix) : twilioSidToUuid(value);
}

describe('valid records of each dialect', () => {
  it('are detected as their own dialect', () => {
    fc.assert(
      fc.property(anyRecord, ({ provider, raw }) => {
        expect(detectDialect(raw)).toBe(provider);
      }),
      { numRuns: 1000 },
    );
  });

  it.each(PROVIDERS)('%s: raw -> Call -> raw is the identity, and the raw record stays reachable', (provider) => {
    fc.assert(
      fc.property(RECORD_OF[provider], (raw) => {
        const text = JSON.stringify(raw);
        const call = normalizeCall(raw);
        expect(call.provider).toBe(provider);
        expect(rawRecord(call)).toBe(raw);
        expect(toDialect(call, provider)).toEqual(raw);
        // Reading never touches the input.
        expect(JSON.stringify(raw)).toBe(text);
        // The canonical form is what the model documents.
        for (const t of [call.startTime, call.endTime, call.dateCreated, call.dateUpdated]) if (t !== null) expect(t).toMatch(ISO_Z);
        if (call.price !== null) expect(call.price).toMatch(/^-?\d+(\.\d+)?$/);
      }),
      { numRuns: 500 },
    );
  });

  it.each(PROVIDERS)('%s: documented fields left out read as null and are written back as null', (provider) => {
    const optional = FIELDS[provider].filter((f) => f !== 'sid' && f !== 'status');
    const ALIASES: Record<string, string> = {
      to_formatted: 'formatted_to', formatted_to: 'to_formatted', from_formatted: 'formatted_from', formatted_from: 'from_formatted',
    };
    fc.assert(
      fc.property(RECORD_OF[provider], fc.subarray(optional), (full, missing) => {
        const raw = { ...full };
        for (const key of missing) delete raw[key];
        expect(detectDialect(raw)).toBe(provider);
        const expected: RawRecord = { ...full };
        for (const key of missing) {
          const alias = ALIASES[key];
          // SignalWire writes both aliases of a formatted number from whichever was sent.
          expected[key] = provider === 'signalwire' && alias !== undefined && !missing.includes(alias) ? full[alias] : null;
        }
        expect(toDialect(normalizeCall(raw), provider)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it.each(MAPPED_PAIR)('%s: Call -> other dialect -> Call keeps every field both carry, and comes back exactly', (provider) => {
    const to = other(provider);
    fc.assert(
      fc.property(RECORD_OF[provider], (raw) => {
        const call = normalizeCall(raw);
        const out = toDialect(call, to);
        expect(detectDialect(out)).toBe(to);
        expect(Object.keys(out)).toEqual(expect.arrayContaining([...FIELDS[to]]));

        // The other dialect's documented types.
        if (to === 'twilio') {
          for (const key of ['price', 'duration', 'queue_time']) expect(out[key] === null || typeof out[key] === 'string').toBe(true);
        } else {
          expect(out.price === null || typeof out.price === 'number').toBe(true);
          expect(out.duration === null || Number.isInteger(out.duration)).toBe(true);
        }
        for (const key of ['start_time', 'end_time', 'date_created', 'date_updated']) {
          const value = raw[key] as string | null;
          expect(out[key]).toBe(value);
        }

        const there = normalizeCall(out);
        expect(there.provider).toBe(to);
        expect(sharedFields(there)).toEqual(sharedFields(call));
        expect(there.sid).toBe(sidIn(to, call.sid, 'CA'));
        expect(there.accountSid).toBe(sidIn(to, call.accountSid, 'AC'));
        expect(there.parentCallSid).toBe(sidIn(to, call.parentCallSid, 'CA'));
        expect(there.phoneNumberSid).toBe(sidIn(to, call.phoneNumberSid, 'PN'));

        // The documented vocabulary gaps, and nothing else.
        expect(there.status).toBe(to === 'signalwire' && call.status === 'no-answer' ? 'failed' : call.status);
        if (to === 'signalwire') {
          expect(out.direction).toBe(call.direction);
          expect(there.answeredBy).toBe(call.answeredBy === 'fax' || call.answeredBy === 'unknown' ? null : call.answeredBy);
        } else {
          expect(there.directionDetail).toBe(call.direction === 'outbound' ? 'outbound-api' : call.direction);
          expect(there.answeredBy).toBe(call.answeredBy);
          expect(there.answeredByDetail).toBe(call.answeredBy === 'machine' ? 'machine_start' : call.answeredBy);
        }

        // And back: the sids and shared fields are exactly the original ones.
        const back = normalizeCall(toDialect(there, provider));
        expect(back.provider).toBe(provider);
        for (const field of ['sid', 'accountSid', 'parentCallSid', 'phoneNumberSid'] as const) expect(back[field]).toBe(call[field]);
        expect(sharedFields(back)).toEqual(sharedFields(call));
      }),
      { numRuns: 400 },
    );
  });
});

/** A Call as plain data, without the raw record it keeps. */
const plain = (call: Call): unknown => JSON.parse(JSON.stringify(call));

describe('documented fields drifting from the docs are read, never a reason to reject the record', () => {
  describe.each(PROVIDERS)('%s', (provider) => {
    const optional = FIELDS[provider].filter((f) => f !== 'sid' && f !== 'status');

    it.each(optional)('%s set to null or left out still yields a Call', (field) => {
      fc.assert(
        fc.property(RECORD_OF[provider], fc.boolean(), (full, remove) => {
          const raw = { ...full };
          if (remove) delete raw[field];
          else raw[field] = null;
          for (const options of [{}, { dialect: provider }]) {
            const call = normalizeCall(raw, options);
            expect(call.provider).toBe(provider);
            expect(call.sid).toBe(full.sid);
            expect(call.status).toBe(full.status);
          }
        }),
        { numRuns: 40 },
      );
    });

    it('a number sent as a string, or a string of a number sent as a number, reads as the same Call', () => {
      fc.assert(
        fc.property(RECORD_OF[provider], fc.constantFrom(...optional), (full, field) => {
          const value = full[field];
          let drifted: unknown;
          if (typeof value === 'number') drifted = String(value);
          else if (typeof value === 'string' && value.trim() !== '' && String(Number(value)) === value) drifted = Number(value);
          fc.pre(drifted !== undefined);
          const call = normalizeCall({ ...full, [field]: drifted }, { dialect: provider });
          expect(plain(call)).toEqual(plain(normalizeCall(full)));
        }),
        { numRuns: 2000 },
      );
    });
  });
});

describe('any JSON value is read into a Call or refused with a MalformedRecordError, never another exception', () => {
  /** Reads `value` every way a user can, checking what comes out. */
  function readEveryWay(value: unknown): void {
    for (const dialect of [undefined, ...PROVIDERS]) {
      const result = callOrTypedError(() => normalizeCall(value, dialect === undefined ? {} : { dialect }));
      if (result instanceof MalformedRecordError) {
        expect(typeof result.record).toBe('string');
        expect(result.field).not.toBe('');
        expect(result.message).toContain(result.field);
        continue;
      }
      // What was read can be written in both dialects, and what is written can be read back.
      JSON.stringify(result);
      for (const target of PROVIDERS) {
        const out = toDialect(result, target);
        const again = normalizeCall(out, { dialect: target });
        expect(again.sid).toBe(out.sid);
      }
    }
  }

  it('arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), readEveryWay), { numRuns: 1000 });
  });

  it('objects with random fields, documented or not', () => {
    const key = fc.oneof(fc.constantFrom(...DOCUMENTED_FIELDS), fc.string({ maxLength: 12 }));
    const withSidAndStatus = fc.tuple(
      fc.dictionary(key, hostileValue, { maxKeys: 8 }),
      fc.oneof(twilioId('CA'), uuid, fc.string()),
      fc.constantFrom('completed', 'no-answer', 'busy'),
    ).map(([fields, sid, status]) => ({ ...fields, sid, status }));
    fc.assert(fc.property(fc.oneof(fc.dictionary(key, hostileValue, { maxKeys: 8 }), withSidAndStatus), readEveryWay), { numRuns: 1000 });
  });

  it('valid records with one field corrupted: refused naming that field (and the record), or read', () => {
    fc.assert(
      fc.property(corruptedRecord, ({ provider, field, value, raw }) => {
        readEveryWay(raw);
        const result = callOrTypedError(() => normalizeCall(raw, { dialect: provider, position: 'line 7' }));
        if (result instanceof MalformedRecordError) {
          expect(result.field).toBe(field);
          expect(result.record).toBe(typeof raw.sid === 'string' && raw.sid !== '' ? raw.sid : 'line 7');
          expect(result.value).toBe(value);
        } else if (!DOCUMENTED_FIELDS.has(field)) {
          expect(result.extra[field]).toBe(value);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('unknown status values are refused naming `status`', () => {
    const known = new Set(['queued', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled']);
    fc.assert(
      fc.property(anyRecord, fc.oneof(fc.string(), fc.constantFrom('answered', 'Completed', 'in_progress', 'noanswer', ' busy')), ({ provider, raw }, status) => {
        fc.pre(!known.has(status));
        const error = callOrTypedError(() => normalizeCall({ ...raw, status }, { dialect: provider }));
        expect(error).toBeInstanceOf(MalformedRecordError);
        expect(error).toMatchObject({ field: 'status', record: raw.sid, value: status });
      }),
      { numRuns: 300 },
    );
  });
});

describe('times as providers write them', () => {
  it('RFC 2822 in any zone, and ISO drift, read as the same UTC instant and write back as RFC 2822 +0000', () => {
    // Years 1970..9998 and offsets up to ±14h, the instant kept inside 4-digit years.
    const instant = fc.integer({ min: 0, max: Date.UTC(9998, 11, 30) / 1000 }).map((s) => s * 1000);
    const offset = fc.integer({ min: -14 * 60, max: 14 * 60 });
    const zoneText = (minutes: number, colon: boolean) => {
      const abs = Math.abs(minutes);
      const hh = String(Math.floor(abs / 60)).padStart(2, '0');
      const mm = String(abs % 60).padStart(2, '0');
      return `${minutes < 0 ? '-' : '+'}${hh}${colon ? ':' : ''}${mm}`;
    };
    fc.assert(
      fc.property(RECORD_OF.twilio, instant, offset, fc.integer({ min: 0, max: 3 }), (raw, ms, minutes, style) => {
        const local = new Date(ms + minutes * 60_000);
        const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
        const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
        const p2 = (n: number) => String(n).padStart(2, '0');
        const year = String(local.getUTCFullYear()).padStart(4, '0');
        const clock = `${p2(local.getUTCHours())}:${p2(local.getUTCMinutes())}:${p2(local.getUTCSeconds())}`;
        const month = months[local.getUTCMonth()]!;
        const text = [
          `${days[local.getUTCDay()]}, ${p2(local.getUTCDate())} ${month} ${year} ${clock} ${zoneText(minutes, false)}`,
          `${local.getUTCDate()} ${month === 'Sep' ? 'Sept' : month} ${year} ${clock} ${zoneText(minutes, true)}`,
          `${year}-${p2(local.getUTCMonth() + 1)}-${p2(local.getUTCDate())}T${clock}${zoneText(minutes, true)}`,
          minutes === 0 ? rfc2822(ms) : `${year}-${p2(local.getUTCMonth() + 1)}-${p2(local.getUTCDate())} ${clock}${zoneText(minutes, false)}`,
        ][style]!;
        const call = normalizeCall({ ...raw, start_time: text });
        expect(call.startTime).toBe(isoZ(ms));
        expect(toDialect(call, 'twilio').start_time).toBe(rfc2822(ms));
        expect(toDialect(call, 'signalwire').start_time).toBe(rfc2822(ms));
      }),
      { numRuns: 1000 },
    );
  });

  it('impossible dates are refused naming the field, never rolled over', () => {
    const impossible = fc.oneof(
      fc.tuple(fc.constantFrom('Apr', 'Jun', 'Sep', 'Sept', 'Nov'), fc.integer({ min: 2000, max: 2099 })).map(([m, y]) => `31 ${m} ${y} 10:00:00 +0000`),
      fc.integer({ min: 2000, max: 2099 }).filter((y) => y % 4 !== 0).map((y) => `29 Feb ${y} 10:00:00 +0000`),
      fc.integer({ min: 2000, max: 2099 }).map((y) => `30 Feb ${y} 10:00:00 +0000`),
      fc.tuple(fc.integer({ min: 24, max: 99 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `05 Mar 2024 ${h}:${String(m).padStart(2, '0')}:00 +0000`),
      fc.integer({ min: 60, max: 99 }).map((n) => `Tue, 05 Mar 2024 10:${n}:00 +0000`),
      fc.integer({ min: 60, max: 99 }).map((n) => `Tue, 05 Mar 2024 10:00:${n} +0000`),
      fc.integer({ min: 32, max: 99 }).map((d) => `Tue, ${d} Mar 2024 10:00:00 +0000`),
      fc.constant('Tue, 00 Mar 2024 10:00:00 +0000'),
    );
    fc.assert(
      fc.property(anyRecord, impossible, fc.constantFrom('start_time', 'end_time', 'date_created', 'date_updated'), ({ provider, raw }, text, field) => {
        const error = callOrTypedError(() => normalizeCall({ ...raw, [field]: text }, { dialect: provider }));
        expect(error).toBeInstanceOf(MalformedRecordError);
        expect(error).toMatchObject({ field, record: raw.sid });
      }),
      { numRuns: 500 },
    );
  });
});

/** Bugs these properties found in the normalization hot path, kept as regression tests. */
describe('fixed bugs of the normalization hot path', () => {
  const sid = `CA${'a'.repeat(32)}`;

  // read-call.ts: `JSON.stringify(status)` in the error message overflows the stack.
  it('refuses a deeply nested status with a MalformedRecordError, not a RangeError', () => {
    const status = JSON.parse(`${'['.repeat(100_000)}1${']'.repeat(100_000)}`) as unknown;
    expect(callOrTypedError(() => normalizeCall({ sid, status }))).toBeInstanceOf(MalformedRecordError);
  });

  // lenient.ts readUriMap accepts any object; write-call.ts rebaseUris then called
  // `uri.startsWith` on a non-string when writing the Call in the other dialect.
  it('keeps subresource_uris whose entries are not text as sent, and writes those entries as null in every dialect', () => {
    const account = `AC${'1'.repeat(32)}`;
    const base = `/2010-04-01/Accounts/${account}/Calls/${sid}`;
    const subresourceUris = { recordings: 7, notifications: `${base}/Notifications.json`, events: { nested: true }, feedback: null };
    const call = normalizeCall({ sid, account_sid: account, status: 'completed', uri: `${base}.json`, subresource_uris: subresourceUris });
    expect(call.subresourceUris).toEqual(subresourceUris);
    expect(toDialect(call, 'twilio').subresource_uris).toEqual({ recordings: null, notifications: `${base}/Notifications.json`, events: null, feedback: null });
    const swBase = `/api/laml/2010-04-01/Accounts/${twilioSidToUuid(account)}/Calls/${twilioSidToUuid(sid)}`;
    expect(toDialect(call, 'signalwire').subresource_uris).toEqual({ recordings: null, notifications: `${swBase}/Notifications.json`, events: null, feedback: null });
    // Still refused: a map that is not an object.
    for (const notMap of [7, 'x', ['a']]) {
      expect(callOrTypedError(() => normalizeCall({ sid, status: 'completed', subresource_uris: notMap }))).toBeInstanceOf(MalformedRecordError);
    }
  });

  // lenient.ts readUriMap refused SignalWire's own published sample: `"subresource_uris": {"notifications": null, …}`.
  it('reads a map of subresource URIs with null entries, keeps the nulls, and writes them in both dialects', () => {
    const project = '5f2c8e1a-3b4d-4e6f-9a1b-2c3d4e5f6a7b';
    const callSid = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01';
    const base = `/api/laml/2010-04-01/Accounts/${project}/Calls/${callSid}`;
    const raw = { sid: callSid, account_sid: project, status: 'completed', uri: `${base}.json`, subresource_uris: { notifications: null, recordings: `${base}/Recordings.json` } };
    const call = normalizeCall(raw);
    expect(call.subresourceUris).toEqual({ notifications: null, recordings: `${base}/Recordings.json` });
    expect(toDialect(call, 'signalwire').subresource_uris).toEqual(raw.subresource_uris);
    const twilioBase = `/2010-04-01/Accounts/AC${project.replaceAll('-', '')}/Calls/CA${callSid.replaceAll('-', '')}`;
    expect(toDialect(call, 'twilio').subresource_uris).toEqual({ notifications: null, recordings: `${twilioBase}/Recordings.json` });
  });

  // lenient.ts read "" as null but refused a blank "  " duration, price, time or URI map.
  it('reads a blank value as null, as an empty one', () => {
    for (const blank of ['', '  ']) {
      for (const field of ['duration', 'queue_time', 'price', 'start_time', 'subresource_uris']) {
        expect(callOrTypedError(() => normalizeCall({ sid, status: 'completed', [field]: blank }))).not.toBeInstanceOf(MalformedRecordError);
      }
      const sw = { sid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01', status: 'completed' };
      for (const field of ['audio_in_mos', 'sip_result_code', 'audio_out_lost', 'duration', 'price']) {
        expect(callOrTypedError(() => normalizeCall({ ...sw, [field]: blank }))).not.toBeInstanceOf(MalformedRecordError);
      }
    }
  });

  // time.ts: Date.UTC maps years 0..99 onto 1900..1999 (instantOf and parseIsoInstant).
  it('reads years before 100 as themselves', () => {
    expect(normalizeCall({ sid, status: 'completed', start_time: 'Wed, 19 Sep 0050 20:00:00 +0100' }).startTime).toBe('0050-09-19T19:00:00Z');
    const call = normalizeCall({ sid, status: 'completed', start_time: 'Mon, 01 Jan 0001 00:00:00 +0000' });
    expect(toDialect(call, 'twilio').start_time).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });

  // time.ts formatRfc2822 writes `${getUTCFullYear()}` unpadded: year 500 comes out as
  // `Thu, 19 Sep 500 …`, which RFC 2822 (4-digit years) and callbridge's own reader refuse.
  it('writes years 100-999 with four digits, so they read back', () => {
    const call = normalizeCall({ sid, status: 'completed', start_time: 'Sun, 19 Sep 0500 20:00:00 +0000' });
    expect(call.startTime).toBe('0500-09-19T20:00:00Z');
    expect(normalizeCall(toDialect(call, 'signalwire')).startTime).toBe('0500-09-19T20:00:00Z');
  });

  // time.ts parseRfc2822 / parseIsoInstant take any two digits as zone minutes (and any hours),
  // so `+0099` rolls 99 minutes over into hours and `+99:99` moves the instant four days.
  it('refuses a zone offset whose minutes are 60 or more, instead of rolling them over', () => {
    for (const start_time of ['Tue, 05 Mar 2024 14:00:02 +0099', '2024-03-05T14:00:02+99:99']) {
      expect(callOrTypedError(() => normalizeCall({ sid, status: 'completed', start_time }))).toBeInstanceOf(MalformedRecordError);
    }
  });

  // time.ts formatIso slices `+010000-01-01T00:30:00.000Z` into `+010000-01-01T00:30Z`,
  // which writes back as `undefined, NaN undefined NaN NaN:NaN:NaN +0000`.
  it('refuses (naming the field) a time whose UTC instant falls after year 9999', () => {
    const result = callOrTypedError(() => normalizeCall({ sid, status: 'completed', start_time: 'Fri, 31 Dec 9999 23:30:00 -0100' }));
    expect(result).toBeInstanceOf(MalformedRecordError);
  });
});

// Keep the arbitraries honest: they produce what they claim.
describe('the record arbitraries', () => {
  it('produce only keys a dialect documents, plus undocumented extras', () => {
    fc.assert(
      fc.property(anyRecord, ({ provider, raw }) => {
        for (const key of FIELDS[provider]) expect(raw).toHaveProperty(key);
        for (const key of Object.keys(raw)) expect(FIELDS[provider].includes(key) || !DOCUMENTED_FIELDS.has(key)).toBe(true);
      }),
      { numRuns: 200 },
    );
    fc.assert(fc.property(extraKey, (key) => !DOCUMENTED_FIELDS.has(key)), { numRuns: 200 });
  });
});
