import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeCall, toDialect } from '../../src/dialects/registry.js';
import { SIGNALWIRE_FIELDS } from '../../src/dialects/signalwire/signalwire-dialect.js';
import { TELNYX_FIELDS } from '../../src/dialects/telnyx/telnyx-dialect.js';
import { TWILIO_FIELDS } from '../../src/dialects/twilio/twilio-dialect.js';
import { type Emulator, generateDataset, startEmulator } from '../../src/emulator/index.js';
import type { Call } from '../../src/model/call.js';
import { PROVIDERS, type Provider } from '../../src/model/provider.js';
import { SERVED, get, pages, servedKey } from '../emulator/helpers.js';
import { DOCUMENTED, documentedTypeErrors, hasJsonType } from '../support/documented.js';
import { valueAtPath } from './dialect-cases.js';
import { LENIENT_DRIFT, loadFixtures } from './fixtures.js';

/** The records of a published sample: a list page's calls, or a single record. */
const published = (path: string) => {
  const json = JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  return { calls: (Array.isArray(json.calls) ? json.calls : [json]) as Array<Record<string, unknown>> };
};

describe('the documented fields, as derived from the providers\' pages', () => {
  it('reads every field of both field lists (counted by hand on the pages)', () => {
    expect(DOCUMENTED.twilio.size).toBe(26);
    expect(DOCUMENTED.signalwire.size).toBe(36);
    expect(DOCUMENTED.telnyx.size).toBe(18);
  });

  it('has the types the pages give, spot-checked by hand', () => {
    expect(DOCUMENTED.twilio.get('duration')).toEqual({ type: 'string', nullable: true });
    expect(DOCUMENTED.twilio.get('price')).toEqual({ type: 'string', nullable: true });
    expect(DOCUMENTED.twilio.get('queue_time')).toEqual({ type: 'string', nullable: true });
    expect(DOCUMENTED.twilio.get('subresource_uris')).toEqual({ type: 'object', nullable: true });
    expect(DOCUMENTED.signalwire.get('sid')).toEqual({ type: 'string', nullable: false });
    expect(DOCUMENTED.signalwire.get('duration')).toEqual({ type: 'integer', nullable: false });
    expect(DOCUMENTED.signalwire.get('price')).toEqual({ type: 'number', nullable: true });
    expect(DOCUMENTED.signalwire.get('answered_by')).toEqual({ type: 'string', nullable: true });
    expect(DOCUMENTED.signalwire.get('sip_result_code')).toEqual({ type: 'string', nullable: true });
    expect(DOCUMENTED.signalwire.get('group_sid')).toEqual({ type: 'string', nullable: true });
    expect(DOCUMENTED.signalwire.get('audio_out_lost')).toEqual({ type: 'integer', nullable: true });
    expect(DOCUMENTED.signalwire.get('subresource_uris')).toEqual({ type: 'object', nullable: false });
    expect(DOCUMENTED.telnyx.get('duration')).toEqual({ type: 'string', nullable: false });
    expect(DOCUMENTED.telnyx.get('price')).toEqual({ type: 'string', nullable: false });
    expect(DOCUMENTED.telnyx.get('answered_by')).toEqual({ type: 'string', nullable: false });
    expect(DOCUMENTED.telnyx.has('parent_call_sid')).toBe(false);
  });

  it('is the list of keys each dialect keeps out of `extra`', () => {
    expect([...TWILIO_FIELDS.keys].sort()).toEqual([...DOCUMENTED.twilio.keys()].sort());
    expect([...SIGNALWIRE_FIELDS.keys].sort()).toEqual([...DOCUMENTED.signalwire.keys()].sort());
    expect([...TELNYX_FIELDS.keys].sort()).toEqual([...DOCUMENTED.telnyx.keys()].sort());
  });

  it('is what each dialect\'s field table declares, key by key with its JSON type', () => {
    for (const table of [TWILIO_FIELDS, SIGNALWIRE_FIELDS, TELNYX_FIELDS]) {
      const declared = new Map(table.entries.map((e) => [e.key, e.type]));
      expect(declared).toEqual(new Map([...DOCUMENTED[table.provider]].map(([key, { type }]) => [key, type])));
    }
  });

  it('agrees with Twilio\'s schema example: the same keys, each value of the documented JSON type', () => {
    const [placeholder] = published('twilio/published/list-calls-schema-example.json').calls;
    expect(Object.keys(placeholder!).sort()).toEqual([...DOCUMENTED.twilio.keys()].sort());
    expect(documentedTypeErrors('twilio', placeholder!)).toEqual([]);
  });

  it.each([
    ['twilio', 'twilio/published/openapi-list-calls-page-1.json'],
    ['signalwire', 'signalwire/published/list-calls.json'],
    ['signalwire', 'signalwire/published/compat-calls-list.json'],
    ['signalwire', 'signalwire/published/call-schema-example.json'],
    ['telnyx', 'telnyx/published/call-resource-example.json'],
  ] as const)('agrees with the %s sample %s: every value sent has the documented type', (provider, path) => {
    for (const record of published(path).calls) {
      for (const [key, value] of Object.entries(record)) {
        const field = DOCUMENTED[provider].get(key);
        expect(field, key).toBeDefined();
        if (value !== null) expect(hasJsonType(value, field!.type), `${key}: ${JSON.stringify(value)}`).toBe(true);
      }
    }
  });
});

/** Where in a Call each documented raw key is written from, written out here rather than taken from src/. */
const FIELD_OF: Record<string, string> = {
  account_sid: 'accountSid', annotation: 'providerFields.signalwire.annotation', answered_by: 'answeredByDetail', api_version: 'apiVersion',
  caller_name: 'callerName', date_created: 'dateCreated', date_updated: 'dateUpdated', direction: 'directionDetail',
  duration: 'duration', end_time: 'endTime', forwarded_from: 'forwardedFrom', from: 'from', formatted_from: 'fromFormatted',
  from_formatted: 'fromFormatted', group_sid: 'groupSid', parent_call_sid: 'parentCallSid', phone_number_sid: 'phoneNumberSid',
  price: 'price', price_unit: 'priceUnit', queue_time: 'providerFields.twilio.queueTime', sid: 'sid', start_time: 'startTime', status: 'status',
  subresource_uris: 'subresourceUris', to: 'to', formatted_to: 'toFormatted', to_formatted: 'toFormatted', trunk_sid: 'providerFields.twilio.trunkSid',
  uri: 'uri', audio_in_mos: 'quality.mos', sip_result_code: 'quality.sipResultCode', audio_rtt_avg: 'quality.rttAvg',
  audio_rtt_min: 'quality.rttMin', audio_rtt_max: 'quality.rttMax', audio_out_jitter_avg: 'quality.jitterAvg',
  audio_out_jitter_min: 'quality.jitterMin', audio_out_jitter_max: 'quality.jitterMax', audio_out_lost: 'quality.packetsLost',
};

/**
 * A documented field may be written null, even where the docs do not say
 * "or null", only when the Call has no value for it: callbridge never invents one.
 */
const unknownIn = (call: Call) => (key: string) => {
  expect(FIELD_OF[key], key).toBeDefined();
  return (valueAtPath(call, FIELD_OF[key]!) ?? null) === null;
};

const readable = {
  twilio: ['twilio/published/openapi-list-calls-page-1.json'],
  signalwire: ['signalwire/published/list-calls.json', 'signalwire/published/compat-calls-list.json', 'signalwire/published/call-schema-example.json'],
  telnyx: ['telnyx/published/call-resource-example.json'],
} as const satisfies Record<Provider, readonly string[]>;

describe.each(PROVIDERS)('what callbridge writes in the %s dialect has the documented types', (target) => {
  const records = PROVIDERS.flatMap((source) => {
    const fx = loadFixtures(source);
    return [
      ...readable[source].flatMap((path) => published(path).calls),
      ...fx.records,
      ...LENIENT_DRIFT.map((name) => fx.drift(name)),
    ].map((raw) => [`${source} ${String(raw.sid)}`, raw] as const);
  });

  it.each(records)('toDialect(%s)', (_name, raw) => {
    const call = normalizeCall(raw);
    expect(documentedTypeErrors(target, toDialect(call, target), unknownIn(call))).toEqual([]);
  });
});

describe('what the emulator serves has the documented types', () => {
  let em: Emulator;
  beforeAll(async () => {
    em = await startEmulator({ dataset: generateDataset({ calls: 300, seed: 3 }) });
  });
  afterAll(async () => {
    await em.close();
  });

  it.each(PROVIDERS)('%s: every record of every list page, and a fetched record', async (provider) => {
    const { path, auth } = SERVED[provider](em);
    const records = (await pages(em, `${path}?PageSize=100`, auth)).flatMap((page) => page.calls as Array<Record<string, unknown>>);
    expect(records).toHaveLength(300);
    const fetched = await get(em, String(records[0]!.uri), auth);
    expect(fetched.status).toBe(200);
    for (const record of [...records, fetched.body]) {
      const call = em.dataset.call(em.dataset.positionOf(servedKey(provider, String(record.sid))));
      expect(documentedTypeErrors(provider, record, unknownIn(call)), String(record.sid)).toEqual([]);
    }
  });
});
