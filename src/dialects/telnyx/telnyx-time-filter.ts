import { type Interval, gmtDayOf } from '../../model/interval.js';
import { parseGmtDay } from '../../model/time.js';
import type { TimeOperator } from '../common/time-operator.js';

const DAY = 86_400_000;

/**
 * How the emulator reads one of Telnyx's time parameters. Telnyx documents
 * `YYYY-MM-DD` dates, `>` "after" and `<` "before", and neither the time zone
 * nor whether the day itself is included. The emulator takes the strictest
 * reading, so that a client relying on either is caught: GMT days, `StartTime>D`
 * after the whole day D, `StartTime<D` before day D begins, `StartTime=D` within
 * day D. Null when the value is not a date.
 */
export function telnyxTimeFilter(operator: TimeOperator, value: string): Interval | null {
  const day = parseGmtDay(value);
  if (Number.isNaN(day)) return null;
  if (operator === '=') return gmtDayOf(day);
  if (operator === '>') return { start: day + DAY, startInclusive: true, end: null, endInclusive: false };
  return { start: null, startInclusive: true, end: day, endInclusive: false };
}
