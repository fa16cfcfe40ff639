/**
 * Measured process: normalization throughput of one dialect, on list pages
 * written by the make-pages worker (one page of JSON text per line, read into
 * memory as strings first; generating them in another process keeps this
 * one's caches cold for the first pass). Times in interleaved rounds, on
 * those same strings:
 *
 * - `JSON.parse` of each page (the ceiling);
 * - `JSON.parse` + `normalizeCall` of each record (dialect detected, as the CLI does);
 * - `JSON.parse` + `DIALECTS[p].toCall` of each record (dialect known, as the client does);
 * - the official SDK's own page construction: twilio-node's `CallPage` (its
 *   `JSON.parse` + one `CallInstance` per record) on Twilio bytes, the
 *   SignalWire compatibility SDK's `CallPage` on SignalWire bytes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import twilio from 'twilio';
import { DIALECTS } from '../../src/dialects/registry.js';
import { type Provider, normalizeCall } from '../../src/index.js';
import { median, range } from '../lib/stats.js';
import { now, params, runWorker } from '../lib/worker.js';

export interface NormalizeParams {
  dialect: Provider;
  /** The pages, one JSON text per line (see make-pages). */
  pagesFile: string;
  /**
   * Records of one chunk: the pages hold 1 + warmup + rounds chunks, each
   * read first by one pass (cold, warm-up, round) so that every timed
   * first-read round meets numbers and sids no earlier pass has seen.
   */
  chunkRecords: number;
  warmup: number;
  rounds: number;
}

export interface ContenderFigures {
  label: string;
  /** Milliseconds of each timed round, in round order. */
  roundsMs: number[];
  medianMs: number;
  recordsPerSec: number;
  /** Megabytes (10^6) of JSON text per second. */
  mbPerSec: number;
  /** Median over rounds of (JSON.parse time / this contender's time) in the same round. */
  ratioToParse: number;
  /** The same, against the official SDK's page construction. */
  ratioToSdk: number;
  /** Smallest and largest per-round ratio to JSON.parse. */
  ratioToParseRange: [number, number];
  /**
   * Milliseconds of the first pass in a fresh process (contenders in table
   * order): cold JIT, and for normalizeCall, which runs before toCall, an
   * empty address cache.
   */
  coldMs: number;
  /** JSON.parse's first pass / this contender's first pass. */
  coldRatioToParse: number;
}

export interface NormalizeResult {
  dialect: Provider;
  /** Records per pass (one chunk). */
  records: number;
  pages: number;
  pageSize: number;
  bytes: number;
  warmup: number;
  rounds: number;
  /** Re-reading a chunk already read: every contender, interleaved. */
  contenders: Record<string, ContenderFigures>;
  /**
   * First read: each round on a chunk no earlier pass of the process has seen,
   * JSON.parse, normalizeCall and the SDK interleaved on it (toCall is left
   * out: it would re-read what normalizeCall just read).
   */
  firstRead: Record<string, ContenderFigures>;
}

interface Contender {
  key: string;
  label: string;
  /** One pass over every page; returns the records built. */
  pass(pages: readonly string[]): number;
}

const require = createRequire(import.meta.url);
// Keeps each pass's last result alive so that no work can be skipped.
let sink: unknown;

interface SdkPage {
  instances: unknown[];
}
type SdkPageClass = new (version: unknown, response: { statusCode: number; body: string }, solution: { accountSid: string }) => SdkPage;

/**
 * An SDK's page construction: one `CallPage` per page body, as its `list()`
 * builds each page it receives (one SDK is measured per process).
 */
function sdkContender(label: string, CallPage: SdkPageClass, version: unknown, accountSid: string): Contender {
  return {
    key: 'sdk',
    label,
    pass(pages) {
      let n = 0;
      for (const body of pages) {
        const page = new CallPage(version, { statusCode: 200, body }, { accountSid });
        n += page.instances.length;
        sink = page;
      }
      return n;
    },
  };
}

/** twilio-node's page class, built the way `client.calls.list()` builds each page it receives. */
function twilioNodeContender(accountSid: string): Contender {
  const { CallPage } = require('twilio/lib/rest/api/v2010/account/call.js') as { CallPage: SdkPageClass };
  const version = twilio(accountSid, 'bench-token').api.v2010;
  return sdkContender('twilio-node CallPage (JSON.parse + CallInstance)', CallPage, version, accountSid);
}

/**
 * The SignalWire compatibility SDK's page class. Its package exports only a
 * bundle, so the class is read from the SDK's own lib/ sources (the same code,
 * unbundled) by path.
 */
function signalwireSdkContender(projectId: string): Contender {
  const main = require.resolve('@signalwire/compatibility-api');
  const root = main.slice(0, main.lastIndexOf('/dist/'));
  const { CallPage } = require(`${root}/lib/rest/api/v2010/account/call.js`) as { CallPage: SdkPageClass };
  const { RestClient } = require('@signalwire/compatibility-api') as {
    RestClient: (project: string, token: string, options: { signalwireSpaceUrl: string }) => { api: { v2010: unknown } };
  };
  const version = RestClient(projectId, 'bench-token', { signalwireSpaceUrl: 'example.signalwire.com' }).api.v2010;
  return sdkContender('@signalwire/compatibility-api CallPage (JSON.parse + CallInstance)', CallPage, version, projectId);
}

interface PageOfRecords {
  calls: Array<Record<string, unknown>>;
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

runWorker(async (): Promise<NormalizeResult> => {
  const p = params<NormalizeParams>();
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run the normalize worker with --expose-gc');

  // The bytes: list pages of the dialect, as JSON text.
  const allPages = readFileSync(p.pagesFile, 'utf8').split('\n').filter((line) => line !== '');
  const first = JSON.parse(allPages[0]!) as PageOfRecords & { page_size: number };
  const account = String(first.calls[0]!.account_sid);
  const records = p.chunkRecords;
  const perChunk = Math.ceil(records / first.page_size);
  const chunk = (i: number) => allPages.slice(i * perChunk, (i + 1) * perChunk);
  const chunks = 1 + p.warmup + p.rounds;
  if (allPages.length < chunks * perChunk) throw new Error(`${allPages.length} pages, ${chunks} chunks of ${perChunk} wanted`);
  const pages = chunk(0);
  const bytes = pages.reduce((sum, page) => sum + Buffer.byteLength(page), 0);
  const dialect = DIALECTS[p.dialect];

  const contenders: Contender[] = [
    {
      key: 'parse',
      label: 'JSON.parse (ceiling)',
      pass(texts) {
        let n = 0;
        for (const text of texts) {
          const page = JSON.parse(text) as PageOfRecords;
          n += page.calls.length;
          sink = page;
        }
        return n;
      },
    },
    {
      key: 'normalizeCall',
      label: 'JSON.parse + normalizeCall (dialect detected)',
      pass(texts) {
        let n = 0;
        for (const text of texts) {
          const raw = (JSON.parse(text) as PageOfRecords).calls;
          const calls = new Array<unknown>(raw.length);
          for (let i = 0; i < raw.length; i += 1) calls[i] = normalizeCall(raw[i]);
          n += calls.length;
          sink = calls;
        }
        return n;
      },
    },
    {
      key: 'toCall',
      label: `JSON.parse + DIALECTS.${p.dialect}.toCall (dialect known)`,
      pass(texts) {
        let n = 0;
        for (const text of texts) {
          const raw = (JSON.parse(text) as PageOfRecords).calls;
          const calls = new Array<unknown>(raw.length);
          for (let i = 0; i < raw.length; i += 1) calls[i] = dialect.toCall(raw[i]);
          n += calls.length;
          sink = calls;
        }
        return n;
      },
    },
    p.dialect === 'twilio' ? twilioNodeContender(account) : signalwireSdkContender(account),
  ];

  // The first pass of each contender, cold; every contender must build every
  // record, and callbridge must read them in the right dialect.
  const coldMs = new Map<string, number>();
  for (const contender of contenders) {
    gc();
    const start = now();
    const n = contender.pass(pages);
    coldMs.set(contender.key, now() - start);
    if (n !== records) throw new Error(`${contender.label} built ${n} records of ${records}`);
  }
  for (const text of pages.slice(0, 2)) {
    for (const raw of (JSON.parse(text) as PageOfRecords).calls) {
      if (normalizeCall(raw).provider !== p.dialect) throw new Error(`normalizeCall did not detect ${p.dialect}`);
    }
  }

  for (let w = 1; w <= p.warmup; w += 1) for (const contender of contenders) contender.pass(chunk(w));

  /** Interleaved timed passes, rotated so that no contender always runs right after the same one. */
  const timeRounds = (group: Contender[], pagesOf: (round: number) => string[]) => {
    const times = new Map<string, number[]>(group.map((c) => [c.key, []]));
    for (let round = 0; round < p.rounds; round += 1) {
      const roundPages = pagesOf(round);
      for (const contender of rotate(group, round)) {
        gc();
        const start = now();
        contender.pass(roundPages);
        times.get(contender.key)!.push(now() - start);
      }
    }
    return times;
  };
  const firstRead = contenders.filter((c) => c.key !== 'toCall');
  const firstTimes = timeRounds(firstRead, (round) => chunk(1 + p.warmup + round));
  // Re-reading: the last chunk, which every contender has just read.
  const times = timeRounds(contenders, () => chunk(p.warmup + p.rounds));
  sink = undefined;

  const figuresOf = (group: Contender[], timesOf: Map<string, number[]>) => {
    const parseMs = timesOf.get('parse')!;
    const sdkMs = timesOf.get('sdk')!;
    const figures: Record<string, ContenderFigures> = {};
    for (const contender of group) {
      const ms = timesOf.get(contender.key)!;
      const medianMs = median(ms);
      figures[contender.key] = {
        label: contender.label,
        roundsMs: ms,
        medianMs,
        recordsPerSec: records / (medianMs / 1000),
        mbPerSec: bytes / 1e6 / (medianMs / 1000),
        ratioToParse: median(ms.map((t, i) => parseMs[i]! / t)),
        ratioToSdk: median(ms.map((t, i) => sdkMs[i]! / t)),
        ratioToParseRange: range(ms.map((t, i) => parseMs[i]! / t)),
        coldMs: coldMs.get(contender.key)!,
        coldRatioToParse: coldMs.get('parse')! / coldMs.get(contender.key)!,
      };
    }
    return figures;
  };
  return {
    dialect: p.dialect,
    records,
    pages: pages.length,
    pageSize: first.page_size,
    bytes,
    warmup: p.warmup,
    rounds: p.rounds,
    contenders: figuresOf(contenders, times),
    firstRead: figuresOf(firstRead, firstTimes),
  };
});
