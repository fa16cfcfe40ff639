import { BadQueryError } from '../../model/errors/bad-query-error.js';
import type { CallQuery, TimeRange } from '../../model/query.js';
import type { CallStatus } from '../../model/status.js';
import { type Interval, intersect } from '../../model/interval.js';
import { formatIso } from '../../model/time.js';
import type { TimeOperator } from '../common/time-operator.js';
import { twilioTimeFilter } from './twilio-time-filter.js';

const KNOWN = new Set(['To', 'From', 'ParentCallSid', 'Status', 'PageSize', 'Page', 'PageToken']);

/** An interval as the bounds of a CallQuery. */
function rangeOf(interval: Interval): TimeRange {
  return {
    ...(interval.start !== null && { from: formatIso(interval.start), fromInclusive: interval.startInclusive }),
    ...(interval.end !== null && { to: formatIso(interval.end), toInclusive: interval.endInclusive }),
  };
}

/**
 * Reads a Twilio Calls list query string (`To=…&Status=busy&StartTime>=2024-03-05`)
 * into a {@link CallQuery}, so tooling written against Twilio can be pointed at
 * either provider. Time filters keep Twilio's reading (see {@link twilioTimeFilter}):
 * whole GMT days, `<` before the day. Keys may be written `StartTime>=` or as they arrive on the
 * wire (`StartTime>`). Paging keys other than PageSize are ignored; an unknown
 * key is refused with {@link BadQueryError}.
 */
export function fromTwilioQuery(input: string | URLSearchParams): CallQuery {
  const params = typeof input === 'string' ? new URLSearchParams(input.replace(/^\?/, '')) : input;
  const query: CallQuery = {};
  const statuses: string[] = [];
  const times: { startedAt: Interval | null; endedAt: Interval | null } = { startedAt: null, endedAt: null };
  for (const [rawKey, value] of params) {
    const key = rawKey.replace(/=$/, '');
    const time = /^(StartTime|EndTime)([<>]?)$/.exec(key);
    if (time !== null) {
      const interval = twilioTimeFilter((time[2] || '=') as TimeOperator, value);
      if (interval === null) throw new BadQueryError(key, `"${value}" is neither YYYY-MM-DD nor an ISO 8601 instant with a zone`);
      const field = time[1] === 'StartTime' ? 'startedAt' : 'endedAt';
      times[field] = intersect(times[field], interval);
      continue;
    }
    if (!KNOWN.has(key)) throw new BadQueryError(key, 'is not a filter of the Twilio Calls list');
    if (key === 'To') query.to = value;
    else if (key === 'From') query.from = value;
    else if (key === 'ParentCallSid') query.parentCallSid = value;
    else if (key === 'Status') statuses.push(value);
    else if (key === 'PageSize') query.pageSize = Number(value);
  }
  if (times.startedAt !== null) query.startedAt = rangeOf(times.startedAt);
  if (times.endedAt !== null) query.endedAt = rangeOf(times.endedAt);
  if (statuses.length > 0) query.status = (statuses.length === 1 ? statuses[0] : statuses) as CallStatus | CallStatus[];
  return query;
}
