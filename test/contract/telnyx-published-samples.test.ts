import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIALECTS, detectDialect, normalizeCall, toDialect } from '../../src/dialects/registry.js';

const published = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/telnyx/published/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

// Expectations written by hand from the samples, not from src/.
describe('Telnyx\'s published samples', () => {
  it('reads the CallResource example field by field', () => {
    const raw = published('call-resource-example.json');
    expect(detectDialect(raw)).toBe('telnyx');
    const call = normalizeCall(raw);
    expect(call).toMatchObject({
      provider: 'telnyx',
      sid: 'v3:KBnLO0ZK3DhKM5s7bE9VluaSmKsOchKht_fUYvxcp8ysbmzCCtpkmA',
      accountSid: '61bf923e-5e4d-4595-a110-56190ea18a1b',
      answeredBy: 'human',
      answeredByDetail: 'human',
      callerName: '+13122010094',
      dateCreated: '2023-06-15T09:56:45Z',
      dateUpdated: '2023-06-15T09:56:56Z',
      direction: 'inbound',
      directionDetail: 'inbound',
      duration: 11,
      endTime: '2023-06-15T09:56:56Z',
      startTime: '2023-06-15T09:56:45Z',
      from: { kind: 'phone', value: '+13123456789', e164: '+13123456789' },
      fromFormatted: '(312) 345-6789',
      to: { kind: 'phone', value: '+13987654321' },
      toFormatted: '(398) 765-4321',
      status: 'completed',
      price: null,
      priceUnit: null,
      parentCallSid: null,
      apiVersion: null,
      subresourceUris: null,
      uri: '/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls/v3:KBnLO0ZK3DhKM5s7bE9VluaSmKsOchKht_fUYvxcp8ysbmzCCtpkmA.json',
      extra: {},
    });
    // Written back: the sample's fields verbatim, the undocumented-by-the-sample price fields null.
    expect(toDialect(call, 'telnyx')).toEqual({ ...raw, price: null, price_unit: null });
  });

  it('reads the CallResourceIndex example as a last page without calls', () => {
    const page = DIALECTS.telnyx.readPage(published('calls-list-page-example.json'));
    expect(page.records).toEqual([]);
    expect(page.nextPageUri).toBe('/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=1&PageSize=1&PageToken=MTY4AjgyNDkwNzIxMQ');
    // The 2024 spec's `data` wrapper reads the same.
    expect(DIALECTS.telnyx.readPage({ data: published('calls-list-page-example.json') })).toEqual(page);
  });

  it('reads the error bodies: a code of digits as a number, the detail as the message', () => {
    expect(DIALECTS.telnyx.readError(published('error-404-not-found.json'))).toEqual({ code: null, message: 'Resource not found', moreInfo: null });
    expect(DIALECTS.telnyx.readError(published('error-422-invalid-enumerated-value.json'))).toEqual({
      code: 10032, message: 'Status must be one of completed', moreInfo: null,
    });
  });
});
