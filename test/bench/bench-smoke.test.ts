import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The benchmark itself (npm run bench) is not part of the test run; this runs
// its smallest version to show that it still runs and reports numbers.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'callbridge-bench-smoke');
const CLI = join(ROOT, 'dist', 'cli.js');
let scratch: string;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  scratch = mkdtempSync(join(tmpdir(), 'callbridge-bench-smoke-'));
  const tsup = join(ROOT, 'node_modules', 'tsup', createRequire(import.meta.url)('tsup/package.json').bin.tsup as string);
  execFileSync(process.execPath, [tsup, '--config', 'bench/tsup.config.ts'], {
    cwd: ROOT,
    env: { ...process.env, BENCH_OUT_DIR: OUT_DIR },
    stdio: 'pipe',
  });
}, 60_000);

afterAll(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(OUT_DIR, 'run.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function finite(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Every named entry has every field, a finite number: a missing contender or figure fails by its name. */
function expectFinite(entries: Record<string, Record<string, unknown>>, names: string[], fields: string[]): void {
  for (const name of names) {
    for (const field of fields) expect(finite(entries[name]?.[field]), `${name}.${field}`).toBe(true);
  }
}

describe('npm run bench (smoke size)', () => {
  it('runs every section and reports finite ratios', async () => {
    const out = join(scratch, 'results.json');
    const result = await runBench(['--smoke', '--out', out]);
    expect(result.stderr).not.toMatch(/bench: Error|failed/);
    expect(result.code).toBe(0);
    for (const heading of ['1. Normalization throughput', '2. Listing', '3. Memory while streaming', '4. callbridge normalize', '5. Phone plans']) expect(result.stdout).toContain(heading);

    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(results.meta.scale).toBe('smoke');
    expect(Object.keys(results)).toEqual(expect.arrayContaining(['normalization', 'listing', 'streaming', 'normalizeCli', 'phoneEquivalence', 'targets']));

    const normalizers = ['parse', 'normalizeCall', 'toCall', 'sdk'];
    expect(results.normalization.dialects.map((d: { dialect: string }) => d.dialect)).toEqual(['twilio', 'signalwire']);
    for (const dialect of results.normalization.dialects) {
      expect(dialect.records).toBeGreaterThan(0);
      expectFinite(dialect.contenders, normalizers, ['ratioToParse', 'ratioToSdk', 'recordsPerSec']);
    }

    expectFinite(results.listing.contenders, ['floor', 'callbridge', 'twilioList', 'twilioEach'], ['wallVsTwilioList', 'peakRssVsTwilioList']);

    // The smoke scale streams without twilio-node's each(), which only the full run measures.
    expect(Object.keys(results.streaming.contenders).sort()).toEqual(['callbridge', 'floor']);
    expect(results.streaming.marks).toEqual([1000, 5000]);
    for (const [name, { marks }] of Object.entries(results.streaming.contenders) as Array<[string, { marks: Array<Record<string, unknown>> }]>) {
      expect(marks.map((m) => m.records), name).toEqual([1000, 5000]);
      for (const mark of marks) expect(finite(mark.peakRssMB), `${name} peakRssMB`).toBe(true);
    }

    expectFinite(results.normalizeCli, ['cli'], ['recordsPerSec', 'ratioToParse', 'peakRssMB']);
    expect(results.phoneEquivalence.numbers).toBe(20_000);
    expect(results.phoneEquivalence.shortcut).toBeGreaterThan(10_000);
    expect(results.phoneEquivalence.mismatchCount).toBe(0);
    expect(results.targets.map((t: { name: string }) => t.name)).toEqual([
      'normalization twilio, first read: JSON.parse + normalizeCall vs bare JSON.parse',
      "normalization twilio, first read: normalizeCall vs the SDK's parse + CallInstance",
      'normalization signalwire, first read: JSON.parse + normalizeCall vs bare JSON.parse',
      "normalization signalwire, first read: normalizeCall vs the SDK's parse + CallInstance",
      'listing: callbridge wall time / twilio-node list() wall time',
      'listing: callbridge peak RSS / twilio-node list() peak RSS',
      "streaming 5,000 calls: callbridge peak RSS / the floor's (fetch + JSON.parse) in this run",
      'streaming: callbridge peak RSS at 5,000 calls / at 1,000',
      'phone plans: disagreements with libphonenumber-js over 20,000 random numbers',
    ]);
    for (const target of results.targets) expect(typeof target.met).toBe('boolean');
  }, 120_000);
});
