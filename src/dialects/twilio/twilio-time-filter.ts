import { type Interval, gmtDayOf } from '../../model/interval.js';
import { parseGmtDay, parseIsoInstant } from '../../model/time.js';
import type { TimeOperator } from '../common/time-operator.js';

/**
 * How Twilio reads one of its time parameters, as its API reference documents
 * them: whole GMT days. The value is a `YYYY-MM-DD`, or the
 * `YYYY-MM-DDTHH:mm:ssZ` twilio-node sends for a `Date`, which stands for the
 * GMT day it falls in. `StartTime=D` is day D, `StartTime>=D` (the key
 * `StartTime>`) on or after its midnight, `StartTime<=D` (the key `StartTime<`)
 * before its midnight. Null when the value is not a date.
 *
 * One reading, shared by the emulator's Twilio routes and by `fromTwilioQuery`,
 * so a Twilio query string means the same thing to both.
 */
export function twilioTimeFilter(operator: TimeOperator, value: string): Interval | null {
  let day = parseGmtDay(value);
  if (Number.isNaN(day)) {
    const instant = parseIsoInstant(value);
    if (Number.isNaN(instant)) return null;
    day = gmtDayOf(instant).start!;
  }
  if (operator === '=') return gmtDayOf(day);
  if (operator === '>') return { start: day, startInclusive: true, end: null, endInclusive: false };
  return { start: null, startInclusive: true, end: day, endInclusive: false };
}
