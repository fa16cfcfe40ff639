import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toDialect } from '../../src/dialects/registry.js';
import type { Provider } from '../../src/model/provider.js';
import type { CallStatus } from '../../src/model/status.js';
import { ACCOUNTS, cliEnvOf } from '../support/accounts.js';
import { makeCall } from '../support/calls.js';
import { startFakeProvider } from '../support/fake-provider.js';
import type { TestServer } from '../support/http-server.js';
import { runCli, spawnCli } from '../support/run-cli.js';

// Issue 10, item 4 and the export part of item 5: nothing already read is lost, and a run can go on.

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const STATUSES: CallStatus[] = ['completed', 'busy', 'failed'];
const callsOf = (provider: Provider, n: number) =>
  Array.from({ length: n }, (_, i) => makeCall(provider, i, ACCOUNTS[provider].account, STATUSES[i % 3]));

/** A provider whose page `failAt` (0-based) fails (a 400, never retried; a 500 with `status`), after the pages before it were served. */
async function failingAt(failAt: number, status = 400, calls = callsOf('twilio', 250)) {
  const server = await startFakeProvider('twilio', calls, (req, res, url) => {
    if (Number(url.searchParams.get('Page') ?? 0) < failAt) return false;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(`{"code":20${status},"message":"Failed"}`);
    return true;
  });
  servers.push(server);
  return server;
}

/** A port nothing listens on: a server's, once closed. */
async function closedPort(): Promise<string> {
  const server = await startFakeProvider('twilio', []);
  await server.close();
  return server.origin;
}

describe('calls list when a later page fails', () => {
  it('writes every call already read as NDJSON and CSV, and exits 1', async () => {
    const server = await failingAt(4);
    const env = cliEnvOf('twilio', server.origin);
    const ndjson = await runCli(['calls', 'list', '--page-size', '50', '--output', 'ndjson'], env);
    expect(ndjson.code).toBe(1);
    expect(ndjson.stderr).toContain('400');
    const lines = ndjson.stdout.trim().split('\n');
    expect(lines).toHaveLength(200);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const csv = await runCli(['calls', 'list', '--page-size', '50', '--output', 'csv'], env);
    expect(csv.code).toBe(1);
    expect(csv.stdout.trim().split('\n')).toHaveLength(201);
  });

  it('closes the JSON array validly', async () => {
    const server = await failingAt(4);
    const result = await runCli(['calls', 'list', '--page-size', '50', '--output', 'json'], cliEnvOf('twilio', server.origin));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toHaveLength(200);
    const first = await failingAt(0);
    const none = await runCli(['calls', 'list', '--output', 'json'], cliEnvOf('twilio', first.origin));
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('writes what was read before a refused next-page link', async () => {
    const calls = callsOf('twilio', 120);
    // The second page's link points elsewhere: the client refuses it.
    const hostile = await startFakeProvider('twilio', calls, (req, res, url) => {
      if (Number(url.searchParams.get('Page') ?? 0) !== 1) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      const page = { calls: calls.slice(50, 100).map((c) => toDialect(c, 'twilio')), page: 1, page_size: 50, next_page_uri: 'https://elsewhere.example/2010-04-01/Accounts/x/Calls.json?Page=2' };
      res.end(JSON.stringify(page));
      return true;
    });
    servers.push(hostile);
    const result = await runCli(['calls', 'list', '--page-size', '50', '--output', 'ndjson'], cliEnvOf('twilio', hostile.origin));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('elsewhere.example');
    expect(result.stdout.trim().split('\n')).toHaveLength(100);
  });
});

describe('calls list --retries', () => {
  it('makes 1 + N attempts at a failing page', async () => {
    const server = await failingAt(0, 500);
    const result = await runCli(['calls', 'list', '--retries', '1', '--output', 'ndjson'], cliEnvOf('twilio', server.origin));
    expect(result.code).toBe(1);
    expect(server.requests).toHaveLength(2);
    expect((await runCli(['calls', 'list', '--retries', 'many'], cliEnvOf('twilio', server.origin))).code).toBe(2);
  });
});

describe('export, resumed', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'callbridge-export-'));

  it('restarts cleanly after a first run that failed on a wrong base URL', async () => {
    const server = await startFakeProvider('twilio', callsOf('twilio', 7));
    servers.push(server);
    const out = join(dir(), 'calls.ndjson');
    const wrong = await runCli(['export', '--out', out], cliEnvOf('twilio', await closedPort()));
    expect(wrong.code).toBe(1);
    expect(existsSync(`${out}.checkpoint`)).toBe(true);
    const fixed = await runCli(['export', '--out', out], cliEnvOf('twilio', server.origin));
    expect(fixed.stderr).toContain('7 calls');
    expect(fixed.code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(7);
  });

  it('resumes when --limit is raised, saying after how many', async () => {
    const server = await startFakeProvider('twilio', callsOf('twilio', 30));
    servers.push(server);
    const env = cliEnvOf('twilio', server.origin);
    const out = join(dir(), 'calls.ndjson');
    expect((await runCli(['export', '--out', out, '--limit', '5'], env)).code).toBe(0);
    const raised = await runCli(['export', '--out', out, '--limit', '12'], env);
    expect(raised.code).toBe(0);
    expect(raised.stderr).toContain('12 calls');
    expect(raised.stderr).toContain('resumed after 5)');
    const sids = readFileSync(out, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { sid: string }).sid);
    expect(sids).toHaveLength(12);
    expect(new Set(sids).size).toBe(12);
    const lowered = await runCli(['export', '--out', out, '--limit', '3'], env);
    expect(lowered.code).toBe(2);
    expect(lowered.stderr).toContain('below the 12 calls');
  });

  it('names what differs from the checkpoint, and how to start over', async () => {
    const server = await startFakeProvider('twilio', callsOf('twilio', 30));
    servers.push(server);
    const env = cliEnvOf('twilio', server.origin);
    const out = join(dir(), 'calls.ndjson');
    expect((await runCli(['export', '--out', out, '--limit', '5'], env)).code).toBe(0);
    const other = await runCli(['export', '--out', out, '--limit', '10', '--status', 'busy', '--dialect', 'twilio'], env);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('another query, dialect');
    expect(other.stderr).toContain(`remove ${out} and ${out}.checkpoint`);
  });

  it('says how to resume after Ctrl-C, and resumes', async () => {
    const calls = callsOf('signalwire', 40);
    let hold = true;
    const server = await startFakeProvider('signalwire', calls, (req, res, url) => hold && Number(url.searchParams.get('Page') ?? 0) > 0);
    servers.push(server);
    const env = cliEnvOf('signalwire', server.origin);
    const out = join(dir(), 'calls.ndjson');
    const args = ['export', '--out', out, '--page-size', '10'];
    const run = spawnCli(args, env);
    while (!existsSync(`${out}.checkpoint`) || (JSON.parse(readFileSync(`${out}.checkpoint`, 'utf8')) as { records: number }).records === 0) {
      await new Promise((r) => setTimeout(r, 20));
    }
    run.child.kill('SIGINT');
    const stopped = await run.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('10 calls');
    expect(stopped.stderr).toContain('run the same command again to resume');
    hold = false;
    const resumed = await runCli(args, env);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('resumed after 10)');
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(40);
  });
});

describe('CSV of zero records', () => {
  it('still has its header (calls list, export, normalize)', async () => {
    const server = await startFakeProvider('twilio', []);
    servers.push(server);
    const env = cliEnvOf('twilio', server.origin);
    const list = await runCli(['calls', 'list', '--output', 'csv'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^provider,sid,accountSid,.*,extra\n$/);
    const dialect = await runCli(['calls', 'list', '--output', 'csv', '--dialect', 'signalwire'], env);
    expect(dialect.stdout).toMatch(/^account_sid,.*,_extra\n$/);
    const out = join(mkdtempSync(join(tmpdir(), 'callbridge-export-')), 'calls.csv');
    expect((await runCli(['export', '--out', out, '--format', 'csv'], env)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(list.stdout);
    const normalize = await runCli(['normalize', '-', '--output', 'csv'], {}, '');
    expect(normalize.stdout).toBe(list.stdout);
  });
});

describe('normalize reads callbridge output back', () => {
  it('reads its canonical NDJSON, JSON and CSV back to the same records', async () => {
    const raw = [...callsOf('twilio', 3), ...callsOf('signalwire', 3)].map((c) => toDialect(c, c.provider));
    const first = await runCli(['normalize', '-'], {}, raw.map((r) => JSON.stringify(r)).join('\n'));
    expect(first.stderr).toContain('6 records written');
    const again = await runCli(['normalize', '-'], {}, first.stdout);
    expect(again.stderr).toContain('6 records written (twilio 3, signalwire 3), 0 rejected');
    expect(again.stdout).toBe(first.stdout);
    const csv = await runCli(['normalize', '-', '--output', 'csv'], {}, first.stdout);
    const fromCsv = await runCli(['normalize', '-'], {}, csv.stdout);
    expect(fromCsv.stderr).toContain('0 rejected');
    expect(fromCsv.stdout).toBe(first.stdout);
    const dir = mkdtempSync(join(tmpdir(), 'callbridge-normalize-'));
    const file = join(dir, 'calls.json');
    writeFileSync(file, `[${first.stdout.trim().split('\n').join(',\n')}]`);
    expect((await runCli(['normalize', file], {})).stdout).toBe(first.stdout);
  });
});
