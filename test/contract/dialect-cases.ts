import type { Call } from '../../src/model/call.js';
import type { Provider } from '../../src/model/provider.js';
import type { CallStatus } from '../../src/model/status.js';
import { SIGNALWIRE_FIELDS, TELNYX_FIELDS, TWILIO_FIELDS } from '../support/documented.js';
import { type DriftCase, RFC_2822_UTC } from './fixtures.js';

const DAY = 86_400_000;

/** How a provider might read one server-side time bound: both readings must keep the exact interval. */
export interface BoundReadings {
  strict: (ms: number) => boolean;
  inclusive: (ms: number) => boolean;
}

/** A provider-only field: the raw key, the Call field, and how its value is read. */
export interface ProviderOnlyField {
  raw: string;
  field: keyof Call;
  kind: 'number' | 'text';
}

/**
 * What the contract suite needs to know about one dialect. The suite asserts the
 * same behaviours for every dialect; this is only the data those assertions use.
 */
export interface DialectCase {
  provider: Provider;
  other: Provider;
  /** The account (Twilio) or project (SignalWire) the fixtures belong to. */
  account: string;
  /** Sign of a charge in the raw `price`. */
  chargeSign: 1 | -1;
  /** Every key of the dialect's documented call record (from the published docs). */
  documentedKeys: readonly string[];
  providerOnly: readonly ProviderOnlyField[];
  /** JSON types the dialect documents for what callbridge writes. */
  writes: { price: 'string' | 'number'; duration: 'string' | 'number' };
  /**
   * Documented records written more loosely than the dialect's strict form
   * (`Sept`, `Thur`, one formatted alias, missing fields): they normalize, but
   * are written back in the strict form rather than byte for byte.
   */
  looseRecords: readonly string[];
  /** Spot checks of single fixture records, by sid. */
  expectations: ReadonlyArray<readonly [sid: string, expected: Record<string, unknown>]>;
  /** What the drift records that must be read leniently read as. */
  drift: Partial<Record<DriftCase, Record<string, unknown>>>;
  /** The field a rejected drift record is refused for. */
  rejectedField: Record<'impossible-date' | 'unknown-status', string>;
  /** Shape of a server-side time bound value. */
  boundFormat: RegExp;
  /** The readings a provider might give a bound sent on `Key>` / `Key<`. */
  readBound(op: '>' | '<', value: string): BoundReadings;
  /** Canonical statuses the dialect cannot select. */
  lacksStatuses: readonly CallStatus[];
  /** Canonical statuses its `Status` filter lacks, selected on the client from an unfiltered list instead. */
  clientStatuses: readonly CallStatus[];
  /** Whether it filters by parent call; when not, a parentCallSid query is refused with UnsupportedQueryError. */
  parentFilter: boolean;
  /** Sids `requestSid` accepts, and how it sends them. */
  goodSids: ReadonlyArray<readonly [input: string, sent: string]>;
  /** Sids `requestSid` must refuse. */
  wrongSids: readonly string[];
}

const TWILIO_ACCOUNT = 'AC3f9a1c2e8b7d4a6f9e0c1b2a3d4e5f60';
const SIGNALWIRE_PROJECT = '5f2c8e1a-3b4d-4e6f-9a1b-2c3d4e5f6a7b';

export const TWILIO: DialectCase = {
  provider: 'twilio',
  other: 'signalwire',
  account: TWILIO_ACCOUNT,
  chargeSign: -1,
  documentedKeys: TWILIO_FIELDS,
  providerOnly: [
    { raw: 'queue_time', field: 'queueTime', kind: 'number' },
    { raw: 'trunk_sid', field: 'trunkSid', kind: 'text' },
  ],
  writes: { price: 'string', duration: 'string' },
  looseRecords: [],
  expectations: [
    ['CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3', {
      price: '0.01750', priceUnit: 'USD', duration: 61, queueTime: 1000, groupSid: 'GP1a2b3c4d5e6f708192a3b4c5d6e7f809',
      answeredBy: 'machine', answeredByDetail: 'machine_start', direction: 'outbound', directionDetail: 'outbound-api',
      startTime: '2024-03-05T14:00:02Z', endTime: '2024-03-05T14:01:03Z',
      to: { kind: 'phone', value: '+13105678901', e164: '+13105678901', country: 'US' },
    }],
    ['CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b4', {
      direction: 'outbound', directionDetail: 'outbound-dial', price: '0.00400', queueTime: 0,
      parentCallSid: 'CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3',
      to: { kind: 'sip', value: 'sip:frontdesk@pbx.example.com', e164: null, country: null },
    }],
    ['CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b5', {
      status: 'no-answer', price: null, duration: 0, startTime: '2024-03-04T23:59:31Z',
      to: { kind: 'phone', country: 'GB' },
    }],
    ['CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b6', {
      direction: 'inbound', callerName: 'ACME FRONT DESK', price: '0.00250',
      from: { kind: 'client', value: 'client:reception-7', e164: null },
      forwardedFrom: { kind: 'phone', value: '+13105550142' },
    }],
    ['CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b7', {
      status: 'busy', direction: 'inbound', directionDetail: 'trunking-originating', duration: null, endTime: null,
      trunkSid: 'TK4e5f60718293a4b5c6d7e8f9a0b1c2d3',
    }],
    ['CA0d2e4f6a8b1c3d5e7f9a0b2c4d6e8f01', {
      direction: 'outbound', directionDetail: 'trunking-terminating', answeredBy: 'human', answeredByDetail: 'human',
      price: '0.08500', duration: 508, queueTime: 3500, to: { kind: 'phone', country: 'DE' },
    }],
  ],
  drift: {
    'numbers-and-strings': {
      duration: 61, price: '0.0175', queueTime: 1000, callerName: '5551234',
      fromFormatted: '+1 415-555-0123', toFormatted: '+1 310-567-8901',
      answeredBy: 'machine', answeredByDetail: 'machine_end_beep',
    },
    'missing-fields': { status: 'ringing', direction: 'outbound', dateCreated: '2024-03-05T16:05:00Z' },
    'uri-without-json': { uri: `/2010-04-01/Accounts/${TWILIO_ACCOUNT}/Calls/CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2c3` },
    'undocumented-field': { extra: { stir_status: { attestation: 'A', verified: true } } },
  },
  rejectedField: { 'impossible-date': 'start_time', 'unknown-status': 'status' },
  boundFormat: /^\d{4}-\d{2}-\d{2}$/,
  readBound(op, value) {
    // A GMT day. ">" may mean "on or after the day" or "after the whole day";
    // "<" may mean "on or before the day" or "before the day begins".
    const day = Date.parse(`${value}T00:00:00Z`);
    return op === '>'
      ? { inclusive: (ms) => ms >= day, strict: (ms) => ms >= day + DAY }
      : { inclusive: (ms) => ms < day + DAY, strict: (ms) => ms < day };
  },
  lacksStatuses: [],
  clientStatuses: [],
  parentFilter: true,
  goodSids: [['CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3', 'CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3']],
  wrongSids: [
    '', 'CA123', 'not a sid', `CA${'z'.repeat(32)}`, TWILIO_ACCOUNT,
    '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01', 'CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3.json',
  ],
};

export const SIGNALWIRE: DialectCase = {
  provider: 'signalwire',
  other: 'twilio',
  account: SIGNALWIRE_PROJECT,
  chargeSign: 1,
  documentedKeys: SIGNALWIRE_FIELDS,
  providerOnly: [
    { raw: 'annotation', field: 'annotation', kind: 'text' },
    { raw: 'audio_in_mos', field: 'audioInMos', kind: 'number' },
    { raw: 'sip_result_code', field: 'sipResultCode', kind: 'number' },
    { raw: 'audio_rtt_avg', field: 'audioRttAvg', kind: 'number' },
    { raw: 'audio_rtt_min', field: 'audioRttMin', kind: 'number' },
    { raw: 'audio_rtt_max', field: 'audioRttMax', kind: 'number' },
    { raw: 'audio_out_jitter_avg', field: 'audioOutJitterAvg', kind: 'number' },
    { raw: 'audio_out_jitter_min', field: 'audioOutJitterMin', kind: 'number' },
    { raw: 'audio_out_jitter_max', field: 'audioOutJitterMax', kind: 'number' },
    { raw: 'audio_out_lost', field: 'audioOutLost', kind: 'number' },
  ],
  writes: { price: 'number', duration: 'number' },
  // The docs' own sample: `Sept`, `Thur`, only the formatted_* aliases, no quality figures.
  looseRecords: ['b3877c40-da60-4998-90ad-b792e98472pa'],
  expectations: [
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01', {
      price: '0.003', priceUnit: 'USD', duration: 42, answeredBy: 'human', answeredByDetail: 'human',
      direction: 'outbound', directionDetail: 'outbound', toFormatted: '(310) 567-8901',
      audioInMos: 4.38, sipResultCode: 200, audioRttAvg: 41, audioRttMin: 35, audioRttMax: 58,
      audioOutJitterAvg: 2, audioOutJitterMin: 0, audioOutJitterMax: 7, audioOutLost: 3,
      to: { kind: 'phone', value: '+13105678901', e164: '+13105678901', country: 'US' },
    }],
    ['b3877c40-da60-4998-90ad-b792e98472pa', {
      sid: 'b3877c40-da60-4998-90ad-b792e98472pa', phoneNumberSid: 'b3877c40-da60-4998-90ad-b792e98472pn',
      price: '-0.005', duration: 20, dateCreated: '2018-09-19T20:00:00Z', dateUpdated: '2018-09-20T10:00:00Z',
      startTime: '2018-09-19T20:00:01Z', toFormatted: '(310) 567-8902', fromFormatted: '(310) 338-4645',
      forwardedFrom: { kind: 'phone', value: '+13102259067' }, audioInMos: null,
      extra: { url: 'https://example.com/laml/inbound.xml' },
    }],
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c03', {
      status: 'busy', direction: 'inbound', price: null, duration: 0, sipResultCode: 486,
      from: { kind: 'sip', value: 'sip:carol@office.example.net', e164: null },
    }],
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c04', { status: 'failed', sipResultCode: 404, to: { kind: 'phone', country: 'GB' } }],
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c05', { status: 'queued', startTime: null, endTime: null, duration: null }],
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c06', {
      answeredBy: 'machine', answeredByDetail: 'machine', annotation: 'campaign-42', price: '0.0085',
      parentCallSid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01', audioRttMax: 140,
    }],
  ],
  drift: {
    'numbers-and-strings': {
      duration: 42, price: '0.003', annotation: '42', toFormatted: '+1 310-567-8901', fromFormatted: '+1 213-555-0167',
      audioInMos: 4.38, sipResultCode: 200, audioRttAvg: 41, audioRttMin: 35, audioRttMax: 58,
      audioOutJitterAvg: 2, audioOutJitterMin: 0, audioOutJitterMax: 7, audioOutLost: 3,
    },
    'missing-fields': { status: 'ringing', direction: 'outbound', dateCreated: '2024-03-05T17:05:00Z' },
    'uri-without-json': { uri: `/api/laml/2010-04-01/Accounts/${SIGNALWIRE_PROJECT}/Calls/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3d03` },
    'undocumented-field': { extra: { region: 'us-east' } },
  },
  rejectedField: { 'impossible-date': 'end_time', 'unknown-status': 'status' },
  boundFormat: RFC_2822_UTC,
  readBound(op, value) {
    // An instant at whole seconds; the comparison may be strict or not.
    const at = Date.parse(value);
    return op === '>'
      ? { inclusive: (ms) => ms >= at, strict: (ms) => ms > at }
      : { inclusive: (ms) => ms <= at, strict: (ms) => ms < at };
  },
  lacksStatuses: ['no-answer'],
  clientStatuses: [],
  parentFilter: true,
  goodSids: [
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01', '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01'],
    // A SignalWire call written in the Twilio dialect, mapped back.
    ['CA0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c01', '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01'],
  ],
  wrongSids: [
    '', 'CA123', 'not a sid', `CA${'z'.repeat(32)}`, TWILIO_ACCOUNT,
    '0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c01', '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01.json',
  ],
};

const TELNYX_ACCOUNT = '7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b';
/** The fixtures' Telnyx sids share everything but their last three characters. */
const telnyxSid = (tail: string) => `v3:Hq3Vw8Lp0Zr5Ty2Nc7Xk4Bm9Jd1Fs6Ga_Qe8Uo3Ri5Wy0Pt2Lk7-${tail}`;

export const TELNYX: DialectCase = {
  provider: 'telnyx',
  other: 'twilio',
  account: TELNYX_ACCOUNT,
  chargeSign: 1,
  documentedKeys: TELNYX_FIELDS,
  providerOnly: [],
  writes: { price: 'string', duration: 'string' },
  looseRecords: [],
  expectations: [
    [telnyxSid('aB1'), {
      accountSid: TELNYX_ACCOUNT, price: '0.0175', priceUnit: 'USD', duration: 61, answeredBy: 'human', answeredByDetail: 'human',
      direction: 'outbound', directionDetail: 'outbound', callerName: '+14155550123', parentCallSid: null, apiVersion: null,
      startTime: '2024-03-05T14:00:02Z', endTime: '2024-03-05T14:01:03Z', subresourceUris: null,
      to: { kind: 'phone', value: '+13105678901', e164: '+13105678901', country: 'US' }, toFormatted: '(310) 567-8901',
    }],
    [telnyxSid('aB2'), {
      answeredBy: 'unknown', answeredByDetail: 'not_sure', price: null, priceUnit: null, duration: 47,
      to: { kind: 'sip', value: 'sip:frontdesk@pbx.example.com', e164: null, country: null }, toFormatted: null,
    }],
    [telnyxSid('aB3'), { status: 'no-answer', duration: 0, startTime: '2024-03-04T23:59:31Z', to: { kind: 'phone', country: 'GB' } }],
    [telnyxSid('aB4'), {
      direction: 'inbound', answeredBy: 'machine', answeredByDetail: 'machine', callerName: 'ACME FRONT DESK', price: '0.0890', duration: 445,
      from: { kind: 'sip', value: 'sip:reception-7@acme.sip.telnyx.com', e164: null },
    }],
    [telnyxSid('aB5'), { status: 'busy', direction: 'inbound', duration: 0, from: { kind: 'phone', value: '+12135550167' } }],
    [telnyxSid('aB6'), { status: 'ringing', duration: null, endTime: null, to: { kind: 'phone', country: 'DE' } }],
    [telnyxSid('aB7'), { status: 'in-progress', direction: 'inbound', answeredBy: 'human', duration: null }],
    [telnyxSid('aB8'), { status: 'failed', duration: 0, price: null }],
    [telnyxSid('aB9'), { status: 'canceled', endTime: '2024-03-04T11:00:12Z' }],
  ],
  drift: {
    'numbers-and-strings': {
      duration: 61, price: '0.0175', callerName: '5551234', fromFormatted: '+1 415-555-0123', toFormatted: '+1 310-567-8901',
      answeredBy: 'machine', answeredByDetail: 'machine',
    },
    'missing-fields': { status: 'ringing', direction: 'outbound', dateCreated: '2024-03-05T18:05:00Z' },
    'uri-without-json': { uri: `/v2/texml/Accounts/${TELNYX_ACCOUNT}/Calls/${telnyxSid('cC3')}` },
    'undocumented-field': { extra: { call_control_id: 'v3:cc-7f3a', connection_id: '1494404757140276705' } },
  },
  rejectedField: { 'impossible-date': 'start_time', 'unknown-status': 'status' },
  boundFormat: /^\d{4}-\d{2}-\d{2}$/,
  readBound(op, value) {
    // A date, in an undocumented time zone (anywhere from UTC-12 to UTC+14) and with
    // undocumented inclusivity: each reading is taken at the zone least favourable to it.
    const day = Date.parse(`${value}T00:00:00Z`);
    const [east, west] = [14 * 3_600_000, 12 * 3_600_000];
    return op === '>'
      ? { inclusive: (ms) => ms >= day + west, strict: (ms) => ms >= day + DAY + west }
      : { inclusive: (ms) => ms < day + DAY - east, strict: (ms) => ms < day - east };
  },
  lacksStatuses: [],
  clientStatuses: ['queued', 'ringing', 'in-progress'],
  parentFilter: false,
  goodSids: [
    [telnyxSid('aB1'), telnyxSid('aB1')],
    ['v2:T02llyVwhNn5ktS8bE9VluaSmKsOchKht', 'v2:T02llyVwhNn5ktS8bE9VluaSmKsOchKht'],
    // Another provider's call, as written in the Telnyx dialect: `v3:` + its sid.
    ['CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3', 'v3:CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3'],
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01', 'v3:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01'],
  ],
  wrongSids: ['', 'v3:a/b', 'v3:abc?x=1', 'v3:abc#x', 'v3:a b', `${telnyxSid('aB1')}.json`, 'v3:%2e%2e'],
};

export const DIALECT_CASES: readonly DialectCase[] = [TWILIO, SIGNALWIRE, TELNYX];

export const CASE_OF: Readonly<Record<Provider, DialectCase>> = { twilio: TWILIO, signalwire: SIGNALWIRE, telnyx: TELNYX };
