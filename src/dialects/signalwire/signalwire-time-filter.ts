import { type Interval, gmtDayOf } from '../../model/interval.js';
import { parseGmtDay, parseProviderTime } from '../../model/time.js';
import type { TimeOperator } from '../common/time-operator.js';

/**
 * How SignalWire reads one of its time parameters: instants. The value is RFC 2822
 * as documented, the ISO 8601 the official SDK sends, or a `YYYY-MM-DD`
 * (its midnight GMT). `>` is strictly after, `<` strictly before ("the time
 * after/before which the call began"), `=` the GMT day the instant falls in
 * ("the date on which"). Null when the value is unreadable.
 */
export function signalWireTimeFilter(operator: TimeOperator, value: string): Interval | null {
  let instant = parseProviderTime(value);
  if (Number.isNaN(instant)) instant = parseGmtDay(value);
  if (Number.isNaN(instant)) return null;
  if (operator === '=') return gmtDayOf(instant);
  if (operator === '>') return { start: instant, startInclusive: false, end: null, endInclusive: false };
  return { start: null, startInclusive: true, end: instant, endInclusive: false };
}
