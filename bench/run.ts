/**
 * `npm run bench`: measures callbridge against baselines measured in the same
 * run on the same bytes, prints a table and writes bench/results.json.
 *
 *   node <built>/run.js [--quick | --smoke] [--only normalize,list,stream,cli,phones] [--out FILE] [--seed S]
 *
 * Every measurement runs in its own `node` process; emulators run in their
 * own processes too, so that a client's memory figures are its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CLI, type EmulatorInfo, type EmulatorProcess, ROOT, runNode, runWorker, script, startEmulatorProcess } from './lib/child.js';
import { median, range } from './lib/stats.js';
import { num, ratio, table } from './lib/table.js';
import type { ListParams, ListResult } from './lib/worker.js';
import type { MakeNdjsonParams, MakeNdjsonResult } from './workers/make-ndjson.js';
import type { MakePagesParams, MakePagesResult } from './workers/make-pages.js';
import type { NdjsonParseResult } from './workers/ndjson-parse.js';
import type { NormalizeParams, NormalizeResult } from './workers/normalize.js';
import type { PhoneEquivalenceParams, PhoneEquivalenceResult } from './workers/phone-equivalence.js';

// ---------------------------------------------------------------- sizes

interface Scale {
  name: 'full' | 'quick' | 'smoke';
  /** `chunk`: records per pass; each first-read round reads a chunk of its own. */
  normalize: { chunk: number; warmup: number; rounds: number; processes: number };
  list: { calls: number; rounds: number };
  /** `rounds`: runs of callbridge and of the floor, interleaved (twilio-node's `each()` runs once). */
  stream: { calls: number; marks: [number, number]; twilioEach: boolean; rounds: number };
  /** `calls`: generated calls, more than the file's lines, so that every record is read for the first time. */
  cli: { bytes: number; calls: number; rounds: number; badEvery: number };
  /** Random numbers checked against libphonenumber-js (the test suite checks 1,000,000). */
  phones: number;
}

const PAGE_SIZE = 1000;

const SCALES: Record<Scale['name'], Scale> = {
  full: {
    name: 'full',
    normalize: { chunk: 25_000, warmup: 2, rounds: 5, processes: 3 },
    list: { calls: 100_000, rounds: 3 },
    stream: { calls: 1_000_000, marks: [100_000, 1_000_000], twilioEach: true, rounds: 3 },
    cli: { bytes: 200e6, calls: 150_000, rounds: 3, badEvery: 1000 },
    phones: 5_000_000,
  },
  quick: {
    name: 'quick',
    normalize: { chunk: 10_000, warmup: 1, rounds: 5, processes: 1 },
    list: { calls: 20_000, rounds: 2 },
    stream: { calls: 200_000, marks: [20_000, 200_000], twilioEach: false, rounds: 1 },
    cli: { bytes: 20e6, calls: 20_000, rounds: 2, badEvery: 1000 },
    phones: 500_000,
  },
  smoke: {
    name: 'smoke',
    normalize: { chunk: 1000, warmup: 1, rounds: 1, processes: 1 },
    list: { calls: 2000, rounds: 1 },
    stream: { calls: 5000, marks: [1000, 5000], twilioEach: false, rounds: 1 },
    cli: { bytes: 1e6, calls: 1000, rounds: 1, badEvery: 50 },
    phones: 20_000,
  },
};

const SECTIONS = ['normalize', 'list', 'stream', 'cli', 'phones'] as const;
type Section = (typeof SECTIONS)[number];

// ---------------------------------------------------------------- targets

/** A target of issues 4 and 11, judged on what this run measured. */
interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

const targets: Target[] = [];
const text: string[] = [];
const say = (line = '') => text.push(line);
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

const mb = (value: number) => `${num(value, 0)} MB`;

// ---------------------------------------------------------------- 1. normalization

/**
 * Pools the rounds of several processes measuring one dialect: the JIT makes
 * different choices in different processes, so one process is one sample.
 */
function pool(runs: readonly NormalizeResult[]): NormalizeResult {
  const first = runs[0]!;
  const phase = (of: (r: NormalizeResult) => NormalizeResult['contenders']) => {
    const parseMs = runs.flatMap((r) => of(r).parse!.roundsMs);
    const sdkMs = runs.flatMap((r) => of(r).sdk!.roundsMs);
    const contenders: NormalizeResult['contenders'] = {};
    for (const [key, c] of Object.entries(of(first))) {
      const roundsMs = runs.flatMap((r) => of(r)[key]!.roundsMs);
      const medianMs = median(roundsMs);
      contenders[key] = {
        label: c.label,
        roundsMs,
        medianMs,
        recordsPerSec: first.records / (medianMs / 1000),
        mbPerSec: first.bytes / 1e6 / (medianMs / 1000),
        ratioToParse: median(roundsMs.map((t, i) => parseMs[i]! / t)),
        ratioToSdk: median(roundsMs.map((t, i) => sdkMs[i]! / t)),
        ratioToParseRange: range(roundsMs.map((t, i) => parseMs[i]! / t)),
        coldMs: median(runs.map((r) => of(r)[key]!.coldMs)),
        coldRatioToParse: median(runs.map((r) => of(r)[key]!.coldRatioToParse)),
      };
    }
    return contenders;
  };
  return { ...first, rounds: runs.length * first.rounds, contenders: phase((r) => r.contenders), firstRead: phase((r) => r.firstRead) };
}

async function normalization(scale: Scale, seed: number) {
  const { processes, chunk, ...rounds } = scale.normalize;
  const calls = chunk * (1 + rounds.warmup + rounds.rounds);
  const runs = { twilio: [] as NormalizeResult[], signalwire: [] as NormalizeResult[] };
  for (const dialect of ['twilio', 'signalwire'] as const) {
    const pagesFile = join(tmpdir(), `callbridge-bench-${process.pid}-${dialect}-pages.jsonl`);
    try {
      progress(`normalization, ${dialect}: writing ${num(calls)} records as pages of ${PAGE_SIZE}…`);
      await runWorker<MakePagesResult>('make-pages', { dialect, calls, pageSize: PAGE_SIZE, seed, path: pagesFile } satisfies MakePagesParams);
      for (let p = 0; p < processes; p += 1) {
        progress(`normalization, ${dialect}: process ${p + 1}/${processes}…`);
        const params: NormalizeParams = { dialect, pagesFile, chunkRecords: chunk, ...rounds };
        runs[dialect].push(await runWorker<NormalizeResult>('normalize-worker', params, ['--expose-gc']));
      }
    } finally {
      rmSync(pagesFile, { force: true });
    }
  }
  const results = [pool(runs.twilio), pool(runs.signalwire)];
  const first = results[0]!;
  say(`1. Normalization throughput — the emulator's generator (seed ${seed}, real-log cardinality: one side of each call one of`);
  say(`   25 own numbers, the other a number seen for the first time), written with toDialect as list pages of ${first.pageSize}`);
  say(`   records (JSON text, as the API sends them), ${num(first.records)} records per pass; ${processes} process(es) per dialect ×`);
  say(`   ${rounds.rounds} rounds, medians; gc() before every timed pass, contenders' order rotated each round.`);
  say('   First read: each round on records no earlier pass of the process has seen. Re-read: a chunk every contender has');
  say('   just read. Fresh process: the very first pass of each contender in its process, on unseen records (cold JIT).');
  for (const r of results) {
    for (const [phase, contenders] of [['first read', r.firstRead], ['re-read', r.contenders]] as const) {
      say();
      say(`   ${r.dialect === 'twilio' ? 'Twilio' : 'SignalWire'} bytes, ${phase}: ${num(r.bytes / 1e6, 1)} MB in ${r.pages} pages per pass`);
      const rows = Object.values(contenders).map((c) => [
        c.label,
        num(c.recordsPerSec),
        num(c.mbPerSec, 1),
        num(c.medianMs, 0),
        `${ratio(c.ratioToParse)} (${ratio(c.ratioToParseRange[0])}–${ratio(c.ratioToParseRange[1])})`,
        ratio(c.ratioToSdk),
        phase === 'first read' ? ratio(c.coldRatioToParse) : '',
      ]);
      say(table(['contender', 'records/s', 'MB/s', 'ms/pass', 'vs JSON.parse (range)', 'vs SDK', 'fresh process vs JSON.parse'], rows));
    }
    const firstRead = r.firstRead.normalizeCall!;
    targets.push({
      name: `normalization ${r.dialect}, first read: JSON.parse + normalizeCall vs bare JSON.parse`,
      target: '≥ 0.60',
      measured: ratio(firstRead.ratioToParse),
      met: firstRead.ratioToParse >= 0.6,
    });
    targets.push({
      name: `normalization ${r.dialect}, first read: normalizeCall vs the SDK's parse + CallInstance`,
      target: '≥ 1.50',
      measured: ratio(firstRead.ratioToSdk),
      met: firstRead.ratioToSdk >= 1.5,
    });
  }
  say();
  return { pageSize: first.pageSize, bytesForm: `list pages of ${first.pageSize} records, JSON text in memory`, processes, dialects: results };
}

// ---------------------------------------------------------------- 2. listing

/**
 * The emulator of a section, in its own process. On a shared machine
 * something outside may stop it mid-run (it then reports SIGTERM): the
 * measurement that failed is run again on a fresh emulator, same data.
 */
class Server {
  private current: EmulatorProcess | null = null;
  restarts = 0;

  constructor(
    private readonly calls: number,
    private readonly seed: number,
    /** Run on every fresh emulator before measuring (warm-up), not counted. */
    private readonly warm: (info: EmulatorInfo) => Promise<unknown> = async () => {},
  ) {}

  async start(): Promise<EmulatorProcess> {
    this.current = await startEmulatorProcess(this.calls, this.seed);
    await this.warm(this.current.info);
    return this.current;
  }

  async measure<T>(run: (info: EmulatorInfo) => Promise<T>): Promise<T> {
    const server = this.current!;
    try {
      return await run(server.info);
    } catch (error) {
      const ended = server.ended();
      if (ended === null) throw error;
      if (this.restarts >= 2) throw new Error(`the emulator stopped during the run (${ended})`, { cause: error });
      this.restarts += 1;
      progress(`the emulator stopped during the run (${ended}); starting a fresh one and measuring again`);
      await this.start();
      return await run(this.current!.info);
    }
  }

  stop(): Promise<void> {
    return this.current?.stop() ?? Promise.resolve();
  }
}

interface ListContender {
  key: string;
  label: string;
  worker: string;
  mode?: 'list' | 'each';
}

const FLOOR: ListContender = { key: 'floor', label: 'floor: fetch + JSON.parse, no records built', worker: 'list-fetch' };
const CALLBRIDGE: ListContender = { key: 'callbridge', label: 'callbridge calls.iterate()', worker: 'list-callbridge' };
const TWILIO_LIST: ListContender = { key: 'twilioList', label: 'twilio-node calls.list()', worker: 'list-twilio', mode: 'list' };
const TWILIO_EACH: ListContender = { key: 'twilioEach', label: 'twilio-node calls.each()', worker: 'list-twilio', mode: 'each' };

function listParams(info: EmulatorInfo, marks: number[], mode?: 'list' | 'each'): ListParams {
  return { url: info.url, accountSid: info.twilio.accountSid, authToken: info.twilio.authToken, pageSize: PAGE_SIZE, marks, ...(mode && { mode }) };
}

function checkListing(label: string, run: ListResult, calls: number, checksum: number | null): void {
  if (run.count !== calls) throw new Error(`${label} listed ${run.count} calls of ${calls}`);
  if (checksum !== null && run.checksum !== checksum) throw new Error(`${label} read different calls (checksum ${run.checksum}, expected ${checksum})`);
}

async function listing(scale: Scale, seed: number) {
  const { calls, rounds } = scale.list;
  progress(`listing: emulator with ${num(calls)} calls…`);
  let checksum: number | null = null;
  // Each fresh emulator is warmed up first (its first pages run unoptimized code); not counted.
  const server = new Server(calls, seed, async (info) => {
    const warm = await runWorker<ListResult>(FLOOR.worker, listParams(info, []));
    checkListing('warm-up', warm, calls, checksum);
    checksum = warm.checksum;
  });
  const startMs = (await server.start()).startMs;
  const contenders = [FLOOR, CALLBRIDGE, TWILIO_LIST, TWILIO_EACH];
  const runs = new Map<string, ListResult[]>(contenders.map((c) => [c.key, []]));
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const c of rotate(contenders, round)) {
        progress(`listing: round ${round + 1}/${rounds}, ${c.label}…`);
        const run = await server.measure((info) => runWorker<ListResult>(c.worker, listParams(info, [], c.mode)));
        checkListing(c.label, run, calls, checksum);
        runs.get(c.key)!.push(run);
      }
    }
  } finally {
    await server.stop();
  }
  const list = runs.get(TWILIO_LIST.key)!;
  const figures = Object.fromEntries(
    contenders.map((c) => {
      const rs = runs.get(c.key)!;
      const wallMs = median(rs.map((r) => r.wallMs));
      return [
        c.key,
        {
          label: c.label,
          wallMs,
          callsPerSec: calls / (wallMs / 1000),
          peakRssMB: median(rs.map((r) => r.peakRssMB)),
          startRssMB: median(rs.map((r) => r.startRssMB)),
          wallVsTwilioList: median(rs.map((r, i) => r.wallMs / list[i]!.wallMs)),
          peakRssVsTwilioList: median(rs.map((r, i) => r.peakRssMB / list[i]!.peakRssMB)),
          runs: rs.map(({ wallMs: w, peakRssMB: p, startRssMB: s }) => ({ wallMs: w, peakRssMB: p, startRssMB: s })),
        },
      ];
    }),
  );
  say(`2. Listing ${num(calls)} calls through the emulator on loopback (separate process), Twilio dialect, page size ${PAGE_SIZE};`);
  say(`   each run in its own process, ${rounds} interleaved round(s), medians. Peak RSS = ru_maxrss of the whole client process.`);
  say(
    table(
      ['contender', 'wall s', 'calls/s', 'peak RSS', 'RSS at start', 'time vs list()', 'peak RSS vs list()'],
      contenders.map((c) => {
        const f = figures[c.key]!;
        return [c.label, num(f.wallMs / 1000, 2), num(f.callsPerSec), mb(f.peakRssMB), mb(f.startRssMB), ratio(f.wallVsTwilioList), ratio(f.peakRssVsTwilioList)];
      }),
    ),
  );
  if (server.restarts > 0) say(`   (the emulator was stopped from outside ${server.restarts} time(s); those runs were repeated on a fresh one)`);
  say();
  const time = figures[CALLBRIDGE.key]!.wallVsTwilioList;
  const memory = figures[CALLBRIDGE.key]!.peakRssVsTwilioList;
  targets.push({ name: 'listing: callbridge wall time / twilio-node list() wall time', target: '≤ 1.00', measured: ratio(time), met: time <= 1 });
  targets.push({ name: 'listing: callbridge peak RSS / twilio-node list() peak RSS', target: '≤ 0.50', measured: ratio(memory), met: memory <= 0.5 });
  return { calls, pageSize: PAGE_SIZE, rounds, dialect: 'twilio', emulatorStartMs: startMs, emulatorRestarts: server.restarts, contenders: figures };
}

// ---------------------------------------------------------------- 3. streaming memory

async function streaming(scale: Scale, seed: number) {
  const { calls, marks } = scale.stream;
  progress(`streaming: emulator with ${num(calls)} calls…`);
  const server = new Server(calls, seed);
  await server.start();
  const contenders = [CALLBRIDGE, FLOOR, ...(scale.stream.twilioEach ? [TWILIO_EACH] : [])];
  const [early, late] = marks;
  const at = (run: ListResult, records: number) => run.marks.find((m) => m.records === records)!;
  const growthOf = (run: ListResult) => at(run, late).peakRssMB / at(run, early).peakRssMB;
  // A peak is the highest point a process's collector happened to let memory reach: it moves from
  // run to run, so callbridge and the floor run several times, interleaved, and the median counts.
  const all: Record<string, ListResult[]> = Object.fromEntries(contenders.map((c) => [c.key, []]));
  try {
    let checksum: number | null = null;
    for (let round = 0; round < scale.stream.rounds; round += 1) {
      for (const c of rotate(contenders, round)) {
        if (c === TWILIO_EACH && round > 0) continue;
        progress(`streaming: ${c.label} over ${num(calls)} calls (round ${round + 1} of ${scale.stream.rounds})…`);
        const run = await server.measure((info) => runWorker<ListResult>(c.worker, listParams(info, marks, c.mode)));
        checkListing(c.label, run, calls, checksum);
        checksum = run.checksum;
        all[c.key]!.push(run);
      }
    }
  } finally {
    await server.stop();
  }
  /** The run of median growth (the middle one of an odd count). */
  const median = (runs: ListResult[]) => [...runs].sort((a, b) => growthOf(a) - growthOf(b))[(runs.length - 1) >> 1]!;
  const runs: Record<string, ListResult> = Object.fromEntries(contenders.map((c) => [c.key, median(all[c.key]!)]));
  const spread = (key: string) => {
    const growths = all[key]!.map(growthOf);
    return growths.length === 1 ? '' : ` (${ratio(Math.min(...growths))}–${ratio(Math.max(...growths))})`;
  };
  const rounds = scale.stream.rounds;
  const how = rounds === 1 ? 'one run each' : `${rounds} runs of callbridge and of the floor, interleaved (the run of median growth shown, the range of growth in brackets), one of twilio-node`;
  say(`3. Memory while streaming ${num(calls)} calls through the emulator (separate process), page size ${PAGE_SIZE}, ${how}.`);
  say(`   Peak RSS so far (ru_maxrss) when the ${num(early)}th and the ${num(late)}th call arrive; RSS at that moment in brackets.`);
  say(
    table(
      ['contender', `peak at ${num(early)}`, `peak at ${num(late)}`, `${num(late)} / ${num(early)}`, 'RSS at start', 'calls/s'],
      contenders.map((c) => {
        const run = runs[c.key]!;
        const a = at(run, early);
        const b = at(run, late);
        return [
          c.label,
          `${mb(a.peakRssMB)} (${num(a.rssMB, 0)})`,
          `${mb(b.peakRssMB)} (${num(b.rssMB, 0)})`,
          ratio(b.peakRssMB / a.peakRssMB) + spread(c.key),
          mb(run.startRssMB),
          num(calls / (run.wallMs / 1000)),
        ];
      }),
    ),
  );
  if (server.restarts > 0) say(`   (the emulator was stopped from outside ${server.restarts} time(s); those runs were repeated on a fresh one)`);
  say();
  // Memory flat with the number of calls, and near what fetching and parsing the same pages alone takes.
  const cbPeak = at(runs[CALLBRIDGE.key]!, late).peakRssMB;
  const floorPeak = at(runs[FLOOR.key]!, late).peakRssMB;
  const growth = growthOf(runs[CALLBRIDGE.key]!);
  targets.push({
    name: `streaming ${num(calls)} calls: callbridge peak RSS / the floor's (fetch + JSON.parse) in this run`,
    target: '≤ 1.25',
    measured: `${ratio(cbPeak / floorPeak)} (${mb(cbPeak)} / ${mb(floorPeak)})`,
    met: cbPeak / floorPeak <= 1.25,
  });
  targets.push({
    name: `streaming: callbridge peak RSS at ${num(late)} calls / at ${num(early)}`,
    target: '≤ 1.10',
    measured: ratio(growth),
    met: growth <= 1.1,
  });
  return {
    calls,
    pageSize: PAGE_SIZE,
    marks,
    emulatorRestarts: server.restarts,
    rounds,
    contenders: Object.fromEntries(contenders.map((c) => [c.key, { label: c.label, ...runs[c.key]!, runs: all[c.key]! }])),
  };
}

// ---------------------------------------------------------------- 4. callbridge normalize

const SUMMARY = /normalize: (\d+) records written(?: \(([^)]*)\))?, (\d+) rejected/;

async function normalizeCli(scale: Scale, seed: number) {
  const path = join(tmpdir(), `callbridge-bench-${process.pid}.ndjson`);
  const probe = join(tmpdir(), `callbridge-bench-${process.pid}.probe.json`);
  try {
    progress(`callbridge normalize: writing ${num(scale.cli.bytes / 1e6)} MB of mixed NDJSON to ${path}…`);
    const params: MakeNdjsonParams = { path, bytes: scale.cli.bytes, calls: scale.cli.calls, seed, badEvery: scale.cli.badEvery };
    const file = await runWorker<MakeNdjsonResult>('make-ndjson', params);
    const runs = { cli: [] as Array<{ wallMs: number; peakRssMB: number; written: number; rejected: number }>, parse: [] as Array<{ wallMs: number; peakRssMB: number }> };
    for (let round = 0; round < scale.cli.rounds; round += 1) {
      for (const which of rotate(['parse', 'cli'] as const, round)) {
        if (which === 'parse') {
          progress(`callbridge normalize: round ${round + 1}/${scale.cli.rounds}, bare JSON.parse of each line…`);
          const started = performance.now();
          const r = await runWorker<NdjsonParseResult>('ndjson-parse', { path });
          const wallMs = performance.now() - started;
          if (r.parsed + r.unparsable !== file.lines) throw new Error(`the JSON.parse baseline saw ${r.parsed + r.unparsable} lines of ${file.lines}`);
          runs.parse.push({ wallMs, peakRssMB: r.peakRssMB });
        } else {
          progress(`callbridge normalize: round ${round + 1}/${scale.cli.rounds}, node dist/cli.js normalize FILE > /dev/null…`);
          rmSync(probe, { force: true });
          const r = await runNode(['--import', pathToFileURL(script('rss-probe')).href, CLI, 'normalize', path], { BENCH_PROBE_OUT: probe });
          const summary = SUMMARY.exec(r.stderr);
          if (r.code !== 0 || summary === null) throw new Error(`callbridge normalize failed (exit ${r.code}):\n${r.stderr.slice(-2000)}`);
          const written = Number(summary[1]);
          const rejected = Number(summary[3]);
          if (written !== file.records || rejected !== file.bad) {
            throw new Error(`callbridge normalize wrote ${written} and rejected ${rejected}; the file holds ${file.records} records and ${file.bad} bad lines`);
          }
          const measured = JSON.parse(readFileSync(probe, 'utf8')) as { peakRssMB: number };
          runs.cli.push({ wallMs: r.wallMs, peakRssMB: measured.peakRssMB, written, rejected });
        }
      }
    }
    const cliMs = median(runs.cli.map((r) => r.wallMs));
    const parseMs = median(runs.parse.map((r) => r.wallMs));
    const figures = {
      file: { bytes: file.bytes, lines: file.lines, records: file.records, twilio: file.twilio, signalwire: file.signalwire, bad: file.bad },
      cli: {
        command: 'node dist/cli.js normalize FILE > /dev/null',
        wallMs: cliMs,
        recordsPerSec: file.records / (cliMs / 1000),
        mbPerSec: file.bytes / 1e6 / (cliMs / 1000),
        peakRssMB: median(runs.cli.map((r) => r.peakRssMB)),
        ratioToParse: median(runs.cli.map((r, i) => runs.parse[i]!.wallMs / r.wallMs)),
        runs: runs.cli,
      },
      parse: {
        label: 'JSON.parse of each line, nothing written',
        wallMs: parseMs,
        recordsPerSec: file.lines / (parseMs / 1000),
        mbPerSec: file.bytes / 1e6 / (parseMs / 1000),
        peakRssMB: median(runs.parse.map((r) => r.peakRssMB)),
        runs: runs.parse,
      },
    };
    say(`4. callbridge normalize on ${num(file.bytes / 1e6, 0)} MB of mixed NDJSON, first read (every line a call of its own, from the`);
    say(`   generator with real-log cardinality): ${num(file.lines)} lines, Twilio ${num(file.twilio)}, SignalWire ${num(file.signalwire)},`);
    say(`   ${num(file.bad)} unreadable lines (all must be rejected); whole process, spawn to exit,`);
    say(`   ${scale.cli.rounds} interleaved round(s), medians.`);
    say(
      table(
        ['contender', 'wall s', 'records/s', 'MB/s', 'peak RSS', 'vs JSON.parse'],
        [
          [`${figures.cli.command}`, num(cliMs / 1000, 2), num(figures.cli.recordsPerSec), num(figures.cli.mbPerSec, 1), mb(figures.cli.peakRssMB), ratio(figures.cli.ratioToParse)],
          [figures.parse.label, num(parseMs / 1000, 2), num(figures.parse.recordsPerSec), num(figures.parse.mbPerSec, 1), mb(figures.parse.peakRssMB), '1.00'],
        ],
      ),
    );
    say();
    return figures;
  } finally {
    rmSync(path, { force: true });
    rmSync(probe, { force: true });
  }
}

// ---------------------------------------------------------------- 5. phone plans equivalence

async function phoneEquivalence(scale: Scale, seed: number) {
  progress(`phone plans: ${num(scale.phones)} random numbers against libphonenumber-js…`);
  const r = await runWorker<PhoneEquivalenceResult>('phone-equivalence', { numbers: scale.phones, seed } satisfies PhoneEquivalenceParams);
  say(`5. Phone plans (src/model/phone-plans.ts) against libphonenumber-js on ${num(r.numbers)} random numbers of every calling code`);
  say(`   (test/model/random-e164.ts, seed ${seed}; a quarter of the batches from the shared calling codes only): the shortcut`);
  say(`   answered ${num(r.shortcut)}, and gave another E.164 form, country or national form than libphonenumber-js for ${num(r.mismatchCount)}.`);
  for (const m of r.mismatches) say(`   ${m}`);
  say();
  targets.push({
    name: `phone plans: disagreements with libphonenumber-js over ${num(r.numbers)} random numbers`,
    target: '0',
    measured: num(r.mismatchCount),
    met: r.mismatchCount === 0,
  });
  return r;
}

// ---------------------------------------------------------------- main

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '7' },
    },
    strict: true,
  });
  const named = values.smoke ? 'smoke' : values.quick ? 'quick' : (process.env.BENCH_SCALE ?? 'full');
  if (!(named in SCALES)) throw new Error(`BENCH_SCALE must be full, quick or smoke, not "${named}"`);
  const scale = SCALES[named as Scale['name']];
  const only = values.only === undefined ? [...SECTIONS] : values.only.split(',').map((s) => s.trim());
  for (const s of only) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only takes ${SECTIONS.join(', ')}; not "${s}"`);
  const seed = Number(values.seed);
  const out = values.out ?? join(ROOT, 'bench', 'results.json');
  const started = performance.now();

  const meta = {
    date: new Date().toISOString(),
    scale: scale.name,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryMB: Math.round(totalmem() / 1e6),
    commit: git(['rev-parse', '--short', 'HEAD']),
    srcChanged: (git(['status', '--porcelain', '--', 'src']) ?? '') !== '',
    seed,
    units: 'MB = 10^6 bytes; RSS peaks are ru_maxrss of the measuring process',
    /** 1-minute load average when the run started and when it ended: other work on the machine. */
    loadAverage: { start: loadavg()[0]!, end: Number.NaN },
  };
  const results: Record<string, unknown> = { meta };
  const failed: string[] = [];
  const run = async (section: Section, fn: (scale: Scale, seed: number) => Promise<unknown>) => {
    if (!only.includes(section)) return;
    const key = { normalize: 'normalization', list: 'listing', stream: 'streaming', cli: 'normalizeCli', phones: 'phoneEquivalence' }[section];
    try {
      results[key] = await fn(scale, seed);
    } catch (error) {
      // One section failing does not lose the others' figures.
      const message = error instanceof Error ? error.message : String(error);
      progress(`${key} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      results[key] = { error: message };
      failed.push(key);
      say(`${key}: FAILED — ${message}`);
      say();
    }
  };
  await run('normalize', normalization);
  await run('list', listing);
  await run('stream', streaming);
  await run('cli', normalizeCli);
  await run('phones', phoneEquivalence);
  const seconds = (performance.now() - started) / 1000;
  meta.loadAverage.end = loadavg()[0]!;
  results.targets = targets;
  results.seconds = seconds;

  const header = [
    `callbridge bench — ${meta.date}, ${scale.name} run, Node ${meta.node}, ${meta.platform}, ${meta.cpus} CPUs (${meta.cpuModel}),`,
    `commit ${meta.commit ?? 'unknown'}${meta.srcChanged ? ' + uncommitted changes in src/' : ''}, seed ${seed}. MB = 10^6 bytes.`,
    `1-minute load average ${meta.loadAverage.start.toFixed(2)} at the start, ${meta.loadAverage.end.toFixed(2)} at the end.`,
    '',
  ];
  const footer = [
    'Targets (judged on this run)' + (scale.name === 'full' ? ':' : ` — a ${scale.name} run; the targets are set for the full sizes:`),
    table(['target', 'wanted', 'measured', ''], targets.map((t) => [t.name, t.target, t.measured, t.met ? 'met' : 'NOT MET'])),
    '',
    `${seconds.toFixed(0)} s in all; figures written to ${out.startsWith(`${process.cwd()}/`) ? relative(process.cwd(), out) : out}`,
  ];
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${[...header, ...text, ...footer].join('\n')}\n`);
  if (failed.length > 0) {
    process.stderr.write(`bench: ${failed.join(', ')} failed; see above\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
