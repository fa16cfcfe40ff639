import * as fc from 'fast-check';
import type { Provider } from '../../src/model/provider.js';
import { SIGNALWIRE_FIELDS, TELNYX_FIELDS, TWILIO_FIELDS } from '../support/documented.js';

/**
 * fast-check arbitraries for raw call records as each provider documents them,
 * written independently of src/ (times are formatted with Date#toUTCString,
 * sids and prices built from their documented shapes) so that a property
 * compares callbridge with the documents, not with itself.
 */

export type RawRecord = Record<string, unknown>;

export { SIGNALWIRE_FIELDS, TELNYX_FIELDS, TWILIO_FIELDS };

export const DOCUMENTED_FIELDS: ReadonlySet<string> = new Set([...TWILIO_FIELDS, ...SIGNALWIRE_FIELDS, ...TELNYX_FIELDS]);

export const TWILIO_STATUSES = ['queued', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;
export const SIGNALWIRE_STATUSES = ['queued', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'canceled'] as const;
export const TWILIO_DIRECTIONS = ['inbound', 'outbound-api', 'outbound-dial', 'trunking-terminating', 'trunking-originating'] as const;
export const SIGNALWIRE_DIRECTIONS = ['inbound', 'outbound'] as const;
export const TWILIO_ANSWERED_BY = [
  'human', 'machine_start', 'machine_end_beep', 'machine_end_silence', 'machine_end_other', 'fax', 'unknown',
] as const;
export const SIGNALWIRE_ANSWERED_BY = ['human', 'machine'] as const;
export const TELNYX_STATUSES = ['ringing', 'in-progress', 'canceled', 'completed', 'failed', 'busy', 'no-answer'] as const;
export const TELNYX_ANSWERED_BY = ['human', 'machine', 'not_sure'] as const;

const nullable = <T>(arb: fc.Arbitrary<T>, nullFreq = 1): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: nullFreq }, { arbitrary: arb, weight: 3 });

const chars = (alphabet: string, length: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length });

/** 32 hex digits, usually lower case as the providers write them. */
const hex32 = fc.oneof(
  { arbitrary: chars('0123456789abcdef', 32), weight: 9 },
  { arbitrary: chars('0123456789ABCDEF', 32), weight: 1 },
);

/** A Twilio-style id: two-letter prefix + 32 hex digits. */
export const twilioId = (prefix: string) => hex32.map((h) => prefix + h);

const dashed = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

/** A UUID as SignalWire writes ids; rarely one that is not valid hex, as in the published samples (`…98472pn`). */
export const uuid = fc.oneof(
  { arbitrary: hex32.map(dashed), weight: 19 },
  { arbitrary: fc.tuple(chars('0123456789abcdef', 30), chars('pnaxyz', 2)).map(([h, tail]) => dashed(h + tail)), weight: 1 },
);

/** A hex-only UUID (a configured project id must be one). */
export const hexUuid = chars('0123456789abcdef', 32).map(dashed);

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2099, 11, 31, 23, 59, 59);

/** An instant at whole seconds, epoch ms. */
export const instantMs = fc.integer({ min: EARLIEST / 1000, max: LATEST / 1000 }).map((s) => s * 1000);

/** RFC 2822 in UTC the way both providers write it: `Tue, 05 Mar 2024 14:00:02 +0000`. */
export const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace(/ GMT$/, ' +0000');

/** The canonical form: `2024-03-05T14:00:02Z`. */
export const isoZ = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** An unsigned decimal with 1–7 integer digits and 0–7 fraction digits (`0.01750`, `12`, `1234.5`). */
export const unsignedDecimal = fc
  .tuple(fc.oneof(fc.constant('0'), fc.integer({ min: 1, max: 9_999_999 }).map(String)), digits(0, 7))
  .map(([whole, fraction]) => (fraction === '' ? whole : `${whole}.${fraction}`));

const isZero = (decimal: string) => !/[1-9]/.test(decimal);

/**
 * Twilio's price: a string, negative for a charge (`"-0.01750"`), positive for a
 * credit, or null. Zero is written unsigned: callbridge writes zero without a
 * sign on purpose (src/model/money.ts), so `"-0.00"` would not round-trip verbatim.
 */
export const twilioPrice = nullable(
  fc.tuple(unsignedDecimal, fc.integer({ min: 0, max: 9 })).map(([d, roll]) => (isZero(d) || roll === 0 ? d : `-${d}`)),
);

/** SignalWire's price: a number, positive for a charge, rarely negative (as in a published sample), or null. */
export const signalWirePrice = nullable(
  fc.tuple(unsignedDecimal, fc.integer({ min: 0, max: 9 })).map(([d, roll]) => (roll === 0 && !isZero(d) ? -Number(d) : Number(d))),
);

const COUNTRY_CODES = ['1', '44', '49', '33', '61', '81', '55', '34', '91', '353', '972'];

/** An E.164 number of a realistic length (a real number or not: both must be kept verbatim). */
export const e164 = fc
  .tuple(fc.constantFrom(...COUNTRY_CODES), fc.integer({ min: 2, max: 9 }), digits(6, 10))
  .map(([cc, first, rest]) => `+${cc}${first}${rest}`.slice(0, 16));

const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_.'), minLength: 1, maxLength: 12 });

/** A `to` / `from` / `forwarded_from` value as providers send it: phone, SIP, client, or something else. */
export const address = fc.oneof(
  { arbitrary: e164, weight: 6 },
  { arbitrary: fc.tuple(word, word, fc.constantFrom('', ';transport=tls', ':5061')).map(([u, h, t]) => `sip:${u}@${h}.example.com${t}`), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom('sips:', 'SIP:'), word).map(([s, u]) => `${s}${u}@pbx.example.net`), weight: 1 },
  { arbitrary: word.map((w) => `client:${w}`), weight: 2 },
  { arbitrary: fc.constantFrom('Anonymous', 'anonymous', '+266696687', '266696687', 'Restricted', ''), weight: 1 },
);

/** A display form of an address: what the provider chose to show. */
const formatted = fc.oneof(
  e164,
  fc.tuple(digits(3, 3), digits(3, 3), digits(4, 4)).map(([a, b, c]) => `(${a}) ${b}-${c}`),
  address,
  fc.string({ maxLength: 20 }),
);

const callerName = fc.oneof(fc.constantFrom('ACME FRONT DESK', 'WIRELESS CALLER', 'Jane Doe'), fc.string({ maxLength: 24 }));

/** Quality figures: numbers written the way JSON carries them. */
const figure = (min: number, max: number, places: number) =>
  fc.integer({ min: min * 10 ** places, max: max * 10 ** places }).map((n) => n / 10 ** places);

const SUBRESOURCES = ['notifications', 'recordings', 'payments', 'streams', 'events', 'siprec', 'transcriptions'];

/** A map of subresource URIs; with `nulls`, some entries null, as in SignalWire's published sample. */
function uris(base: string, json: boolean, nulls = false) {
  const uri = (n: string) => `${base}/${n[0]!.toUpperCase()}${n.slice(1)}${json ? '.json' : ''}`;
  return fc
    .subarray(SUBRESOURCES, { minLength: 1 })
    .chain((names) => fc.tuple(...names.map((n) => (nulls ? nullable(fc.constant(uri(n))) : fc.constant(uri(n))))).map((values) => ({ names, values })))
    .map(({ names, values }) => Object.fromEntries(names.map((n, i) => [n, values[i]])));
}

/** A key neither dialect documents, sometimes one named like an Object internal. */
export const extraKey = fc.oneof(
  { arbitrary: fc.string({ minLength: 1, maxLength: 16 }).filter((k) => !DOCUMENTED_FIELDS.has(k)), weight: 9 },
  { arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'url', 'queue_time_ms'), weight: 1 },
);

/** Undocumented fields a live record may carry: kept verbatim in `extra`. */
export const extras = fc.oneof(
  { arbitrary: fc.constant({}), weight: 3 },
  { arbitrary: fc.dictionary(extraKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), weight: 1 },
);

const times = fc.record({
  created: instantMs,
  // Ringing, talk and processing gaps in seconds; any may be unknown (null).
  ring: fc.integer({ min: 0, max: 120 }),
  talk: fc.integer({ min: 0, max: 7200 }),
  started: fc.boolean(),
  ended: fc.boolean(),
});

/** A Twilio call record with every documented field, Twilio's documented types, and realistic variety. */
export const twilioRecord: fc.Arbitrary<RawRecord> = fc
  .record({
    account: twilioId('AC'),
    sid: twilioId('CA'),
    parent: nullable(twilioId('CA'), 3),
    phoneNumberSid: nullable(twilioId('PN')),
    trunk: nullable(twilioId('TK'), 3),
    group: nullable(twilioId('GP'), 3),
    to: nullable(address, 1),
    toFormatted: nullable(formatted, 1),
    from: nullable(address, 1),
    fromFormatted: nullable(formatted, 1),
    forwardedFrom: nullable(address, 4),
    callerName: nullable(callerName, 2),
    status: fc.constantFrom(...TWILIO_STATUSES),
    direction: nullable(fc.constantFrom(...TWILIO_DIRECTIONS), 1),
    answeredBy: nullable(fc.constantFrom(...TWILIO_ANSWERED_BY), 2),
    times,
    duration: nullable(fc.integer({ min: 0, max: 14_400 })),
    price: twilioPrice,
    priceUnit: nullable(fc.constantFrom('USD', 'EUR', 'GBP', 'JPY')),
    queueTime: nullable(fc.integer({ min: 0, max: 600_000 })),
    subresources: fc.boolean(),
    extra: extras,
  })
  .chain((r) => {
    const base = `/2010-04-01/Accounts/${r.account}/Calls/${r.sid}`;
    return (r.subresources ? uris(base, true) : fc.constant(null)).map((subresourceUris) => {
      const start = r.times.created + r.times.ring * 1000;
      const end = start + r.times.talk * 1000;
      return {
        account_sid: r.account,
        answered_by: r.answeredBy,
        api_version: '2010-04-01',
        caller_name: r.callerName,
        date_created: rfc2822(r.times.created),
        date_updated: rfc2822(end + 1000),
        direction: r.direction,
        duration: r.duration === null ? null : String(r.duration),
        end_time: r.times.ended ? rfc2822(end) : null,
        forwarded_from: r.forwardedFrom,
        from: r.from,
        from_formatted: r.fromFormatted,
        group_sid: r.group,
        parent_call_sid: r.parent,
        phone_number_sid: r.phoneNumberSid,
        price: r.price,
        price_unit: r.priceUnit,
        sid: r.sid,
        start_time: r.times.started ? rfc2822(start) : null,
        status: r.status,
        subresource_uris: subresourceUris,
        to: r.to,
        to_formatted: r.toFormatted,
        trunk_sid: r.trunk,
        uri: `${base}.json`,
        queue_time: r.queueTime === null ? null : String(r.queueTime),
        ...r.extra,
      };
    });
  });

/** A SignalWire call record with every documented field (both formatted aliases), SignalWire's types, and realistic variety. */
export const signalWireRecord: fc.Arbitrary<RawRecord> = fc
  .record({
    project: uuid,
    sid: uuid,
    parent: nullable(uuid, 3),
    phoneNumberSid: nullable(uuid),
    to: nullable(address, 1),
    toFormatted: nullable(formatted, 1),
    from: nullable(address, 1),
    fromFormatted: nullable(formatted, 1),
    forwardedFrom: nullable(address, 4),
    callerName: nullable(callerName, 2),
    annotation: nullable(fc.oneof(fc.constantFrom('campaign-42', 'retry'), fc.string({ maxLength: 16 })), 2),
    status: fc.constantFrom(...SIGNALWIRE_STATUSES),
    direction: nullable(fc.constantFrom(...SIGNALWIRE_DIRECTIONS), 1),
    answeredBy: nullable(fc.constantFrom(...SIGNALWIRE_ANSWERED_BY), 2),
    times,
    duration: nullable(fc.integer({ min: 0, max: 14_400 })),
    price: signalWirePrice,
    priceUnit: nullable(fc.constantFrom('USD', 'EUR')),
    audioInMos: nullable(figure(1, 5, 2)),
    sipResultCode: nullable(fc.oneof(fc.constantFrom(200, 404, 480, 486, 487, 503, 603), fc.integer({ min: 100, max: 699 }))),
    // Whole milliseconds, as SignalWire documents them.
    rtt: fc.tuple(nullable(fc.integer({ min: 0, max: 2000 })), nullable(fc.integer({ min: 0, max: 2000 })), nullable(fc.integer({ min: 0, max: 2000 }))),
    jitter: fc.tuple(nullable(fc.integer({ min: 0, max: 200 })), nullable(fc.integer({ min: 0, max: 200 })), nullable(fc.integer({ min: 0, max: 500 }))),
    lost: nullable(fc.integer({ min: 0, max: 100_000 })),
    subresources: fc.boolean(),
    uriJson: fc.boolean(),
    extra: extras,
  })
  .chain((r) => {
    const base = `/api/laml/2010-04-01/Accounts/${r.project}/Calls/${r.sid}`;
    return (r.subresources ? uris(base, r.uriJson, true) : fc.constant(null)).map((subresourceUris) => {
      const start = r.times.created + r.times.ring * 1000;
      const end = start + r.times.talk * 1000;
      return {
        sid: r.sid,
        account_sid: r.project,
        date_created: rfc2822(r.times.created),
        date_updated: rfc2822(end + 1000),
        parent_call_sid: r.parent,
        to: r.to,
        formatted_to: r.toFormatted,
        to_formatted: r.toFormatted,
        from: r.from,
        formatted_from: r.fromFormatted,
        from_formatted: r.fromFormatted,
        phone_number_sid: r.phoneNumberSid,
        status: r.status,
        start_time: r.times.started ? rfc2822(start) : null,
        end_time: r.times.ended ? rfc2822(end) : null,
        duration: r.duration,
        price: r.price,
        price_unit: r.priceUnit,
        direction: r.direction,
        answered_by: r.answeredBy,
        annotation: r.annotation,
        // Documented "always null".
        group_sid: null,
        api_version: '2010-04-01',
        forwarded_from: r.forwardedFrom,
        caller_name: r.callerName,
        uri: `${base}${r.uriJson ? '.json' : ''}`,
        subresource_uris: subresourceUris,
        audio_in_mos: r.audioInMos,
        // A string, as SignalWire documents it (`"200"`).
        sip_result_code: r.sipResultCode === null ? null : String(r.sipResultCode),
        audio_rtt_avg: r.rtt[0],
        audio_rtt_min: r.rtt[1],
        audio_rtt_max: r.rtt[2],
        audio_out_jitter_avg: r.jitter[0],
        audio_out_jitter_min: r.jitter[1],
        audio_out_jitter_max: r.jitter[2],
        audio_out_lost: r.lost,
        ...r.extra,
      };
    });
  });

/** A Telnyx TeXML call record with every documented field, Telnyx's types (all strings), and realistic variety. */
export const telnyxRecord: fc.Arbitrary<RawRecord> = fc
  .record({
    account: hexUuid,
    // Opaque after `v3:`: base64url-like characters, as in the published sample.
    sid: fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'), minLength: 20, maxLength: 60 }).map((t) => `v3:${t}`),
    to: nullable(address, 1),
    toFormatted: nullable(formatted, 1),
    from: nullable(address, 1),
    fromFormatted: nullable(formatted, 1),
    callerName: nullable(callerName, 2),
    status: fc.constantFrom(...TELNYX_STATUSES),
    direction: nullable(fc.constantFrom(...SIGNALWIRE_DIRECTIONS), 1),
    answeredBy: nullable(fc.constantFrom(...TELNYX_ANSWERED_BY), 2),
    times,
    duration: nullable(fc.integer({ min: 0, max: 14_400 })),
    // Positive for a charge, as in the only published value ("0.10"); null unless call cost reporting is on.
    price: nullable(unsignedDecimal, 2),
    priceUnit: nullable(fc.constantFrom('USD', 'EUR')),
    extra: extras,
  })
  .map((r) => {
    const start = r.times.created + r.times.ring * 1000;
    const end = start + r.times.talk * 1000;
    return {
      account_sid: r.account,
      answered_by: r.answeredBy,
      caller_name: r.callerName,
      date_created: rfc2822(r.times.created),
      date_updated: rfc2822(end + 1000),
      direction: r.direction,
      duration: r.duration === null ? null : String(r.duration),
      end_time: r.times.ended ? rfc2822(end) : null,
      from: r.from,
      from_formatted: r.fromFormatted,
      price: r.price,
      price_unit: r.priceUnit,
      sid: r.sid,
      start_time: r.times.started ? rfc2822(start) : null,
      status: r.status,
      to: r.to,
      to_formatted: r.toFormatted,
      uri: `/v2/texml/Accounts/${r.account}/Calls/${r.sid}.json`,
      ...r.extra,
    };
  });

export const RECORD_OF: Record<Provider, fc.Arbitrary<RawRecord>> = { twilio: twilioRecord, signalwire: signalWireRecord, telnyx: telnyxRecord };

/** A valid record of any dialect, with the dialect it is written in. */
export const anyRecord = fc.oneof(
  twilioRecord.map((raw) => ({ provider: 'twilio' as Provider, raw })),
  signalWireRecord.map((raw) => ({ provider: 'signalwire' as Provider, raw })),
  telnyxRecord.map((raw) => ({ provider: 'telnyx' as Provider, raw })),
);

/**
 * Values a drifting or hostile provider might put in any field: wrong JSON
 * types, near-miss texts (digits with junk, impossible dates, exponents,
 * whitespace), huge numbers, and arbitrary JSON.
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '', ' ', 'null', 'NaN', 'Infinity', '-', '.', '1e5', '0x10', '12abc', ' 42 ', '-0', '1.', '.5', '+3',
    'Mon, 31 Sep 2018 10:00:00 +0000', 'Sun, 29 Feb 2023 00:00:00 +0000', 'Tue, 05 Mar 2024 24:00:00 +0000',
    'Tue, 05 Mar 2024 14:00:02 +9999', 'Sept 5 2024', '2024-03-05T14:00:02Z', '2024-03-05', 'Tue, 05 Mar 2024',
    'sip:', 'client:', '+', '+1', '+999999999999999999', 'answered', 'COMPLETED', 'no_answer',
  ),
  fc.constantFrom(1e21, -1e21, 1e308, -1e-7, 2 ** 53, -(2 ** 53), 0.1 + 0.2, -0, 4.5, true, false, [], {}, [null], { a: 1 }),
  fc.string({ maxLength: 40 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A valid record with one field (documented or not, present or not) replaced by a hostile value. */
export const corruptedRecord = fc
  .tuple(anyRecord, fc.oneof(fc.constantFrom(...DOCUMENTED_FIELDS), extraKey), hostileValue)
  .map(([{ provider, raw }, field, value]) => ({ provider, field, value, raw: { ...raw, [field]: value } }));
