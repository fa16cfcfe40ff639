import { SIGNALWIRE_FIELDS } from '../../support/documented.js';
import type { DialectCase } from '../dialect-cases.js';
import { RFC_2822_UTC } from '../fixtures.js';

const TWILIO_ACCOUNT = 'AC3f9a1c2e8b7d4a6f9e0c1b2a3d4e5f60';
const SIGNALWIRE_PROJECT = '5f2c8e1a-3b4d-4e6f-9a1b-2c3d4e5f6a7b';

export const SIGNALWIRE: DialectCase = {
  provider: 'signalwire',
  other: 'twilio',
  otherChargeSign: -1,
  account: SIGNALWIRE_PROJECT,
  chargeSign: 1,
  documentedKeys: SIGNALWIRE_FIELDS,
  providerOnly: [
    { raw: 'annotation', path: 'providerFields.signalwire.annotation', kind: 'text' },
    { raw: 'audio_in_mos', path: 'quality.mos', kind: 'number' },
    { raw: 'sip_result_code', path: 'quality.sipResultCode', kind: 'number' },
    { raw: 'audio_rtt_avg', path: 'quality.rttAvg', kind: 'number' },
    { raw: 'audio_rtt_min', path: 'quality.rttMin', kind: 'number' },
    { raw: 'audio_rtt_max', path: 'quality.rttMax', kind: 'number' },
    { raw: 'audio_out_jitter_avg', path: 'quality.jitterAvg', kind: 'number' },
    { raw: 'audio_out_jitter_min', path: 'quality.jitterMin', kind: 'number' },
    { raw: 'audio_out_jitter_max', path: 'quality.jitterMax', kind: 'number' },
    { raw: 'audio_out_lost', path: 'quality.packetsLost', kind: 'number' },
  ],
  writes: { price: 'number', duration: 'number' },
  // The docs' own sample: `Sept`, `Thur`, only the formatted_* aliases, no quality figures.
  looseRecords: ['b3877c40-da60-4998-90ad-b792e98472pa'],
  expectations: [
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01', {
      price: '0.003', priceUnit: 'USD', duration: 42, answeredBy: 'human', answeredByDetail: 'human',
      direction: 'outbound', directionDetail: 'outbound', toFormatted: '(310) 567-8901',
                  to: { kind: 'phone', value: '+13105678901', e164: '+13105678901', country: 'US' },
      quality: { mos: 4.38, sipResultCode: 200, rttAvg: 41, rttMin: 35, rttMax: 58, jitterAvg: 2, jitterMin: 0, jitterMax: 7, packetsLost: 3 },
    }],
    ['b3877c40-da60-4998-90ad-b792e98472pa', {
      sid: 'b3877c40-da60-4998-90ad-b792e98472pa', phoneNumberSid: 'b3877c40-da60-4998-90ad-b792e98472pn',
      price: '-0.005', duration: 20, dateCreated: '2018-09-19T20:00:00Z', dateUpdated: '2018-09-20T10:00:00Z',
      startTime: '2018-09-19T20:00:01Z', toFormatted: '(310) 567-8902', fromFormatted: '(310) 338-4645',
      forwardedFrom: { kind: 'phone', value: '+13102259067' },
      extra: { url: 'https://example.com/laml/inbound.xml' },
      quality: null,
    }],
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c03', {
      status: 'busy', direction: 'inbound', price: null, duration: 0,
      from: { kind: 'sip', value: 'sip:carol@office.example.net', e164: null },
      quality: { sipResultCode: 486 },
    }],
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c04', { status: 'failed', to: { kind: 'phone', country: 'GB' }, quality: { sipResultCode: 404 } }],
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c05', { status: 'queued', startTime: null, endTime: null, duration: null }],
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c06', {
      answeredBy: 'machine', answeredByDetail: 'machine', price: '0.0085',
      parentCallSid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01',
      quality: { rttMax: 140 }, providerFields: { signalwire: { annotation: 'campaign-42' } },
    }],
  ],
  drift: {
    'numbers-and-strings': {
      duration: 42, price: '0.003', toFormatted: '+1 310-567-8901', fromFormatted: '+1 213-555-0167',
      quality: { mos: 4.38, sipResultCode: 200, rttAvg: 41, rttMin: 35, rttMax: 58, jitterAvg: 2, jitterMin: 0, jitterMax: 7, packetsLost: 3 },
      providerFields: { signalwire: { annotation: '42' } },
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
