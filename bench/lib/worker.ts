/**
 * The side of a measured child process: reads its parameters, reports its
 * result as one line on stdout, and reads its own memory figures.
 */
import { writeSync } from 'node:fs';

/** The line prefix that marks a worker's result on its stdout. */
export const RESULT_PREFIX = '@@bench-result ';

/** The worker's parameters: one JSON argument. */
export function params<T>(): T {
  const text = process.argv[2];
  if (text === undefined) throw new Error('a bench worker takes its parameters as one JSON argument');
  return JSON.parse(text) as T;
}

/** Writes the result line and lets the process end. */
export function report(result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** Runs a worker's main function, reporting a failure on stderr with exit code 1. */
export function runWorker(main: () => Promise<unknown>): void {
  main().then(
    (result) => report(result),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

const MB = 1e6;

/** Current resident set size, in MB (10^6 bytes). */
export function rssMB(): number {
  return process.memoryUsage.rss() / MB;
}

/** The kernel's high-water mark of this process's resident set (ru_maxrss) so far, in MB (10^6 bytes). */
export function peakRssMB(): number {
  return (process.resourceUsage().maxRSS * 1024) / MB;
}

/** Milliseconds since an arbitrary origin, with sub-millisecond precision. */
export function now(): number {
  return performance.now();
}

/** Memory of this process at one point of a run. */
export interface MemoryMark {
  /** Records consumed so far. */
  records: number;
  /** Milliseconds since the run started. */
  ms: number;
  /** RSS at that moment, MB. */
  rssMB: number;
  /** Peak RSS so far (ru_maxrss), MB. */
  peakRssMB: number;
  /** V8 heap in use at that moment, MB. */
  heapUsedMB: number;
}

/** Takes memory marks when a count reaches given values. */
export class Marks {
  readonly taken: MemoryMark[] = [];
  private next = 0;

  constructor(
    private readonly at: readonly number[],
    private readonly start: number,
  ) {}

  /** Call with the running count; cheap when no mark is due. */
  check(records: number): void {
    while (this.next < this.at.length && records >= this.at[this.next]!) {
      this.next += 1;
      this.taken.push({
        records,
        ms: now() - this.start,
        rssMB: rssMB(),
        peakRssMB: peakRssMB(),
        heapUsedMB: process.memoryUsage().heapUsed / MB,
      });
    }
  }
}

/** What every listing worker reports. */
export interface ListResult {
  /** Records received. */
  count: number;
  /** Milliseconds from creating the client to the last record. */
  wallMs: number;
  /** RSS after loading the library, before listing, MB. */
  startRssMB: number;
  /** Peak RSS of the whole process (ru_maxrss at the end), MB. */
  peakRssMB: number;
  /** A value computed from every record, so that none is skipped. */
  checksum: number;
  marks: MemoryMark[];
}

/** Parameters of every listing worker. */
export interface ListParams {
  url: string;
  accountSid: string;
  authToken: string;
  pageSize: number;
  /** Record counts at which to take memory marks. */
  marks: number[];
  /** twilio-node only: `list` gathers into an array, `each` streams to a callback. */
  mode?: 'list' | 'each';
}

/** Writes all of a text to a file descriptor, however many writes it takes. */
export function writeAll(fd: number, text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  return bytes.length;
}
