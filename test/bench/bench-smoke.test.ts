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

describe('npm run bench (smoke size)', () => {
  it('runs every section and reports finite ratios', async () => {
    const out = join(scratch, 'results.json');
    const result = await runBench(['--smoke', '--out', out]);
    expect(result.stderr).not.toMatch(/bench: Error|failed/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1. Normalization throughput');
    expect(result.stdout).toContain('4. callbridge normalize');

    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(results.meta.scale).toBe('smoke');
    for (const dialect of results.normalization.dialects) {
      for (const contender of Object.values(dialect.contenders) as Array<Record<string, unknown>>) {
        expect(finite(contender.ratioToParse)).toBe(true);
        expect(finite(contender.ratioToSdk)).toBe(true);
        expect(finite(contender.recordsPerSec)).toBe(true);
      }
    }
    for (const contender of Object.values(results.listing.contenders) as Array<Record<string, unknown>>) {
      expect(finite(contender.wallVsTwilioList)).toBe(true);
      expect(finite(contender.peakRssVsTwilioList)).toBe(true);
    }
    for (const contender of Object.values(results.streaming.contenders) as Array<{ marks: Array<Record<string, unknown>> }>) {
      expect(contender.marks).toHaveLength(2);
      for (const mark of contender.marks) expect(finite(mark.peakRssMB)).toBe(true);
    }
    expect(finite(results.normalizeCli.cli.recordsPerSec)).toBe(true);
    expect(finite(results.normalizeCli.cli.ratioToParse)).toBe(true);
    expect(finite(results.normalizeCli.cli.peakRssMB)).toBe(true);
    expect(results.targets.length).toBeGreaterThan(0);
  }, 120_000);
});
