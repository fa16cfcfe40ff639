import * as v from 'valibot';
import { BadQueryError } from '../model/errors/bad-query-error.js';
import { CALL_STATUSES, type CallStatus } from '../model/status.js';
import { parseIsoInstant } from '../model/time.js';
import type { CallColumns, Dataset } from './dataset.js';
import { lagOf } from './dataset.js';
import { buildGeneratedCall } from './generated-call.js';
import { DIRECTION, type GeneratedParts } from './generated-parts.js';
import { generatedSids } from './generated-sids.js';
import { COUNTRIES } from './phone-numbers.js';
import { type Random, createRandom, cumulate, hex32, mix32, pickWeighted } from './random.js';

/** Options of {@link generateDataset}. */
export interface GenerateOptions {
  /** How many calls, 10 to 1,000,000. */
  calls: number;
  /** Same seed, same calls, sids and account. Default 1. */
  seed?: number;
  /** Creation instant of the newest call (ISO 8601 with a zone, or a Date). Default `2024-06-30T23:59:59Z`. */
  endAt?: string | Date;
}

// Status codes of the status column: indexes into CALL_STATUSES.
const code = (status: CallStatus) => CALL_STATUSES.indexOf(status);
const S = {
  queued: code('queued'),
  ringing: code('ringing'),
  inProgress: code('in-progress'),
  completed: code('completed'),
  busy: code('busy'),
  failed: code('failed'),
  canceled: code('canceled'),
};

const Options = v.object({
  calls: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(10, 'must be at least 10'), v.maxValue(1_000_000, 'must be at most 1,000,000')),
  seed: v.optional(v.pipe(v.number(), v.safeInteger('must be a whole number'))),
  endAt: v.optional(v.union([v.string(), v.date()])),
});

const DEFAULT_END = Date.UTC(2024, 5, 30, 23, 59, 59);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** Folds any safe integer into 32 bits; small seeds are kept as they are. */
export function seed32(seed: number): number {
  return ((seed >>> 0) ^ mix32(Math.floor(seed / 4294967296) >>> 0)) >>> 0;
}

function endOf(value: string | Date | undefined): number {
  if (value === undefined) return DEFAULT_END;
  const ms = value instanceof Date ? value.getTime() : parseIsoInstant(value);
  if (Number.isNaN(ms)) throw new BadQueryError('endAt', `cannot read "${String(value)}" as an ISO 8601 instant with a zone`);
  return Math.floor(ms / SECOND) * SECOND;
}

/** Whole seconds drawn from a log-normal distribution, clipped to [1, 7200]. */
function callSeconds(random: Random, median: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.min(7200, Math.max(1, Math.round(median * Math.exp(0.9 * z))));
}

/** Whole seconds of an exponential wait with the given mean, at least one. */
function waitSeconds(random: Random, meanMs: number): number {
  return 1 + Math.floor((-Math.log(1 - random()) * meanMs) / SECOND);
}

interface AddressBook {
  addresses: string[];
  addressCountry: Int8Array;
  ownedCount: number;
  customers: number;
  agents: number;
  ids: Map<string, number>;
}

// The account's own numbers: one side of every call that is not to a SIP or client agent.
const OWNED_COUNTRIES = [...Array<string>(19).fill('US'), 'GB', 'GB', 'GB', 'CA', 'CA', 'CA'];
const AGENTS = 16;

function addressBook(random: Random, customers: number): AddressBook {
  const addresses: string[] = [];
  const countries: number[] = [];
  const ids = new Map<string, number>();
  const add = (value: string, country: number): boolean => {
    if (ids.has(value)) return false;
    ids.set(value, addresses.length);
    addresses.push(value);
    countries.push(country);
    return true;
  };
  for (const code of OWNED_COUNTRIES) {
    const c = COUNTRIES.findIndex((country) => country.code === code);
    while (!add(COUNTRIES[c]!.number(random), c));
  }
  const weights = cumulate(COUNTRIES.map((c) => c.weight));
  for (let i = 0; i < customers; i += 1) {
    const c = pickWeighted(weights, random);
    while (!add(COUNTRIES[c]!.number(random), c));
  }
  for (let i = 1; i <= AGENTS / 2; i += 1) {
    const name = `agent${String(i).padStart(2, '0')}`;
    add(`client:${name}`, -1);
    add(`sip:${name}@pbx.example.com`, -1);
  }
  return { addresses, addressCountry: Int8Array.from(countries), ownedCount: OWNED_COUNTRIES.length, customers, agents: AGENTS, ids };
}

/**
 * Generates a deterministic dataset of `calls` calls: a realistic mix of
 * statuses (mostly completed; busy, failed, canceled; queued, ringing and
 * in-progress only among the newest), inbound and outbound-api calls with
 * outbound-dial child legs, the account's 25 own numbers on one side and a new
 * number (30% international) or a SIP/client agent on the other, log-normal
 * durations and per-minute prices. The same logical calls are served in both dialects.
 *
 * No call is `no-answer`: SignalWire has no such status and writes it as
 * `failed`, so such calls would make the two dialects answer status filters
 * differently.
 *
 * Only the filterable fields are stored (in typed arrays); everything else is
 * recomputed from the seed and the position whenever a call is served.
 * Throws {@link BadQueryError} for options out of range.
 */
export function generateDataset(options: GenerateOptions): Dataset {
  const parsed = v.safeParse(Options, options);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new BadQueryError(v.getDotPath(issue) ?? 'options', issue.message);
  }
  const size = parsed.output.calls;
  const seed = seed32(parsed.output.seed ?? 1);
  const anchor = endOf(parsed.output.endAt);
  const random = createRandom(mix32(seed ^ 0x9e3779b9));
  // As in a real call log, the other side of a call is nearly always a number seen for the first time.
  const book = addressBook(random, Math.max(20, size));

  const created = new Float64Array(size);
  const start = new Float64Array(size).fill(Number.NaN);
  const end = new Float64Array(size).fill(Number.NaN);
  const status = new Uint8Array(size);
  const to = new Int32Array(size);
  const from = new Int32Array(size);
  const parent = new Int32Array(size).fill(-1);
  const direction = new Uint8Array(size);

  // Small datasets still span a month; a million calls span about a year.
  const meanGap = Math.max(30 * SECOND, (30 * DAY) / size);
  const owned = () => Math.floor(random() * book.ownedCount);
  const agent = () => book.ownedCount + book.customers + Math.floor(random() * book.agents);
  // Each call meets a new customer, and a few a SIP or client agent (about 7% of addresses with the <Dial> legs).
  let customers = 0;
  const customer = () => book.ownedCount + (customers++ % book.customers);
  const remote = () => (random() < 0.05 ? agent() : customer());

  /** Final status and times of one leg; live statuses for legs that have not ended at the anchor. */
  const settle = (i: number, canBeQueued: boolean, median: number, answered: number): void => {
    const c = created[i]!;
    const age = anchor - c;
    if (canBeQueued && age < 10 * SECOND && random() < 0.5) {
      status[i] = S.queued;
      return;
    }
    start[i] = c + Math.floor(random() * 2) * SECOND;
    if (age < MINUTE && random() < 0.3) {
      status[i] = S.ringing;
      return;
    }
    const r = random();
    if (r >= answered) {
      // Not answered: busy, failed, or canceled before it was dialed.
      const rest = (r - answered) / (1 - answered);
      status[i] = rest < 0.42 ? S.busy : rest < 0.71 ? S.failed : S.canceled;
      if (status[i] === S.canceled) start[i] = Number.NaN;
      return;
    }
    const stop = start[i]! + callSeconds(random, median) * SECOND;
    if (stop > anchor) {
      status[i] = S.inProgress;
      return;
    }
    status[i] = S.completed;
    end[i] = stop;
  };

  let t = anchor + SECOND;
  for (let i = 0; i < size; ) {
    const r = random();
    const children = Math.min(size - 1 - i, r < 0.04 ? 2 : r < 0.22 ? 1 : 0);
    const p = i + children;
    // The newest call is created exactly at the anchor.
    t -= i === 0 ? SECOND : waitSeconds(random, meanGap) * SECOND;
    if (children === 0) {
      created[p] = t;
      const inbound = random() < 0.45;
      direction[p] = inbound ? DIRECTION.inbound : DIRECTION.outboundApi;
      to[p] = inbound ? owned() : remote();
      from[p] = inbound ? remote() : owned();
      settle(p, !inbound, 90, 0.76);
    } else {
      // A parent leg and the <Dial> legs it spawned a few seconds after it started.
      for (let j = 0; j < children; j += 1) created[i + j] = t - j * SECOND;
      created[p] = t - (children - 1) * SECOND - (3 + Math.floor(random() * 22)) * SECOND;
      const inbound = random() < 0.8;
      direction[p] = inbound ? DIRECTION.inbound : DIRECTION.outboundApi;
      to[p] = inbound ? owned() : remote();
      from[p] = inbound ? remote() : owned();
      let last = created[i]!;
      let live = false;
      for (let j = children - 1; j >= 0; j -= 1) {
        const c = i + j;
        parent[c] = p;
        direction[c] = DIRECTION.outboundDial;
        // An inbound call is forwarded with the caller's id or the number called; an API call bridges from its own number.
        from[c] = inbound && random() < 0.5 ? to[p]! : from[p]!;
        to[c] = inbound && random() < 0.6 ? agent() : customer();
        settle(c, false, 120, 0.8);
        if (end[c]! > last) last = end[c]!;
        if (status[c] === S.ringing || status[c] === S.inProgress) live = true;
      }
      start[p] = created[p]! + Math.floor(random() * 2) * SECOND;
      const stop = last + (1 + Math.floor(random() * 60)) * SECOND;
      if (live || stop > anchor) status[p] = S.inProgress;
      else {
        status[p] = S.completed;
        end[p] = stop;
      }
    }
    t = created[p]!;
    i = p + 1;
  }

  const columns: CallColumns = { created, start, end, status, to, from, parent };
  const accountKey = hex32(seed ^ 0x5f3759df);
  const parts: GeneratedParts = {
    seed,
    anchor,
    accountKey,
    columns,
    direction,
    addresses: book.addresses,
    addressCountry: book.addressCountry,
    ownedCount: book.ownedCount,
    customers: book.customers,
    ownedKeys: Array.from({ length: book.ownedCount }, (_, k) => hex32(seed ^ mix32(k + 0x1000))),
    sids: generatedSids(seed, size),
  };
  return {
    size,
    columns,
    startLag: lagOf(created, start),
    endLag: lagOf(created, end),
    accountKey,
    call: (position) => buildGeneratedCall(parts, position),
    keyAt: (position) => parts.sids.keyAt(position),
    positionOf: (key) => parts.sids.positionOf(key),
    addressId: (value) => book.ids.get(value) ?? -1,
    parentToken: (key) => parts.sids.positionOf(key),
  };
}
