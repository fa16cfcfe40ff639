import { ApiError } from '../dialects/common/emulated/api-error.js';
import { type Random, createRandom, mix32 } from './random.js';

/**
 * Faults the emulator can inject, all off by default. Draws (latency in a
 * range, server errors) come from a seeded generator, so a run repeats.
 */
export interface FaultOptions {
  /** Delay before every response: a fixed number of ms, or a range drawn per request. */
  latencyMs?: number | { min: number; max: number };
  /** Every `every`-th API request is answered 429 with `Retry-After: retryAfterSeconds` (default 1). */
  rateLimit?: { every: number; retryAfterSeconds?: number };
  /** Each API request fails with a 5xx with this probability; `statuses` to draw from, default [500, 503]. */
  serverErrors?: { probability: number; statuses?: ReadonlyArray<500 | 503> };
  /**
   * Cut successful response bodies in half: only the first one (`once`), or
   * every `every`-th. `close` (default) announces the full length and drops the
   * connection mid-body; `json` sends a complete response whose JSON is cut.
   */
  truncate?: { once?: boolean; every?: number; mode?: 'close' | 'json' };
  /** List pages' `next_page_uri` points at this origin (`http://other.example:8080`) instead of being relative. */
  nextPageOrigin?: string;
  /**
   * Faults of writes (create, update, delete), to test that a client never
   * repeats one that may have acted: `reject` answers 429 (with
   * `Retry-After: retryAfterSeconds`, default 0) without acting; `fail` acts,
   * then answers 500; `drop` acts, then drops the connection unanswered.
   * Applied to every `every`-th write (default every one), or to the first only (`once`).
   */
  writes?: { fault: WriteFault; once?: boolean; every?: number; retryAfterSeconds?: number };
  /** Seed of the draws; default the emulator's seed. */
  seed?: number;
}

/** What goes wrong with a write: refused before acting, or acted on and then failed or dropped. */
export type WriteFault = 'reject' | 'fail' | 'drop';

/** How to cut a successful body, if at all. */
export type Truncation = 'close' | 'json' | null;

/** The fault schedule of one emulator: counts requests and decides what goes wrong with each. */
export class FaultSchedule {
  readonly #options: FaultOptions;
  readonly #random: Random;
  #successes = 0;
  #writes = 0;

  constructor(options: FaultOptions, seed: number) {
    this.#options = options;
    this.#random = createRandom(mix32((options.seed ?? seed) ^ 0x68e31da4));
  }

  /** Milliseconds to wait before answering. */
  latency(): number {
    const l = this.#options.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === 'number') return l;
    return l.min + this.#random() * (l.max - l.min);
  }

  /** The error to answer the `n`-th API request (1-based) with instead of serving it, or null. */
  failure(n: number): ApiError | null {
    const { rateLimit, serverErrors } = this.#options;
    if (rateLimit !== undefined && rateLimit.every > 0 && n % rateLimit.every === 0) {
      const seconds = rateLimit.retryAfterSeconds ?? 1;
      return new ApiError('rate-limited', 'Too Many Requests', { 'retry-after': String(seconds) });
    }
    if (serverErrors !== undefined && this.#random() < serverErrors.probability) {
      const statuses = serverErrors.statuses ?? [500, 503];
      const status = statuses[Math.floor(this.#random() * statuses.length)] ?? 500;
      return new ApiError(status === 503 ? 'unavailable' : 'server-error', 'Injected server error');
    }
    return null;
  }

  /** The fault of the next write, or null. */
  writeFault(): WriteFault | null {
    const w = this.#options.writes;
    if (w === undefined) return null;
    this.#writes += 1;
    const hit = w.once === true ? this.#writes === 1 : this.#writes % Math.max(1, w.every ?? 1) === 0;
    return hit ? w.fault : null;
  }

  /** Seconds a rejected write asks the client to wait. */
  get writeRetryAfter(): number {
    return this.#options.writes?.retryAfterSeconds ?? 0;
  }

  /** Whether to cut the next successful body, and how. */
  truncation(): Truncation {
    const t = this.#options.truncate;
    if (t === undefined) return null;
    this.#successes += 1;
    const cut = t.once === true ? this.#successes === 1 : t.every !== undefined && t.every > 0 && this.#successes % t.every === 0;
    return cut ? (t.mode ?? 'close') : null;
  }

  /** The origin next-page links point at instead of the emulator, or null. */
  get nextPageOrigin(): string | null {
    return this.#options.nextPageOrigin ?? null;
  }
}
