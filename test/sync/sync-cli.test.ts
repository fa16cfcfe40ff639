import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('callbridge sync, command line', () => {
  it('is listed in the help, with its own help', async () => {
    expect((await runCli(['--help'])).stdout).toContain('callbridge sync [--to TARGET]');
    const help = await runCli(['sync', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--window DURATION');
  });

  it('refuses a bad command line with exit 2 before touching any target', async () => {
    const env = { TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`, TWILIO_AUTH_TOKEN: 't', CALLBRIDGE_BASE_URL: 'http://127.0.0.1:9' };
    for (const [args, message] of [
      [['sync', '--window', '2 days'], '--window must be a duration'],
      [['sync', '--window', '15'], '--window must be a duration'],
      [['sync', '--provider', 'acme'], '--provider must be one of'],
      [['sync', 'calls.duckdb'], 'sync takes no arguments'],
      [['sync', '--page-size', '0'], 'pageSize'],
    ] as const) {
      const r = await runCli([...args, '--to', '/nonexistent-dir/x.duckdb'], env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});
