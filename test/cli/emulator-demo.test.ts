import { describe, expect, it } from 'vitest';
import { createCallClient } from '../../src/client/call-client.js';
import { runCli, spawnCli } from '../support/run-cli.js';

describe('callbridge demo', () => {
  it('runs one query on every dialect of the embedded emulator and finds them in agreement', async () => {
    const result = await runCli(['demo', '--calls', '500']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/the 3 dialects agree on all [1-9]\d* calls/);
    expect(result.stdout).toMatch(/Telnyx: \d+ requests/);
    expect(result.stdout).toContain('StartTime>=');
    expect(result.stdout).toMatch(/by status: (?:\w+ \d+, )*completed \d+/);
  });
});

describe('callbridge emulator', () => {
  it('prints one JSON line when ready, serves every dialect, and stops on SIGTERM', async () => {
    const { child, done } = spawnCli(['emulator', '--calls', '120', '--seed', '9', '--faults', 'latency=1']);
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout!.on('data', (d: string) => {
        text += d;
        if (text.includes('\n')) resolve(text.split('\n')[0]!);
      });
      child.on('close', () => reject(new Error('emulator exited before it was ready')));
    });
    const ready = JSON.parse(line) as {
      url: string;
      calls: number;
      twilio: { accountSid: string; authToken: string };
      signalwire: { projectId: string; token: string; signingKey: string };
      telnyx: { accountSid: string; apiKey: string; publicKey: string };
    };
    // The key the SignalWire dialect's status callbacks are signed with; Twilio's are signed with the auth token.
    expect(ready.signalwire.signingKey).toMatch(/^PSK_[0-9a-f]{32}$/);
    // Telnyx's are verified with the public key of an Ed25519 pair.
    expect(Object.keys(ready.telnyx).sort()).toEqual(['accountSid', 'apiKey', 'publicKey']);
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.calls).toBe(120);
    const twilio = createCallClient({ provider: 'twilio', baseUrl: ready.url, env: {}, ...ready.twilio });
    const signalwire = createCallClient({ provider: 'signalwire', baseUrl: ready.url, env: {}, projectId: ready.signalwire.projectId, token: ready.signalwire.token });
    const telnyx = createCallClient({ provider: 'telnyx', baseUrl: ready.url, env: {}, ...ready.telnyx });
    const [t, s, x] = await Promise.all([twilio.calls.list({ pageSize: 50 }), signalwire.calls.list({ pageSize: 50 }), telnyx.calls.list({ pageSize: 50 })]);
    expect(t).toHaveLength(120);
    expect(s.map((c) => c.sid.replaceAll('-', ''))).toEqual(t.map((c) => c.sid.slice(2)));
    expect(x.map((c) => c.sid)).toEqual(t.map((c) => `v3:${c.sid}`));
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('stopped on SIGTERM');
  });

  it('refuses bad flags with exit code 2', async () => {
    expect((await runCli(['emulator', '--faults', 'explode=1'])).code).toBe(2);
    expect((await runCli(['emulator', '--calls', 'many'])).code).toBe(2);
  });
});
