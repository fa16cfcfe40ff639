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
