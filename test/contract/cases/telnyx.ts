import { TELNYX_FIELDS } from '../../support/documented.js';
import type { DialectCase } from '../dialect-cases.js';

const DAY = 86_400_000;

const TELNYX_ACCOUNT = '7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b';
/** The fixtures' Telnyx sids share everything but their last three characters. */
const telnyxSid = (tail: string) => `v3:Hq3Vw8Lp0Zr5Ty2Nc7Xk4Bm9Jd1Fs6Ga_Qe8Uo3Ri5Wy0Pt2Lk7-${tail}`;

export const TELNYX: DialectCase = {
  provider: 'telnyx',
  other: 'twilio',
  otherChargeSign: -1,
  account: TELNYX_ACCOUNT,
  chargeSign: 1,
  documentedKeys: TELNYX_FIELDS,
  // Every documented key fills a canonical field: no quality figures, no fields of its own.
  providerOnly: [],
  writes: { price: 'string', duration: 'string' },
  looseRecords: [],
  expectations: [
    [telnyxSid('aB1'), {
      accountSid: TELNYX_ACCOUNT, price: '0.0175', priceUnit: 'USD', duration: 61, answeredBy: 'human', answeredByDetail: 'human',
      direction: 'outbound', directionDetail: 'outbound', callerName: '+14155550123', parentCallSid: null, apiVersion: null,
      startTime: '2024-03-05T14:00:02Z', endTime: '2024-03-05T14:01:03Z', subresourceUris: null, quality: null, providerFields: {},
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
