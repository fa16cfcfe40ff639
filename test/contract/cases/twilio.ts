import { TWILIO_FIELDS } from '../../support/documented.js';
import type { DialectCase } from '../dialect-cases.js';

const DAY = 86_400_000;

const TWILIO_ACCOUNT = 'AC3f9a1c2e8b7d4a6f9e0c1b2a3d4e5f60';
export const TWILIO: DialectCase = {
  provider: 'twilio',
  other: 'signalwire',
  otherChargeSign: 1,
  account: TWILIO_ACCOUNT,
  chargeSign: -1,
  documentedKeys: TWILIO_FIELDS,
  providerOnly: [
    { raw: 'queue_time', path: 'providerFields.twilio.queueTime', kind: 'number' },
    { raw: 'trunk_sid', path: 'providerFields.twilio.trunkSid', kind: 'text' },
  ],
  writes: { price: 'string', duration: 'string' },
  looseRecords: [],
  expectations: [
    ['CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3', {
      price: '0.01750', priceUnit: 'USD', duration: 61, groupSid: 'GP1a2b3c4d5e6f708192a3b4c5d6e7f809',
      answeredBy: 'machine', answeredByDetail: 'machine_start', direction: 'outbound', directionDetail: 'outbound-api',
      startTime: '2024-03-05T14:00:02Z', endTime: '2024-03-05T14:01:03Z',
      to: { kind: 'phone', value: '+13105678901', e164: '+13105678901', country: 'US' },
      providerFields: { twilio: { queueTime: 1000 } },
    }],
    ['CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b4', {
      direction: 'outbound', directionDetail: 'outbound-dial', price: '0.00400',
      parentCallSid: 'CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3',
      to: { kind: 'sip', value: 'sip:frontdesk@pbx.example.com', e164: null, country: null },
      providerFields: { twilio: { queueTime: 0 } },
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
      providerFields: { twilio: { trunkSid: 'TK4e5f60718293a4b5c6d7e8f9a0b1c2d3' } },
    }],
    ['CA0d2e4f6a8b1c3d5e7f9a0b2c4d6e8f01', {
      direction: 'outbound', directionDetail: 'trunking-terminating', answeredBy: 'human', answeredByDetail: 'human',
      price: '0.08500', duration: 508, to: { kind: 'phone', country: 'DE' },
      providerFields: { twilio: { queueTime: 3500 } },
    }],
  ],
  drift: {
    'numbers-and-strings': {
      duration: 61, price: '0.0175', callerName: '5551234',
      fromFormatted: '+1 415-555-0123', toFormatted: '+1 310-567-8901',
      answeredBy: 'machine', answeredByDetail: 'machine_end_beep',
      providerFields: { twilio: { queueTime: 1000 } },
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
