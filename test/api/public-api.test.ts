import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/dialects/registry.js';
import * as emulator from '../../src/emulator/index.js';
import * as api from '../../src/index.js';
import * as webhooks from '../../src/webhooks/index.js';
import { CallbridgeError } from '../../src/model/errors/callbridge-error.js';
import { PROVIDERS } from '../../src/model/provider.js';
import { resolveQuery } from '../../src/model/query.js';

const RUNTIME = ['PROVIDERS', 'createCallClient', 'formatNational', 'fromTwilioQuery', 'normalizeCall', 'planQuery', 'rawRecord', 'rawRecordText', 'toDialect'];
const isErrorClass = (value: unknown) => typeof value === 'function' && (value === CallbridgeError || value.prototype instanceof CallbridgeError);

describe('the root entry', () => {
  it('exports the documented runtime names and error classes, nothing else', () => {
    const names = Object.keys(api);
    expect(names.filter((name) => !isErrorClass(api[name as keyof typeof api])).sort()).toEqual(RUNTIME);
    const docs = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    for (const name of names) expect(docs, `docs/api.md lists ${name}`).toMatch(new RegExp(`\`${name}[\`(]`));
  });

  it('leaves webhooks to callbridge/webhooks, which exports the documented names', () => {
    expect('verifyWebhook' in api).toBe(false);
    const runtime = Object.keys(webhooks).filter((name) => !isErrorClass(webhooks[name as keyof typeof webhooks]));
    expect(runtime.sort()).toEqual([
      'PROVIDERS', 'parseStatusCallback', 'readRawBody', 'signSignalWire', 'signTelnyx', 'signTwilio',
      'statusCallbackFields', 'telnyxPublicKey', 'verifyFetchRequest', 'verifyNodeRequest', 'verifyWebhook',
    ]);
    expect(webhooks.ConfigError).toBe(api.ConfigError);
    expect(webhooks.WebhookVerificationError.prototype).toBeInstanceOf(api.CallbridgeError);
    const docs = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('## `callbridge/webhooks`'));
    for (const name of Object.keys(webhooks)) expect(section, `docs/api.md lists ${name} under callbridge/webhooks`).toMatch(new RegExp(`\`${name}[\`(]`));
  });

  it('leaves the emulator to its own entry', () => {
    expect('startEmulator' in api).toBe(false);
    expect(typeof emulator.startEmulator).toBe('function');
  });

  it('planQuery shows what a query becomes on each provider, as the client sends it', () => {
    const query = api.fromTwilioQuery('Status=busy&StartTime>=2024-03-05');
    for (const provider of PROVIDERS) {
      const plan = api.planQuery(query, provider, 'ACCOUNT');
      expect(plan.requests).toEqual(DIALECTS[provider].toListPlan(resolveQuery(query), 'ACCOUNT').requests);
    }
    const plan = api.planQuery(query, 'signalwire', '2b7f9a1e-5c3d-4e8f-9a0b-1c2d3e4f5a6b');
    expect(plan.requests[0]!.path).toBe('/api/laml/2010-04-01/Accounts/2b7f9a1e-5c3d-4e8f-9a0b-1c2d3e4f5a6b/Calls');
    expect(plan.requests[0]!.searchParams).toEqual([['StartTime>', 'Mon, 04 Mar 2024 23:59:59 +0000'], ['PageSize', '50'], ['Status', 'busy']]);
    expect(api.planQuery({}, 'twilio').requests[0]!.path).toBe('/2010-04-01/Accounts/{account}/Calls.json');
  });
});
