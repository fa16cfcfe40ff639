import type { Call } from '../../model/call.js';
import { type Interval, inInterval } from '../../model/interval.js';
import type { ResolvedQuery } from '../../model/query.js';
import type { CallStatus } from '../../model/status.js';
import { parseIsoInstant } from '../../model/time.js';
import type { ListPlan } from './dialect.js';

/** Server-side bounds for one time filter, each the same as or wider than the exact interval. */
export interface ServerBounds {
  /** Value for `StartTime>` / `EndTime>`, or null for none. */
  after: string | null;
  /** Value for `StartTime<` / `EndTime<`, or null for none. */
  before: string | null;
}

/** What a dialect decides when it turns a query into requests. */
export interface QueryDialect {
  /** The `Status` value to send; throws UnsupportedQueryError for a status the dialect lacks. */
  status(status: CallStatus): string;
  /** The `ParentCallSid` value to send; throws BadQueryError for a sid of the wrong shape. */
  parentCallSid(sid: string): string;
  /** Bounds the provider can express, never narrower than the interval. */
  bounds(interval: Interval): ServerBounds;
}

function within(iso: string | null, interval: Interval | null): boolean {
  if (interval === null) return true;
  return iso !== null && inInterval(parseIsoInstant(iso), interval);
}

function pushBounds(params: Array<readonly [string, string]>, key: string, interval: Interval | null, d: QueryDialect): void {
  if (interval === null) return;
  const { after, before } = d.bounds(interval);
  // On the wire `StartTime>=` is the key `StartTime>` with a value; `>=` is not a key.
  if (after !== null) params.push([`${key}>`, after]);
  if (before !== null) params.push([`${key}<`, before]);
}

/**
 * Builds the list plan both dialects share: one request per status (or one with
 * no status), the filters as 2010-04-01 search params, and the exact time
 * intervals kept as the client-side filter.
 */
export function buildListPlan(query: ResolvedQuery, path: string, d: QueryDialect): ListPlan {
  const params: Array<readonly [string, string]> = [];
  if (query.to !== null) params.push(['To', query.to]);
  if (query.from !== null) params.push(['From', query.from]);
  if (query.parentCallSid !== null) params.push(['ParentCallSid', d.parentCallSid(query.parentCallSid)]);
  pushBounds(params, 'StartTime', query.started, d);
  pushBounds(params, 'EndTime', query.ended, d);
  params.push(['PageSize', String(query.pageSize)]);
  const statuses = query.statuses.map((s) => d.status(s));
  const requests = statuses.length === 0
    ? [{ path, searchParams: params }]
    : statuses.map((status) => ({ path, searchParams: [...params, ['Status', status] as const] }));
  const { started, ended } = query;
  return {
    requests,
    filter: started === null && ended === null
      ? () => true
      : (call: Call) => within(call.startTime, started) && within(call.endTime, ended),
  };
}
