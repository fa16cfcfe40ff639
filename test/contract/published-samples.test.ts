import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIALECTS, detectDialect, normalizeCall, toDialect } from '../../src/dialects/registry.js';
import { loadDataset, startEmulator } from '../../src/emulator/index.js';
import { formatNational } from '../../src/model/address.js';
import type { Call } from '../../src/model/call.js';
import type { Provider } from '../../src/model/provider.js';
import { DOCUMENTED, documentedTypeErrors } from '../support/documented.js';

/**
 * The providers' own published samples (fixtures/<provider>/published/, sources
 * in fixtures/README.md), read, checked value by value against expectations
 * written by hand from the pages, and written back in the documented form.
 */

type Json = Record<string, unknown>;

/** A Call as plain data, without the raw record it keeps. */
const plain = (call: unknown): unknown => JSON.parse(JSON.stringify(call));

/** A Call as plain data with each address's national form (formatNational) beside it, as the pages show it. */
const described = (call: Call): unknown => {
  const data = plain(call) as Record<string, unknown>;
  for (const key of ['to', 'from', 'forwardedFrom'] as const) {
    const address = call[key];
    if (address !== null) data[key] = { ...(data[key] as object), national: formatNational(address) };
  }
  return data;
};

const published = (path: string) => JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')) as Json;
const recordsOf = (page: Json) => page.calls as Json[];

const phone = (value: string, national: string) => ({ kind: 'phone', value, e164: value, country: 'US', national });
/** A +1 305 141… number: not a valid NANP exchange, so only its kind, value and E.164 form are certain. */
const nanp = (value: string) => expect.objectContaining({ kind: 'phone', value, e164: value });
const other = (value: string) => ({ kind: 'other', value, e164: null, country: null, national: null });

const signalWireFields = (annotation: string | null) => ({ providerFields: { signalwire: { annotation } } });

const SW_PROJECT = 'b3877c40-da60-4998-90ad-b792e98472af';
const SW_CALL = `/api/laml/2010-04-01/Accounts/${SW_PROJECT}/Calls/b3877c40-da60-4998-90ad-b792e98472ca`;

/** SignalWire "List all Calls", its one record, as the page shows it. */
const SIGNALWIRE_LIST_CALL = {
  provider: 'signalwire', sid: 'b3877c40-da60-4998-90ad-b792e98472ca', accountSid: SW_PROJECT, parentCallSid: SW_PROJECT,
  phoneNumberSid: 'b3877c40-da60-4998-90ad-b792e98472pn',
  to: phone('+13105678901', '(310) 567-8901'), toFormatted: '(310) 567-8901',
  from: phone('+13103384645', '(310) 338-4645'), fromFormatted: '(310) 338-4645',
  forwardedFrom: null, callerName: null, status: 'queued',
  direction: 'inbound', directionDetail: 'inbound', answeredBy: 'human', answeredByDetail: 'human',
  startTime: '2018-09-19T20:00:01Z', endTime: '2018-09-21T10:00:00Z', dateCreated: '2018-09-19T20:00:00Z', dateUpdated: '2018-09-19T21:00:00Z',
  duration: 20, price: '0.003', priceUnit: 'USD', apiVersion: '2010-04-01',
  groupSid: null,
  quality: { mos: 4.5, sipResultCode: 200, rttAvg: 50, rttMin: 20, rttMax: 100, jitterAvg: 5, jitterMin: 1, jitterMax: 10, packetsLost: 0 },
  ...signalWireFields(null),
  uri: `${SW_CALL}.json`,
  subresourceUris: { notifications: null, recordings: `${SW_CALL}/Recordings.json` },
  extra: {},
};

const SCHEMA_CALL = '/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls/b3877c40-da60-4998-90ad-b792e98472pa';
const SCHEMA_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

const TW_ACCOUNT = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const twilioUris = (sid: string) => {
  const call = `/2010-04-01/Accounts/${TW_ACCOUNT}/Calls/${sid}`;
  return {
    notifications: `${call}/Notifications.json`, recordings: `${call}/Recordings.json`, payments: `${call}/Payments.json`,
    events: `${call}/Events.json`, siprec: `${call}/Siprec.json`, streams: `${call}/Streams.json`,
    transcriptions: `${call}/Transcriptions.json`,
    user_defined_message_subscriptions: `${call}/UserDefinedMessageSubscriptions.json`,
    user_defined_messages: `${call}/UserDefinedMessages.json`,
  };
};

/** Twilio's OpenAPI `fetch` example, as the spec shows it. */
const TWILIO_FETCH_CALL = {
  provider: 'twilio', sid: 'CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', accountSid: TW_ACCOUNT,
  parentCallSid: 'CAdeadbeefdeadbeefdeadbeefdeadbeef', phoneNumberSid: 'PNdeadbeefdeadbeefdeadbeefdeadbeef',
  to: nanp('+13051913581'), toFormatted: '(305) 191-3581', from: nanp('+13051416799'), fromFormatted: '(305) 141-6799',
  forwardedFrom: other('calledvia'), callerName: 'callerid', status: 'completed',
  direction: 'outbound', directionDetail: 'outbound-api', answeredBy: 'machine', answeredByDetail: 'machine_start',
  startTime: '2019-10-18T17:02:00Z', endTime: '2019-10-18T17:03:00Z', dateCreated: '2019-10-18T17:00:00Z', dateUpdated: '2019-10-18T17:01:00Z',
  // A charge: Twilio's "-0.200" is positive in the canonical model, digits kept.
  duration: 4, price: '0.200', priceUnit: 'USD', apiVersion: '2010-04-01',
  groupSid: 'GPdeadbeefdeadbeefdeadbeefdeadbeef', quality: null,
  providerFields: { twilio: { queueTime: 1000, trunkSid: 'TKdeadbeefdeadbeefdeadbeefdeadbeef' } },
  uri: `/2010-04-01/Accounts/${TW_ACCOUNT}/Calls/CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json`,
  subresourceUris: twilioUris('CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'),
  extra: {},
};

interface Sample {
  provider: Provider;
  path: string;
  /** The canonical Call of each record, in order. */
  calls: Json[];
  /**
   * The record written back in its own dialect, as a change of the sample:
   * documented keys it lacks are written null (or from their alias), loose
   * times in the strict form. Empty when the sample is already strict.
   */
  writtenBack: Json[];
}

const SAMPLES: Sample[] = [
  {
    provider: 'signalwire',
    path: 'signalwire/published/list-calls.json',
    calls: [SIGNALWIRE_LIST_CALL],
    writtenBack: [{}],
  },
  {
    provider: 'signalwire',
    path: 'signalwire/published/compat-calls-list.json',
    // The same call without forwarded_from, caller_name, annotation, group_sid and the notifications link.
    calls: [{ ...SIGNALWIRE_LIST_CALL, subresourceUris: { recordings: `${SW_CALL}/Recordings.json` } }],
    writtenBack: [{ forwarded_from: null, caller_name: null, annotation: null, group_sid: null }],
  },
  {
    provider: 'signalwire',
    path: 'signalwire/published/call-schema-example.json',
    calls: [{
      provider: 'signalwire', sid: SCHEMA_ID, accountSid: SCHEMA_ID, parentCallSid: SCHEMA_ID, phoneNumberSid: SCHEMA_ID,
      to: phone('+13105678901', '(310) 567-8901'), toFormatted: '(310) 567-8901',
      from: phone('+13103384645', '(310) 338-4645'), fromFormatted: '+13102259067',
      forwardedFrom: phone('+13102259067', '(310) 225-9067'), callerName: null, status: 'queued',
      direction: 'inbound', directionDetail: 'inbound', answeredBy: 'machine', answeredByDetail: 'machine',
      // `Sept`, as the page writes it.
      startTime: '2018-09-19T20:00:01Z', endTime: '2018-09-21T10:00:00Z', dateCreated: '2018-09-19T20:00:00Z', dateUpdated: '2018-09-19T21:00:00Z',
      duration: 20, price: '0.003', priceUnit: 'USD', apiVersion: '2010-04-01T00:00:00.000Z',
      groupSid: null, quality: null, ...signalWireFields('string'),
      uri: `${SCHEMA_CALL}.json`,
      subresourceUris: { notifications: `${SCHEMA_CALL}/Notifications.json`, recordings: `${SCHEMA_CALL}/Recordings.json` },
      extra: {},
    }],
    writtenBack: [{
      date_created: 'Wed, 19 Sep 2018 20:00:00 +0000', date_updated: 'Wed, 19 Sep 2018 21:00:00 +0000',
      start_time: 'Wed, 19 Sep 2018 20:00:01 +0000', end_time: 'Fri, 21 Sep 2018 10:00:00 +0000',
      to_formatted: '(310) 567-8901', from_formatted: '+13102259067', caller_name: null, group_sid: null,
      audio_in_mos: null, sip_result_code: null, audio_rtt_avg: null, audio_rtt_min: null, audio_rtt_max: null,
      audio_out_jitter_avg: null, audio_out_jitter_min: null, audio_out_jitter_max: null, audio_out_lost: null,
    }],
  },
  {
    provider: 'twilio',
    path: 'twilio/published/openapi-list-calls-page-1.json',
    calls: [
      { ...TWILIO_FETCH_CALL, callerName: 'callerid1', forwardedFrom: other('calledvia1') },
      {
        ...TWILIO_FETCH_CALL, sid: 'CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0',
        parentCallSid: 'CAdeadbeefdeadbeefdeadbeefdeadbeee', phoneNumberSid: 'PNdeadbeefdeadbeefdeadbeefdeadbeee',
        to: nanp('+13051913580'), toFormatted: '(305) 191-3580', from: nanp('+13051416798'), fromFormatted: '(305) 141-6798',
        forwardedFrom: other('calledvia2'), callerName: 'callerid2',
        direction: 'inbound', directionDetail: 'inbound', answeredBy: 'human', answeredByDetail: 'human',
        startTime: '2019-10-18T16:02:00Z', endTime: '2019-10-18T16:03:00Z', dateCreated: '2019-10-18T16:00:00Z', dateUpdated: '2019-10-18T16:01:00Z',
        duration: 3, price: '0.100', priceUnit: 'JPY', groupSid: 'GPdeadbeefdeadbeefdeadbeefdeadbeee',
        uri: `/2010-04-01/Accounts/${TW_ACCOUNT}/Calls/CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0.json`,
        subresourceUris: twilioUris('CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0'),
      },
    ],
    writtenBack: [{}, {}],
  },
  {
    provider: 'twilio',
    path: 'twilio/published/openapi-fetch-call.json',
    calls: [TWILIO_FETCH_CALL],
    writtenBack: [{}],
  },
];

/** A page's records, or the sample itself when it is one record. */
const recordsOfSample = (sample: Sample, body: Json) => (Array.isArray(body.calls) ? DIALECTS[sample.provider].readPage(body).records as Json[] : [body]);

describe.each(SAMPLES)('$provider published sample $path', (sample) => {
  const body = published(sample.path);
  const records = recordsOfSample(sample, body);

  it('holds the records the page shows', () => {
    expect(records).toHaveLength(sample.calls.length);
    if (Array.isArray(body.calls)) expect(records).toEqual(recordsOf(body));
  });

  it.each(records.map((raw, i) => [i, raw] as const))('reads record %i field by field', (i, raw) => {
    expect(detectDialect(raw)).toBe(sample.provider);
    expect(described(normalizeCall(raw))).toEqual(sample.calls[i]);
  });

  it.each(records.map((raw, i) => [i, raw] as const))('writes record %i back: every documented field, documented type', (i, raw) => {
    const call = normalizeCall(raw);
    const written = toDialect(call, sample.provider);
    expect(written).toStrictEqual({ ...raw, ...sample.writtenBack[i] });
    expect(Object.keys(written).sort()).toEqual([...DOCUMENTED[sample.provider].keys()].sort());
    // Nulls only where the sample itself has no value.
    expect(documentedTypeErrors(sample.provider, written, (key) => raw[key] === undefined || raw[key] === null)).toEqual([]);
    expect(described(normalizeCall(written))).toEqual(sample.calls[i]);
  });
});

it('reads the next page link of the SignalWire samples, and a missing previous link as none', () => {
  const list = DIALECTS.signalwire.readPage(published('signalwire/published/list-calls.json'));
  expect(list.nextPageUri).toBe('/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls?Page=1&PageSize=50&PageToken=PAxxxxxxxxxx');
  const compat = DIALECTS.signalwire.readPage(published('signalwire/published/compat-calls-list.json'));
  expect(compat.nextPageUri).toBe(list.nextPageUri);
});

it('serves the published SignalWire page from the emulator, `"notifications": null` included', async () => {
  const path = new URL('../../fixtures/signalwire/published/list-calls.json', import.meta.url).pathname;
  const em = await startEmulator({ dataset: await loadDataset(path) });
  try {
    const project = 'b3877c40-da60-4998-90ad-b792e98472af';
    const response = await fetch(`${em.url}/api/laml/2010-04-01/Accounts/${project}/Calls`, {
      headers: { authorization: `Basic ${Buffer.from(`${em.signalwire.projectId}:${em.signalwire.token}`).toString('base64')}` },
    });
    expect(response.status).toBe(200);
    const [served] = ((await response.json()) as { calls: Json[] }).calls;
    expect(served).toStrictEqual(recordsOf(published('signalwire/published/list-calls.json'))[0]);
  } finally {
    await em.close();
  }
});
