import type { Call } from '../../model/call.js';
import { UnsupportedQueryError } from '../../model/errors/unsupported-query-error.js';
import type { Interval } from '../../model/interval.js';
import type { ResolvedQuery } from '../../model/query.js';
import { formatGmtDay } from '../../model/time.js';
import type { ListPlan } from '../common/dialect.js';
import { type QueryDialect, buildListPlan } from '../common/list-plan.js';
import { TELNYX_STATUS_FILTERS } from './map-telnyx-status.js';

const DAY = 86_400_000;

/**
 * Telnyx filters times with dates only (`StartTime>` "after", `StartTime<`
 * "before", `YYYY-MM-DD`) and documents neither whether a bound includes its
 * day nor in which time zone a day is read. Each bound is moved two days
 * outwards: that holds the whole interval under every reading (inclusive or
 * strict, any zone within ±14 h of UTC). The exact interval is applied on the client.
 */
const telnyxQuery: QueryDialect = {
  status: (status) => status,
  parentCallSid() {
    // Refused before building the plan (see telnyxListPlan); never reached.
    throw new UnsupportedQueryError('telnyx', NO_PARENT);
  },
  bounds(interval: Interval) {
    return {
      after: interval.start === null ? null : formatGmtDay(interval.start - 2 * DAY),
      before: interval.end === null ? null : formatGmtDay(interval.end + 2 * DAY),
    };
  },
};

const NO_PARENT = 'Telnyx TeXML has no ParentCallSid filter, and its call records do not name a parent call';

/**
 * Turns a query into Telnyx TeXML requests. `Status` accepts only canceled,
 * completed, failed, busy and no-answer: a query for any other status (ringing,
 * in-progress, queued) asks for every status and selects on the client, so
 * the answer stays exact; statuses Telnyx filters are fanned out, one request
 * each. A parent call cannot be selected at all: refused with UnsupportedQueryError.
 */
export function telnyxListPlan(query: ResolvedQuery, path: string): ListPlan {
  if (query.parentCallSid !== null) throw new UnsupportedQueryError('telnyx', NO_PARENT);
  if (query.statuses.every((status) => TELNYX_STATUS_FILTERS.has(status))) return buildListPlan(query, path, telnyxQuery);
  const plan = buildListPlan({ ...query, statuses: [] }, path, telnyxQuery);
  const wanted = new Set(query.statuses);
  return { requests: plan.requests, filter: (call: Call) => wanted.has(call.status) && plan.filter(call) };
}
