import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallClient } from '../../src/client/call-client.js';
import type { Provider } from '../../src/model/provider.js';
import { installOffline, pack } from './install-packed.js';

const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

/** Written as .mts, .cts and .ts: each must type-check against the declarations its resolution picks. */
const TYPED_CONSUMER = `
import { type Call, NotFoundError, createCallClient } from 'callbridge';

const client = createCallClient({ provider: 'twilio', accountSid: 'AC${'1'.repeat(32)}', authToken: 'token', env: {} });
export const calls: Promise<Call[]> = client.calls.list({ status: 'completed', limit: 1 });
export const isNotFound = (error: unknown): boolean => error instanceof NotFoundError;
// The declarations were found and are not \`any\`: an unknown provider is a type error.
// @ts-expect-error
createCallClient({ provider: 'nope' });
`;

interface Ready {
  url: string;
  calls: number;
  twilio: { accountSid: string; authToken: string };
  signalwire: { projectId: string; token: string };
}

let dir: string;
let emulator: ChildProcess;
let ready: Ready;

// One pack and one offline install, shared: the installed `callbridge` command serves the emulator all tests use.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callbridge-consumer-'));
  installOffline(dir, pack(dir));
  cpSync(fileURLToPath(new URL('./consumer', import.meta.url)), dir, { recursive: true });
  emulator = spawn(join(dir, 'node_modules/.bin/callbridge'), ['emulator', '--calls', '200', '--seed', '7', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: emulator.stdout! }), 'line')) as [string];
  ready = JSON.parse(line) as Ready;
}, 120_000);

afterAll(async () => {
  if (emulator !== undefined && emulator.exitCode === null) {
    const exited = once(emulator, 'exit');
    emulator.kill('SIGTERM');
    await exited;
  }
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** What the library under test (from source) lists from the same emulator with the query the consumers use. */
async function expected(provider: Provider): Promise<string[]> {
  const credentials =
    provider === 'twilio' ? { ...ready.twilio } : { projectId: ready.signalwire.projectId, token: ready.signalwire.token };
  const client = createCallClient({ provider, ...credentials, baseUrl: ready.url, env: {} });
  return (await client.calls.list({ status: 'completed', limit: 7, pageSize: 3 })).map((c) => c.sid);
}

describe('the packed package, installed offline into a new project', () => {
  it.each([
    ['an ES module', 'esm.mjs'],
    ['a CommonJS module', 'commonjs.cjs'],
  ])('runs in %s that lists calls from the emulator in both dialects', async (_kind, script) => {
    const stdout = execFileSync(process.execPath, [script], { cwd: dir, encoding: 'utf8', env: { ...process.env, EMULATOR: JSON.stringify(ready) } });
    const out = JSON.parse(stdout) as Record<Provider, { sids: string[]; missingIsNotFound: boolean }>;
    for (const provider of ['twilio', 'signalwire'] as const) {
      expect(out[provider].sids).toHaveLength(7);
      expect(out[provider].sids).toEqual(await expected(provider));
      expect(out[provider].missingIsNotFound).toBe(true);
    }
  });

  it.each([
    ['node16', { module: 'node16', moduleResolution: 'node16' }, ['esm.mts', 'commonjs.cts']],
    ['bundler', { module: 'preserve', moduleResolution: 'bundler' }, ['bundled.ts']],
  ])('type-checks a TypeScript consumer with moduleResolution %s', (name, options, files) => {
    for (const file of files) writeFileSync(join(dir, file), TYPED_CONSUMER);
    const tsconfig = {
      compilerOptions: { ...options, target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [] },
      files,
    };
    writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify(tsconfig));
    const tsc = spawnSync(process.execPath, [TSC, '-p', `tsconfig.${name}.json`], { cwd: dir, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
