import { readFileSync } from 'node:fs';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallClient } from '../../src/client/call-client.js';
import { toDialect } from '../../src/dialects/registry.js';
import { loadDataset, startEmulator } from '../../src/emulator/index.js';
import { runCli as runInProcess } from '../../src/cli/run-cli.js';
import type { CallQuery } from '../../src/model/query.js';
import { ACCOUNTS } from '../support/accounts.js';
import { makeCall } from '../support/calls.js';
import { startFakeProvider } from '../support/fake-provider.js';
import { type TestServer, startServer } from '../support/http-server.js';
import { runCli } from '../support/run-cli.js';

// Issue 10, item 5: each defect gets a usage error (exit 2, what to change) or the documented behaviour.

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const twilioEnv = (origin: string): Record<string, string> => ({
  CALLBRIDGE_BASE_URL: origin,
  TWILIO_ACCOUNT_SID: ACCOUNTS.twilio.account,
  TWILIO_AUTH_TOKEN: ACCOUNTS.twilio.token,
});
const NOWHERE = twilioEnv('http://127.0.0.1:9');

describe('usage errors say what to change, with exit 2', () => {
  it.each([
    [['calls', 'list', '--limit', '-1'], '--limit must be a whole number of 1 or more, not "-1"'],
    [['calls', 'list', '--limit', '0'], '--limit must be a whole number of 1 or more'],
    [['calls', 'list', '--twilio-query', 'PageSize=abc'], '--twilio-query PageSize must be a whole number from 1 to 1000, not "abc"'],
    [['calls', 'list', '--default-country', 'XX'], 'default country "XX"'],
    [['calls', 'list', '--retries', '-2'], '--retries must be a whole number of 0 or more'],
    [['calls', 'list', '--status', 'done'], '"done" is not a status; use one of queued, ringing'],
    [['calls', 'list', '--output', 'table', '--dialect', 'twilio'], '--output table shows canonical columns'],
    [['calls', 'get', 'CA0', '--output', 'table', '--dialect', 'signalwire'], '--output table shows canonical columns'],
    [['emulator', '--port', '99999'], '--port must be a whole number from 0 to 65535, not "99999"'],
    [['emulator', '--faults', 'next-page-origin=notaurl'], 'next-page-origin must be an http(s) URL'],
  ])('%j', async (args, message) => {
    const result = await runCli(args, NOWHERE);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/NaN|RangeError|at .*\.js:\d+/);
    expect(result.code).toBe(2);
  });

  it('names the subcommand that failed', async () => {
    const list = await runCli(['calls', 'list', '--limit', 'x'], NOWHERE);
    expect(list.stderr).toMatch(/^callbridge calls list: .*\(see callbridge calls list --help\)\n$/);
    const get = await runCli(['calls', 'get'], NOWHERE);
    expect(get.stderr).toMatch(/^callbridge calls get: /);
  });

  it('refuses a --rejects file that cannot be written, before reading anything', async () => {
    const result = await runCli(['normalize', '-', '--rejects', '/missing/dir/r.ndjson'], {}, '{"sid":"x"}\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot write --rejects /missing/dir/r.ndjson (ENOENT)');
    expect(result.stderr).not.toContain('Unhandled');
  });
});

describe('help', () => {
  it('tells calls, calls list and calls get apart, and lists the statuses', async () => {
    const [calls, list, get] = await Promise.all([['calls', '--help'], ['calls', 'list', '--help'], ['calls', 'get', '--help']].map((a) => runCli(a)));
    expect(new Set([calls!.stdout, list!.stdout, get!.stdout]).size).toBe(3);
    expect(list!.stdout).toContain('queued, ringing, in-progress, completed, busy, failed, no-answer, canceled');
    expect(list!.stdout).toContain('--retries N');
    expect(get!.stdout).toContain('callbridge calls get <sid>');
    expect(get!.stdout).not.toContain('--started-after');
  });
});

describe('errors name the host that failed', () => {
  it('on a refused connection', async () => {
    const server = await startServer(() => {});
    await server.close();
    const result = await runCli(['calls', 'list', '--retries', '0'], twilioEnv(server.origin));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`GET ${server.origin}/2010-04-01/`);
    expect(result.stderr).toContain('ECONNREFUSED');
  });

  it('on a 404 from a server that is not the API, pointing at the base URL', async () => {
    const server = await startServer((req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    });
    servers.push(server);
    const result = await runCli(['calls', 'list'], twilioEnv(server.origin));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(server.origin);
    expect(result.stderr).toContain('check that the base URL');
    expect(result.stderr).not.toContain('Check the sid');
  });

  it('does not retry a port fetch refuses outright', async () => {
    // 6000 is on fetch's list of blocked ports: no connection is ever attempted.
    const result = await runCli(['calls', 'list'], twilioEnv('http://127.0.0.1:6000'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('failed after 1 attempt: bad port');
  });
});

describe('calls list --status with --twilio-query', () => {
  it('refines the query string\'s statuses (only those both name)', async () => {
    const calls = Array.from({ length: 9 }, (_, i) => makeCall('twilio', i, ACCOUNTS.twilio.account, (['completed', 'busy', 'failed'] as const)[i % 3]));
    const server = await startFakeProvider('twilio', calls);
    servers.push(server);
    const result = await runCli(['calls', 'list', '--twilio-query', 'Status=busy', '--status', 'busy,completed', '--output', 'ndjson'], twilioEnv(server.origin));
    expect(result.code).toBe(0);
    const statuses = result.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { status: string }).status);
    expect(new Set(statuses)).toEqual(new Set(['busy']));
    const disjoint = await runCli(['calls', 'list', '--twilio-query', 'Status=busy', '--status', 'failed'], twilioEnv(server.origin));
    expect(disjoint.code).toBe(2);
    expect(disjoint.stderr).toContain('no status in common');
  });
});

describe('normalize', () => {
  it('names an array element by its own index', async () => {
    const result = await runCli(['normalize', '-'], {}, '[1,2,{"sid":"x"}]');
    expect(result.stderr).toContain('(stdin):1 [2]:');
    expect(result.stderr).toContain('element [0] is not a JSON object');
    expect(result.stderr).toContain('element [1] is not a JSON object');
    expect(result.stderr).not.toMatch(/\[0\]: record/);
  });

  it('advises --assume for a record of unknown dialect, not the library option', async () => {
    const result = await runCli(['normalize', '-'], {}, '{"sid":"legacy-1","status":"completed"}\n');
    expect(result.stderr).toContain('pass --assume twilio|signalwire');
    expect(result.stderr).not.toContain('{ dialect }');
  });

  it('shows progress on a terminal', async () => {
    const record = JSON.stringify(toDialect(makeCall('twilio', 1, ACCOUNTS.twilio.account), 'twilio'));
    let shown = '';
    const stderr = Object.assign(new Writable({ write: (chunk, _e, done) => ((shown += String(chunk)), done()) }), { isTTY: true });
    const stdout = new Writable({ write: (_c, _e, done) => done() });
    const stdin = new PassThrough();
    stdin.end(`${record}\n`);
    const code = await runInProcess(['normalize', '-'], { stdin, stdout, stderr, env: {} });
    expect(code).toBe(0);
    expect(shown).toMatch(/\rnormalize: 1 calls/);
  });
});

describe('emulator', () => {
  it('reads callbridge canonical NDJSON and CSV with --load', async () => {
    const calls = Array.from({ length: 4 }, (_, i) => makeCall(i % 2 === 0 ? 'twilio' : 'signalwire', i, ACCOUNTS[i % 2 === 0 ? 'twilio' : 'signalwire'].account));
    const normalized = await runCli(['normalize', '-'], {}, calls.map((c) => JSON.stringify(toDialect(c, c.provider))).join('\n'));
    const csv = await runCli(['normalize', '-', '--output', 'csv'], {}, normalized.stdout);
    expect((await loadDataset({ name: 'calls.ndjson', text: normalized.stdout })).size).toBe(4);
    expect((await loadDataset({ name: 'calls.csv', text: csv.stdout })).size).toBe(4);
  });

  it('on 0.0.0.0 gives a URL the client accepts', async () => {
    const emulator = await startEmulator({ calls: 10, host: '0.0.0.0' });
    try {
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = createCallClient({ provider: 'twilio', baseUrl: emulator.url, env: {}, ...emulator.twilio });
      expect(await client.calls.list({ limit: 3 })).toHaveLength(3);
    } finally {
      await emulator.close();
    }
  });

  it('covers the date of the README Job 1 example', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const job1 = readme.slice(readme.indexOf('## Job 1'));
    const date = /startedOn: \{ date: '(\d{4}-\d\d-\d\d)', timeZone: '([^']+)' \}/.exec(job1)!;
    const emulator = await startEmulator({ calls: 1000 });
    try {
      const client = createCallClient({ provider: 'twilio', baseUrl: emulator.url, env: {}, ...emulator.twilio });
      const query: CallQuery = { status: ['completed', 'busy'], startedOn: { date: date[1]!, timeZone: date[2]! }, limit: 20 };
      expect(await client.calls.list(query)).not.toHaveLength(0);
    } finally {
      await emulator.close();
    }
  });
});
