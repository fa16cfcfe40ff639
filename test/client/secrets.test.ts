import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallClient } from '../../src/client/call-client.js';
import { resolveConfig } from '../../src/client/config.js';
import type { Provider } from '../../src/model/provider.js';
import { ACCOUNTS, clientOptions } from '../support/accounts.js';
import { type TestServer, sendJson, startServer } from '../support/http-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Every way an error can be shown, concatenated. */
function everything(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [String(e), e.message, e.stack, inspect(e, { depth: 10, showHidden: true }), JSON.stringify(e), inspect(e.cause, { depth: 10 }), JSON.stringify(Object.entries(e))].join('\n');
}

describe.each<Provider>(['twilio', 'signalwire'])('%s secrets', (provider) => {
  const { account, token } = ACCOUNTS[provider];
  const basic = Buffer.from(`${account}:${token}`).toString('base64');

  it('never shows the token in errors of any kind', async () => {
    let mode = 0;
    const server = await startServer((req, res) => {
      mode++;
      if (mode === 1) sendJson(res, 401, { code: 20003, message: 'Authenticate' });
      else if (mode === 2) sendJson(res, 500, { message: 'boom' });
      else if (mode === 3) sendJson(res, 200, { calls: [], next_page_uri: 'https://evil.example/steal' });
      // mode 4: never answers (timeout)
    });
    servers.push(server);
    const client = createCallClient(clientOptions(provider, server.origin, { retry: { limit: 0 }, timeout: 200 }));
    const errors = [];
    for (let i = 0; i < 4; i++) errors.push(await client.calls.list().catch((e: unknown) => e));
    // Connection refused: a port nothing listens on.
    const closed = await startServer(() => {});
    await closed.close();
    errors.push(await createCallClient(clientOptions(provider, closed.origin, { retry: { limit: 0 } })).calls.list().catch((e: unknown) => e));
    expect(errors.map((e) => (e as Error).name)).toEqual(['AuthenticationError', 'ProviderError', 'RefusedLinkError', 'TimeoutError', 'NetworkError']);
    for (const error of errors) {
      const shown = everything(error);
      expect(shown).not.toContain(token);
      expect(shown).not.toContain(basic);
    }
  });

  it('never shows the token when the client or its config is inspected or serialized', () => {
    const options = clientOptions(provider, 'http://127.0.0.1:9');
    const client = createCallClient(options);
    const config = resolveConfig(options);
    for (const shown of [inspect(client, { depth: 10, showHidden: true }), JSON.stringify(client), inspect(config, { depth: 10 }), JSON.stringify(config), `${config.secret}`, `${config.authorization}`]) {
      expect(shown).not.toContain(token);
      expect(shown).not.toContain(basic);
    }
  });
});
