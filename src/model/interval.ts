/**
 * A span of time between two instants (epoch ms) with explicit inclusivity at
 * each end; an open end is null. Half-open `[start, end)` is the natural form.
 */
export interface Interval {
  start: number | null;
  startInclusive: boolean;
  end: number | null;
  endInclusive: boolean;
}

/** True when the instant lies inside the interval. */
export function inInterval(ms: number, interval: Interval): boolean {
  const { start, end } = interval;
  if (start !== null && (interval.startInclusive ? ms < start : ms <= start)) return false;
  if (end !== null && (interval.endInclusive ? ms > end : ms >= end)) return false;
  return true;
}

/** True when no instant can lie inside the interval. */
export function isEmptyInterval(interval: Interval): boolean {
  const { start, end } = interval;
  if (start === null || end === null) return false;
  return start > end || (start === end && !(interval.startInclusive && interval.endInclusive));
}

const DAY = 86_400_000;

/** The whole GMT day holding an instant, as `[midnight, next midnight)`. */
export function gmtDayOf(ms: number): Interval {
  const start = Math.floor(ms / DAY) * DAY;
  return { start, startInclusive: true, end: start + DAY, endInclusive: false };
}

/** Both intervals at once (their intersection); null stands for "no bound". */
export function intersect(a: Interval | null, b: Interval): Interval {
  if (a === null) return b;
  const later = a.start === null ? b : b.start === null ? a : a.start > b.start ? a : b.start > a.start ? b : a.startInclusive ? b : a;
  const earlier = a.end === null ? b : b.end === null ? a : a.end < b.end ? a : b.end < a.end ? b : a.endInclusive ? b : a;
  return { start: later.start, startInclusive: later.startInclusive, end: earlier.end, endInclusive: earlier.endInclusive };
}
