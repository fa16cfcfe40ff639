import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallClient, normalizeCall, rawRecord, rawRecordText } from '../../src/index.js';
import { type TestServer, sendJson, startServer } from '../support/http-server.js';

const sample = readFileSync(new URL('../../fixtures/twilio/published/openapi-list-calls-page-1.json', import.meta.url), 'utf8');
const records = (JSON.parse(sample) as { calls: Array<{ sid: string; account_sid: string }> }).calls;

describe('rawRecordText', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  async function clientOfSample() {
    // Twilio's published page, served verbatim; its next page is empty.
    server = await startServer((_req, res, url) => {
      if (url.searchParams.has('PageToken')) sendJson(res, 200, { calls: [], next_page_uri: null, page: 1, page_size: 2 });
      else res.writeHead(200, { 'content-type': 'application/json' }).end(sample);
    });
    return createCallClient({ provider: 'twilio', baseUrl: server.origin, env: {}, accountSid: records[0]!.account_sid, authToken: 'token' });
  }

  it('is each record’s text in the page, as written, when listed with rawText', async () => {
    const calls = await (await clientOfSample()).calls.list({}, { rawText: true });
    expect(calls.map((call) => call.sid)).toEqual(records.map((record) => record.sid));
    for (const call of calls) {
      const text = rawRecordText(call)!;
      expect(sample).toContain(text);
      expect(text).not.toBe(JSON.stringify(rawRecord(call)));
      expect(JSON.parse(text)).toEqual(rawRecord(call));
    }
  });

  it('is undefined without the option, and for a record read on its own', async () => {
    const calls = await (await clientOfSample()).calls.list();
    expect(calls.map((call) => rawRecordText(call))).toEqual([undefined, undefined]);
    expect(rawRecordText(normalizeCall(records[0]))).toBeUndefined();
  });
});
