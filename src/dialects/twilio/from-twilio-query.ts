import { BadQueryError } from '../../model/errors/bad-query-error.js';
import type { CallQuery, TimeRange } from '../../model/query.js';
import type { CallStatus } from '../../model/status.js';
import { formatIso, parseGmtDay, parseIsoInstant } from '../../model/time.js';

const DAY = 86_400_000;
const KNOWN = new Set(['To', 'From', 'ParentCallSid', 'Status', 'PageSize', 'Page', 'PageToken']);

/**
 * One Twilio time filter (`StartTime`, `StartTime>`, `StartTime<`) as a range,
 * with the meaning Twilio documents: `>=D` on or after GMT day D, `<=D` on or
 * before it, `=D` on it. An instant (what twilio-node sends for a Date) is
 * taken as that instant.
 */
function range(key: string, op: '' | '>' | '<', value: string): TimeRange {
  const day = parseGmtDay(value);
  if (Number.isNaN(day)) {
    if (Number.isNaN(parseIsoInstant(value))) throw new BadQueryError(key, `"${value}" is neither YYYY-MM-DD nor an ISO 8601 instant with a zone`);
    return op === '>' ? { from: value } : op === '<' ? { to: value, toInclusive: true } : { from: value, to: value, toInclusive: true };
  }
  const from = formatIso(day);
  const to = formatIso(day + DAY);
  return op === '>' ? { from } : op === '<' ? { to } : { from, to };
}

function merge(a: TimeRange | undefined, b: TimeRange): TimeRange {
  return { ...a, ...b };
}

/**
 * Reads a Twilio Calls list query string (`To=…&Status=busy&StartTime>=2024-03-05`)
 * into a {@link CallQuery}, so tooling written against Twilio can be pointed at
 * either provider. Keys may be written `StartTime>=` or as they arrive on the
 * wire (`StartTime>`). Paging keys other than PageSize are ignored; an unknown
 * key is refused with {@link BadQueryError}.
 */
export function fromTwilioQuery(input: string | URLSearchParams): CallQuery {
  const params = typeof input === 'string' ? new URLSearchParams(input.replace(/^\?/, '')) : input;
  const query: CallQuery = {};
  const statuses: string[] = [];
  for (const [rawKey, value] of params) {
    const key = rawKey.replace(/=$/, '');
    const time = /^(StartTime|EndTime)([<>]?)$/.exec(key);
    if (time !== null) {
      const field = time[1] === 'StartTime' ? 'startedAt' : 'endedAt';
      query[field] = merge(query[field], range(key, time[2] as '' | '>' | '<', value));
      continue;
    }
    if (!KNOWN.has(key)) throw new BadQueryError(key, 'is not a filter of the Twilio Calls list');
    if (key === 'To') query.to = value;
    else if (key === 'From') query.from = value;
    else if (key === 'ParentCallSid') query.parentCallSid = value;
    else if (key === 'Status') statuses.push(value);
    else if (key === 'PageSize') query.pageSize = Number(value);
  }
  if (statuses.length > 0) query.status = (statuses.length === 1 ? statuses[0] : statuses) as CallStatus | CallStatus[];
  return query;
}
