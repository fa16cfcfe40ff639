import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';

let em: Emulator | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
});

async function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdin: new PassThrough(),
    stdout: new Writable({ write: (chunk, _e, done) => ((stdout += String(chunk)), done()) }),
    stderr: new Writable({ write: (chunk, _e, done) => ((stderr += String(chunk)), done()) }),
    env,
  });
  return { code, stdout, stderr };
}

// The environment of each provider, from the emulator's own credentials.
const ENV: Record<string, (e: Emulator) => Record<string, string>> = {
  twilio: (e) => ({ CALLBRIDGE_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: e.twilio.accountSid, TWILIO_AUTH_TOKEN: e.twilio.authToken }),
  signalwire: (e) => ({ CALLBRIDGE_PROVIDER: 'signalwire', SIGNALWIRE_PROJECT_ID: e.signalwire.projectId, SIGNALWIRE_API_TOKEN: e.signalwire.token }),
};

describe.each(Object.keys(ENV))('%s: callbridge calls create|update|delete', (provider) => {
  it('places, ends and deletes a call with the same flags', async () => {
    em = await startEmulator({ calls: 50, clock: { manual: true } });
    const env = { ...ENV[provider]!(em), CALLBRIDGE_BASE_URL: em.url };
    const created = await run(['calls', 'create', '--to', '+14155550100', '--from', '+14155550199', '--url', 'https://example.com/a.xml', '--status-callback-event', 'initiated,completed', '--ring-timeout', '30'], env);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const call = JSON.parse(created.stdout) as { sid: string; status: string; provider: string };
    expect(call).toMatchObject({ status: 'queued', provider });
    const ended = await run(['calls', 'update', call.sid, '--status', 'canceled'], env);
    expect(ended.code).toBe(0);
    expect(JSON.parse(ended.stdout)).toMatchObject({ sid: call.sid, status: 'canceled' });
    expect(await run(['calls', 'delete', call.sid], env)).toMatchObject({ code: 0, stdout: '' });
    expect(em.calls.list()).toHaveLength(0);
  });
});

describe('telnyx: callbridge calls create|update|delete', () => {
  it('places a call (its answer has no sid), finds it by to and from, ends it; delete exits 2 before any request', async () => {
    em = await startEmulator({ calls: 50, clock: { manual: true } });
    const env = { CALLBRIDGE_PROVIDER: 'telnyx', TELNYX_ACCOUNT_SID: em.telnyx.accountSid, TELNYX_API_KEY: em.telnyx.apiKey, CALLBRIDGE_BASE_URL: em.url };
    const created = await run(['calls', 'create', '--to', '+14155550100', '--from', '+14155550199', '--application-sid', '1293384261075731499', '--url', 'https://example.com/a.xml', '--status-callback-event', 'initiated,completed'], env);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(created.stdout)).toMatchObject({ provider: 'telnyx', sid: null, status: 'queued', to: { value: '+14155550100' }, accountSid: null });

    const listed = await run(['calls', 'list', '--to', '+14155550100', '--from', '+14155550199', '--limit', '1', '--output', 'json'], env);
    const [call] = JSON.parse(listed.stdout) as Array<{ sid: string }>;
    expect(call!.sid).toMatch(/^v3:/);

    expect((await run(['calls', 'update', call!.sid, '--status', 'canceled'], env)).code).toBe(2);
    const ended = await run(['calls', 'update', call!.sid, '--status', 'completed'], env);
    expect(ended.code).toBe(0);
    expect(JSON.parse(ended.stdout)).toMatchObject({ sid: call!.sid, status: 'canceled' });

    const requests = em.requestCount;
    const deleted = await run(['calls', 'delete', call!.sid], env);
    expect(deleted.code).toBe(2);
    expect(deleted.stderr).toMatch(/telnyx cannot take delete/);
    expect(em.requestCount).toBe(requests);
    expect(em.calls.list()).toHaveLength(1);
  });
});

describe('callbridge calls create refusals', () => {
  it('exits 2 on a field the provider cannot take, before any request', async () => {
    em = await startEmulator({ calls: 50 });
    const env = { ...ENV.signalwire!(em), CALLBRIDGE_BASE_URL: em.url };
    const result = await run(['calls', 'create', '--to', '+14155550100', '--from', '+14155550199', '--twiml', '<Response/>'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/signalwire cannot take `twiml`/);
    expect(em.requestCount).toBe(0);
  });

  it('exits 1 and says how to look when the answer is lost after sending', async () => {
    em = await startEmulator({ calls: 50, faults: { writes: { fault: 'fail' } } });
    const env = { ...ENV.twilio!(em), CALLBRIDGE_BASE_URL: em.url };
    const result = await run(['calls', 'create', '--to', '+14155550100', '--from', '+14155550199', '--url', 'https://example.com/a.xml'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/may or may not exist.*list calls with \{"to":"\+14155550100"/);
    expect(em.calls.createdCount).toBe(1);
  });
});
