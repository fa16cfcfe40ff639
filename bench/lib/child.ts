/**
 * The orchestrator's side of child processes: each measurement runs in its
 * own `node` process, so that its memory is its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX } from './worker.js';

/** The directory of the built bench (this file is bundled into run.js there). */
export const BUILT = dirname(fileURLToPath(import.meta.url));

/** The package root: the nearest directory above with callbridge's package.json. */
export const ROOT = (() => {
  for (let dir = BUILT; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'callbridge') return dir;
    if (dirname(dir) === dir) throw new Error(`no callbridge package.json above ${BUILT}`);
  }
})();

/** The built CLI, as users run it. */
export const CLI = join(ROOT, 'dist', 'cli.js');

/** A built bench script by name (`list-callbridge`, `rss-probe`, …). */
export function script(name: string): string {
  return join(BUILT, `${name}.js`);
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Runs a bench worker in a fresh `node` process and returns the result it
 * reports. Throws with the worker's stderr when it fails.
 */
export function runWorker<T>(name: string, params: unknown, nodeArgs: string[] = []): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script(name), JSON.stringify(params)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || line === undefined) {
        reject(new Error(`bench worker ${name} failed (${signal ?? `exit ${code}`}):\n${tail(stderr || stdout)}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
    });
  });
}

/** What `callbridge emulator` prints when it is ready. */
export interface EmulatorInfo {
  url: string;
  calls: number;
  twilio: { accountSid: string; authToken: string };
  signalwire: { projectId: string; token: string; spaceUrl: string };
}

/** An emulator running in its own process. */
export interface EmulatorProcess {
  info: EmulatorInfo;
  /** Milliseconds from spawning it to its ready line. */
  startMs: number;
  /** Null while it runs; how it ended (and its last stderr) once it has stopped. */
  ended(): string | null;
  stop(): Promise<void>;
}

/** Starts `node dist/cli.js emulator --calls N --seed S` and waits for its ready line. */
export function startEmulatorProcess(calls: number, seed: number): Promise<EmulatorProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [CLI, 'emulator', '--calls', String(calls), '--seed', String(seed)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let end: string | null = null;
  let stderr = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      end = `${signal ?? `exit ${code}`}${stderr.trim() === '' ? '' : `: ${tail(stderr, 5)}`}`;
      resolve();
    }),
  );
  return new Promise<EmulatorProcess>((resolve, reject) => {
    let stdout = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let ready = false;
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      if (ready) return;
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      ready = true;
      const info = JSON.parse(stdout.slice(0, nl)) as EmulatorInfo;
      resolve({
        info,
        startMs: performance.now() - started,
        ended: () => end,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready:\n${tail(stderr)}`)));
  });
}

/** The result of running a command that the bench did not write. */
export interface CommandRun {
  code: number | null;
  /** Milliseconds from spawn to exit. */
  wallMs: number;
  stderr: string;
}

/**
 * Runs a command in a fresh `node` process with its stdout going to /dev/null
 * (as `> /dev/null` would), collecting its stderr.
 */
export function runNode(args: string[], env: Record<string, string> = {}): Promise<CommandRun> {
  return new Promise<CommandRun>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, wallMs: performance.now() - started, stderr }));
  });
}
