import type { ListFilter } from '../dialects/common/emulated/list-request.js';
import { type Interval, inInterval, isEmptyInterval } from '../model/interval.js';
import type { Dataset, Lag } from './dataset.js';

/** A filter ready to run: a predicate on positions and the range of positions that can match at all. */
export interface CompiledFilter {
  matches(position: number): boolean;
  /** First position that can match. */
  lo: number;
  /** One past the last position that can match. */
  hi: number;
}

/** The first position whose date_created is at most `value` (date_created never increases with position). */
function firstAtOrBelow(created: Float64Array, value: number): number {
  let lo = 0;
  let hi = created.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (created[mid]! <= value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first position whose date_created is below `value`. */
function firstBelow(created: Float64Array, value: number): number {
  let lo = 0;
  let hi = created.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (created[mid]! < value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Positions that can hold a time inside `interval`, from the ordering by
 * date_created: a time t of a call created at c has t - c within `lag`, so c
 * lies in [start - lag.max, end - lag.min]. Turns the common date-range query
 * into a scan of that range only.
 */
function rangeFor(created: Float64Array, interval: Interval, lag: Lag | null): [number, number] {
  if (lag === null) return [0, 0];
  const lo = interval.end === null ? 0 : firstAtOrBelow(created, interval.end - lag.min);
  const hi = interval.start === null ? created.length : firstBelow(created, interval.start - lag.max);
  return [lo, Math.max(lo, hi)];
}

/**
 * Compiles a filter against a dataset. A value no call has (an unknown
 * number, parent or empty interval) compiles to an empty range, so the
 * answer is immediate.
 */
export function compileFilter(dataset: Dataset, filter: ListFilter): CompiledFilter {
  const { columns } = dataset;
  const none: CompiledFilter = { matches: () => false, lo: 0, hi: 0 };
  const checks: Array<(i: number) => boolean> = [];
  let lo = 0;
  let hi = dataset.size;

  if (filter.to !== null) {
    const id = dataset.addressId(filter.to);
    if (id < 0) return none;
    checks.push((i) => columns.to[i] === id);
  }
  if (filter.from !== null) {
    const id = dataset.addressId(filter.from);
    if (id < 0) return none;
    checks.push((i) => columns.from[i] === id);
  }
  if (filter.parentKey !== null) {
    const token = dataset.parentToken(filter.parentKey);
    if (token === -1) return none;
    checks.push((i) => columns.parent[i] === token);
  }
  if (filter.statuses !== null) {
    const accepted = new Uint8Array(256);
    for (const s of filter.statuses) accepted[s] = 1;
    checks.push((i) => accepted[columns.status[i]!] === 1);
  }
  for (const [interval, times, lag] of [
    [filter.started, columns.start, dataset.startLag],
    [filter.ended, columns.end, dataset.endLag],
  ] as const) {
    if (interval === null) continue;
    if (isEmptyInterval(interval)) return none;
    const [a, b] = rangeFor(columns.created, interval, lag);
    lo = Math.max(lo, a);
    hi = Math.min(hi, b);
    // NaN (no time) is outside every interval.
    checks.push((i) => !Number.isNaN(times[i]!) && inInterval(times[i]!, interval));
  }
  if (lo >= hi) return none;
  const [first, second] = checks;
  const matches =
    checks.length === 0 ? () => true
    : checks.length === 1 ? first!
    : checks.length === 2 ? (i: number) => first!(i) && second!(i)
    : (i: number) => checks.every((check) => check(i));
  return { matches, lo, hi };
}
