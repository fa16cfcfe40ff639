import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toDialect } from '../../src/dialects/registry.js';
import type { Provider } from '../../src/model/provider.js';
import type { CallStatus } from '../../src/model/status.js';
import { ACCOUNTS, cliEnvOf } from '../support/accounts.js';
import { makeCall, sidOf } from '../support/calls.js';
import { startFakeProvider } from '../support/fake-provider.js';
import type { TestServer } from '../support/http-server.js';
import { runCli, spawnCli } from '../support/run-cli.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const STATUSES: CallStatus[] = ['completed', 'busy', 'failed'];
const callsOf = (provider: Provider, n: number) =>
  Array.from({ length: n }, (_, i) => makeCall(provider, i, ACCOUNTS[provider].account, STATUSES[i % 3]));

describe('callbridge CLI', () => {
  it('prints help, and exits 2 with one line for usage errors', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('callbridge calls list');
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    const badFlag = await runCli(['calls', 'list', '--nope']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr.trim().split('\n')).toHaveLength(1);
    const noConfig = await runCli(['calls', 'list']);
    expect(noConfig.code).toBe(2);
    expect(noConfig.stderr).toContain('TWILIO_ACCOUNT_SID');
    const badStatus = await runCli(['calls', 'list', '--status', 'nope'], cliEnvOf('twilio', 'http://127.0.0.1:9'));
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toMatch(/^callbridge calls list: --status "nope" is not a status/);
  });

  describe.each<Provider>(['twilio', 'signalwire'])('on %s', (provider) => {
    it('lists with filters as NDJSON, JSON and quoted CSV, and gets one call', async () => {
      const calls = callsOf(provider, 12);
      calls[0]!.callerName = 'Doe, "Jane"\nII';
      const server = await startFakeProvider(provider, calls);
      servers.push(server);
      const env = cliEnvOf(provider, server.origin);
      const ndjson = await runCli(['calls', 'list', '--status', 'busy', '--status', 'completed', '--page-size', '2', '--output', 'ndjson'], env);
      expect(ndjson.code).toBe(0);
      const lines = ndjson.stdout.trim().split('\n').map((l) => JSON.parse(l) as { sid: string; status: string });
      expect(lines.map((l) => l.sid)).toEqual([...calls].reverse().filter((c) => c.status !== 'failed').map((c) => c.sid));

      const other: Provider = provider === 'twilio' ? 'signalwire' : 'twilio';
      const json = await runCli(['calls', 'list', '--limit', '3', '--output', 'json', '--dialect', other], env);
      const records = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
      expect(records).toHaveLength(3);
      expect(records[0]).toEqual(toDialect([...calls].reverse()[0]!, other));

      const csv = await runCli(['calls', 'list', '--output', 'csv'], env);
      expect(csv.code).toBe(0);
      expect(csv.stdout).not.toContain('[object Object]');
      expect(csv.stdout).toContain('"Doe, ""Jane""\nII"');
      expect(csv.stdout.split('\n')[0]).toMatch(/^provider,sid,/);

      const get = await runCli(['calls', 'get', sidOf(provider, 3)], env);
      expect(get.code).toBe(0);
      expect(JSON.parse(get.stdout)).toMatchObject({ sid: sidOf(provider, 3), provider });
      const missing = await runCli(['calls', 'get', sidOf(provider, 99)], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('404');
      for (const r of [ndjson, json, csv, get, missing]) expect(r.stdout + r.stderr).not.toContain(ACCOUNTS[provider].token);
    });
  });

  it('never prints the token, even with --debug', async () => {
    const server = await startFakeProvider('twilio', [], (req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 20003, message: 'Authenticate' }));
      return true;
    });
    servers.push(server);
    const result = await runCli(['calls', 'list', '--debug'], cliEnvOf('twilio', server.origin));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('AuthenticationError');
    expect(result.stderr + result.stdout).not.toContain(ACCOUNTS.twilio.token);
    expect(result.stderr + result.stdout).not.toContain(Buffer.from(`${ACCOUNTS.twilio.account}:${ACCOUNTS.twilio.token}`).toString('base64'));
  });
});

describe('callbridge normalize', () => {
  it('reads mixed pages, arrays and NDJSON of both dialects, and rejects bad lines with file, line and reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callbridge-normalize-'));
    const tw = callsOf('twilio', 4).map((c) => toDialect(c, 'twilio'));
    const sw = callsOf('signalwire', 4).map((c) => toDialect(c, 'signalwire'));
    const ndjson = join(dir, 'mixed.ndjson');
    writeFileSync(ndjson, [
      JSON.stringify(tw[0]),
      JSON.stringify(sw[0]),
      'this is not json',
      JSON.stringify(tw[1]).slice(0, 80),
      JSON.stringify({ calls: [tw[2], sw[1]], next_page_uri: null }),
      JSON.stringify({ ...sw[2], start_time: 'Mon, 31 Sep 2018 10:00:00 +0000' }),
      '',
    ].join('\n'));
    const pretty = join(dir, 'page.json');
    writeFileSync(pretty, JSON.stringify({ calls: [sw[3], tw[3]], page: 0 }, null, 2));
    const array = join(dir, 'array.json');
    writeFileSync(array, JSON.stringify([tw[1], sw[2]], null, 1));
    const rejects = join(dir, 'rejects.ndjson');

    const result = await runCli(['normalize', ndjson, pretty, '-', '--rejects', rejects], {}, readFileSync(array, 'utf8'));
    expect(result.code).toBe(0);
    const out = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { provider: string; sid: string });
    expect(out).toHaveLength(8);
    expect(out.filter((c) => c.provider === 'twilio')).toHaveLength(4);
    expect(result.stderr).toContain('8 records written (twilio 4, signalwire 4), 3 rejected');
    const bad = readFileSync(rejects, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { file: string; line: number; reason: string });
    expect(bad.map((b) => [b.file, b.line])).toEqual([[ndjson, 3], [ndjson, 4], [ndjson, 6]]);
    expect(bad[2]!.reason).toContain('start_time');
  });
});

describe('callbridge export', () => {
  it('resumes after SIGKILL with every call exactly once', async () => {
    const calls = callsOf('signalwire', 60);
    let slow = true;
    const server = await startFakeProvider('signalwire', calls, (req, res, url) => {
      // Hold every page after the first of each status, so the kill lands mid-export.
      return slow && Number(url.searchParams.get('Page') ?? 0) > 0;
    });
    servers.push(server);
    const env = cliEnvOf('signalwire', server.origin);
    const dir = mkdtempSync(join(tmpdir(), 'callbridge-export-'));
    const out = join(dir, 'calls.ndjson');
    const args = ['export', '--out', out, '--page-size', '10', '--status', 'busy', '--status', 'completed', '--timeout', '60000'];
    const first = spawnCli(args, env);
    // Killed once some calls are written and checkpointed, with pages still to come.
    const checkpointed = () => {
      try {
        return (JSON.parse(readFileSync(`${out}.checkpoint`, 'utf8')) as { records: number }).records > 0;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 10_000;
    while (!checkpointed() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const checkpoint = JSON.parse(readFileSync(`${out}.checkpoint`, 'utf8')) as { records: number; done: boolean };
    expect(checkpoint.done).toBe(false);
    expect(checkpoint.records).toBeGreaterThan(0);

    slow = false;
    const second = await runCli(args, env);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('resumed after');
    const sids = readFileSync(out, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { sid: string }).sid);
    const expected = [...calls].reverse().filter((c) => c.status !== 'failed').map((c) => c.sid);
    expect(sids).toEqual(expected);
    const again = await runCli(args, env);
    expect(again.stderr).toContain('already complete');
  });
});

describe('callbridge export, first run failing', () => {
  it('can simply be run again when it fails before its first page', async () => {
    const calls = callsOf('twilio', 5);
    let refuse = true;
    const server = await startFakeProvider('twilio', calls, (req, res) => {
      if (!refuse) return false;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"code":20003,"message":"Authenticate"}');
      return true;
    });
    servers.push(server);
    const out = join(mkdtempSync(join(tmpdir(), 'callbridge-export-')), 'calls.csv');
    const args = ['export', '--out', out, '--format', 'csv'];
    expect((await runCli(args, cliEnvOf('twilio', server.origin))).code).toBe(1);
    refuse = false;
    const second = await runCli(args, cliEnvOf('twilio', server.origin));
    expect(second.code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(6);
    expect((await runCli(['export', '--out', out, '--format', 'xml'], cliEnvOf('twilio', server.origin))).stderr).toContain('--format must be');
  });
});

describe('callbridge normalize --assume', () => {
  it('decides only for records whose dialect cannot be detected', async () => {
    const sw = toDialect(callsOf('signalwire', 1)[0]!, 'signalwire');
    const bare = { sid: 'legacy-1', status: 'completed', caller_name: 'Reception' };
    const input = `${JSON.stringify(sw)}\n${JSON.stringify(bare)}\n`;
    const without = await runCli(['normalize', '-'], {}, input);
    expect(without.stdout.trim().split('\n')).toHaveLength(1);
    expect(without.stderr).toContain('1 rejected');
    const withAssume = await runCli(['normalize', '-', '--assume', 'twilio'], {}, input);
    const out = withAssume.stdout.trim().split('\n').map((l) => JSON.parse(l) as { provider: string; sid: string });
    expect(out.map((c) => [c.provider, c.sid])).toEqual([['signalwire', sw.sid], ['twilio', 'legacy-1']]);
  });
});

describe('callbridge calls list --twilio-query', () => {
  it('runs a Twilio query string against SignalWire', async () => {
    const calls = callsOf('signalwire', 9);
    const server = await startFakeProvider('signalwire', calls);
    servers.push(server);
    const result = await runCli(['calls', 'list', '--twilio-query', 'Status=busy&StartTime>=2024-03-05', '--output', 'ndjson'], cliEnvOf('signalwire', server.origin));
    expect(result.code).toBe(0);
    const sids = result.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { sid: string }).sid);
    expect(sids).toEqual([...calls].reverse().filter((c) => c.status === 'busy').map((c) => c.sid));
    const sent = new URL(server.requests[0]!.url, server.origin).searchParams;
    expect(sent.get('Status')).toBe('busy');
    expect(sent.get('StartTime>')).toMatch(/^Mon, 04 Mar 2024 23:59:59 \+0000$/);
  });
});
