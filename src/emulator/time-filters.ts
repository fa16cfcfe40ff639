import type { Interval } from '../model/interval.js';
import { parseGmtDay, parseIsoInstant, parseProviderTime } from '../model/time.js';

/** The comparison a time parameter's key carries: `StartTime` (=), `StartTime>` or `StartTime<`. */
export type TimeOperator = '=' | '>' | '<';

const DAY = 86_400_000;

/** The whole GMT day holding an instant. */
export function dayOf(ms: number): Interval {
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

/**
 * Twilio's reading of a time parameter: whole GMT days. The value is a
 * `YYYY-MM-DD` as documented, or the `YYYY-MM-DDTHH:mm:ssZ` the official SDKs
 * send, which stands for the GMT day it falls in. `=` is that day, `>` on or
 * after its midnight, `<` before its midnight. Null when the value is unreadable.
 */
export function twilioTimeBound(operator: TimeOperator, value: string): Interval | null {
  let day = parseGmtDay(value);
  if (Number.isNaN(day)) {
    const instant = parseIsoInstant(value);
    if (Number.isNaN(instant)) return null;
    day = dayOf(instant).start!;
  }
  if (operator === '=') return dayOf(day);
  if (operator === '>') return { start: day, startInclusive: true, end: null, endInclusive: false };
  return { start: null, startInclusive: true, end: day, endInclusive: false };
}

/**
 * SignalWire's reading of a time parameter: instants. The value is RFC 2822
 * as documented, the ISO 8601 the official SDK sends, or a `YYYY-MM-DD`
 * (its midnight GMT). `>` is strictly after, `<` strictly before ("the time
 * after/before which the call began"), `=` the GMT day the instant falls in
 * ("the date on which"). Null when the value is unreadable.
 */
export function signalWireTimeBound(operator: TimeOperator, value: string): Interval | null {
  let instant = parseProviderTime(value);
  if (Number.isNaN(instant)) instant = parseGmtDay(value);
  if (Number.isNaN(instant)) return null;
  if (operator === '=') return dayOf(instant);
  if (operator === '>') return { start: instant, startInclusive: false, end: null, endInclusive: false };
  return { start: null, startInclusive: true, end: instant, endInclusive: false };
}
