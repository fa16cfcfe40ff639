import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRequest, deleteRequest, updateRequest } from '../../src/dialects/common/call-params.js';
import { jsonParams, readCallParams } from '../../src/dialects/common/emulated/read-call-params.js';
import { DIALECTS } from '../../src/dialects/registry.js';
import { rawRecord } from '../../src/model/call.js';
import { UnsupportedOperationError } from '../../src/model/errors/unsupported-operation-error.js';

const telnyx = DIALECTS.telnyx;
const { writes } = telnyx;
const published = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/telnyx/published/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const CALLS = '/v2/texml/Accounts/7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b/Calls';

describe('Telnyx: placing and controlling calls, as its spec documents them', () => {
  it('creates with a JSON body: Texml inline, UrlMethod, the events one space-separated string, milliseconds', () => {
    const request = createRequest(writes, {
      to: '+13121230000', from: '+13120001234', applicationSid: 'example-app-sid', url: 'https://www.example.com/texml.xml',
      method: 'GET', statusCallback: 'https://www.example.com/statuscallback-listener', statusCallbackEvents: ['initiated', 'answered'],
      timeout: 30, record: true, machineDetection: 'Enable', machineDetectionTimeout: 30,
    }, CALLS);
    expect(request).toEqual({
      method: 'POST', path: CALLS,
      body: {
        encoding: 'json',
        value: {
          To: '+13121230000', From: '+13120001234', ApplicationSid: 'example-app-sid', Url: 'https://www.example.com/texml.xml',
          UrlMethod: 'GET', StatusCallback: 'https://www.example.com/statuscallback-listener', StatusCallbackEvent: 'initiated answered',
          Timeout: 30, Record: true, MachineDetection: 'Enable', MachineDetectionTimeout: 30000,
        },
      },
    });
    const inline = createRequest(writes, { to: '+13121230000', from: '+13120001234', applicationSid: 'a', twiml: '<Response/>' }, CALLS);
    expect(inline.body).toMatchObject({ value: { Texml: '<Response/>' } });
  });

  it('reads its published create body back into the canonical input the client writes it from', () => {
    const body = published('initiate-call-request.json');
    const { fields, providerParams } = readCallParams(writes.create, jsonParams(body));
    expect(providerParams).toEqual({});
    expect(createRequest(writes, fields as Parameters<typeof createRequest>[1], CALLS).body).toEqual({ encoding: 'json', value: body });
    const events = readCallParams(writes.create, jsonParams({ StatusCallbackEvent: 'initiated answered', MachineDetectionTimeout: 5000 }));
    expect(events.fields).toEqual({ statusCallbackEvents: ['initiated', 'answered'], machineDetectionTimeout: 5 });
  });

  it('needs the application on every create', () => {
    expect(() => createRequest(writes, { to: '+13121230000', from: '+13120001234', url: 'https://example.com/a.xml' }, CALLS))
      .toThrow(expect.objectContaining({ name: 'BadQueryError', field: 'applicationSid' }));
  });

  it('updates with a form body, as its published example: Status=completed', () => {
    const request = updateRequest(writes, { status: 'completed' }, `${CALLS}/v3:abc`);
    expect(request.body).toEqual({ encoding: 'form', params: Object.entries(published('update-call-request.json')) });
    expect(updateRequest(writes, { twiml: '<Response/>', method: 'GET' }, `${CALLS}/v3:abc`).body)
      .toEqual({ encoding: 'form', params: [['Texml', '<Response/>'], ['Method', 'GET']] });
  });

  it.each([
    ['create sendDigits', () => createRequest(writes, { to: '+1', from: '+1', applicationSid: 'a', sendDigits: '1' }, CALLS), '`sendDigits`'],
    ['create fallbackMethod', () => createRequest(writes, { to: '+1', from: '+1', applicationSid: 'a', fallbackMethod: 'GET' }, CALLS), '`fallbackMethod`'],
    ['update timeLimit', () => updateRequest(writes, { timeLimit: 60 }, CALLS), '`timeLimit`'],
    ['update status canceled', () => updateRequest(writes, { status: 'canceled' }, CALLS), '`status` "canceled"'],
    ['delete', () => deleteRequest(writes, CALLS), 'delete'],
  ] as const)('refuses %s, naming it, before any request', (_name, write, field) => {
    expect(write).toThrow(UnsupportedOperationError);
    expect(write).toThrow(expect.objectContaining({ provider: 'telnyx', field }));
  });

  it('reads its published create answer: no sid, from/to/status, every other field null', () => {
    const body = published('initiate-call-result.json');
    const created = telnyx.readCreated(body);
    expect(created).toMatchObject({
      provider: 'telnyx', sid: null, status: 'queued',
      to: { kind: 'phone', value: '+13121230000' }, from: { kind: 'phone', value: '+13120001234' }, extra: {},
    });
    const known = new Set(['provider', 'status', 'to', 'from', 'providerFields', 'extra']);
    for (const [key, value] of Object.entries(created)) if (!known.has(key)) expect(value, key).toBeNull();
    expect(rawRecord(created as Parameters<typeof rawRecord>[0])).toBe(body);
    // The schema's example status, `accepted`, is no call status: a call accepted for placing is queued.
    expect(telnyx.readCreated({ ...body, status: 'accepted' }).status).toBe('queued');
    expect(telnyx.readCreated({ ...body, call_sid: 'v3:x' }).extra).toEqual({ call_sid: 'v3:x' });
  });

  it('answers a create in the emulator as Telnyx does: 200 and {from, status, to}', () => {
    const record = telnyx.fromCall(telnyx.toCall(JSON.parse(readFileSync(new URL('../../fixtures/telnyx/call.json', import.meta.url), 'utf8'))));
    expect(telnyx.emulated.createdAnswer(record)).toEqual({ status: 200, body: { from: record.from, status: 'queued', to: record.to } });
  });
});
