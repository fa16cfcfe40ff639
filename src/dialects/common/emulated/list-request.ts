import * as v from 'valibot';
import { type Interval, intersect } from '../../../model/interval.js';
import { PAGE_SIZE } from '../../../model/query.js';
import type { TimeOperator } from '../time-operator.js';
import { ApiError } from './api-error.js';
import type { PageStart, PageToken } from './page-token.js';

/** What a list request selects, provider-free: each provider's emulated API turns its parameters into this. */
export interface ListFilter {
  /** `to` exactly as written, or null for any. */
  to: string | null;
  /** `from` exactly as written, or null for any. */
  from: string | null;
  /** Sid key of the parent call, or null for any. */
  parentKey: string | null;
  /** Canonical statuses (indexes into CALL_STATUSES) accepted, or null for any. */
  statuses: readonly number[] | null;
  /** Bounds on start_time; a call without one never matches. */
  started: Interval | null;
  /** Bounds on end_time; a call without one never matches. */
  ended: Interval | null;
}

/** What a dialect decides about its list parameters. */
export interface ListParamRules {
  /** Each `Status` value the dialect accepts, with the canonical statuses (indexes into CALL_STATUSES) it selects. */
  statuses: ReadonlyMap<string, readonly number[]>;
  /** The sid key of a `ParentCallSid` value, or null when the dialect refuses its shape. */
  parentKey(value: string): string | null;
  /** The shape of a parent sid, for the error message. */
  parentHint: string;
  /** A `PageToken` read, or null when the dialect never issues such a token. */
  pageToken(value: string): PageToken | null;
  /** A time parameter read as an interval, or null when the value is unreadable. */
  timeBound(operator: TimeOperator, value: string): Interval | null;
  /** The time formats accepted, for the error message. */
  timeHint: string;
  /** Whether `Page` above 0 needs a `PageToken` (Twilio) or is an offset (SignalWire). */
  pageNeedsToken: boolean;
}

/** A list request read and checked. */
export interface ListRequest {
  filter: ListFilter;
  pageSize: number;
  /** The client's page number (`Page`), 0 by default. */
  page: number;
  start: PageStart;
  /** The filter parameters as sent, in order, to repeat in page URIs. */
  filterParams: Array<[string, string]>;
}

// The filter parameters of the 2010-04-01 Calls list: page URIs repeat them as sent.
const FILTERS = new Set(['To', 'From', 'ParentCallSid', 'Status', 'StartTime', 'StartTime<', 'StartTime>', 'EndTime', 'EndTime<', 'EndTime>']);
const TIME_KEYS: ReadonlyArray<readonly [string, 'started' | 'ended', TimeOperator]> = [
  ['StartTime', 'started', '='],
  ['StartTime<', 'started', '<'],
  ['StartTime>', 'started', '>'],
  ['EndTime', 'ended', '='],
  ['EndTime<', 'ended', '<'],
  ['EndTime>', 'ended', '>'],
];

const WholeNumber = v.pipe(v.string(), v.regex(/^\d{1,9}$/, 'must be a whole number'), v.transform(Number));

/**
 * Builds the reader of one dialect's list parameters. The reader takes the
 * query string as sent (the first value of a repeated key counts; unknown keys
 * are ignored, as the providers do) and throws a `bad-request` {@link ApiError}
 * naming the parameter for anything it cannot accept.
 */
export function listRequestReader(rules: ListParamRules): (query: URLSearchParams) => ListRequest {
  const time = v.optional(v.pipe(v.string(), v.check((s) => rules.timeBound('=', s) !== null, `must be ${rules.timeHint}`)));
  const Params = v.object({
    To: v.optional(v.string()),
    From: v.optional(v.string()),
    ParentCallSid: v.optional(v.pipe(v.string(), v.check((s) => rules.parentKey(s) !== null, `must be ${rules.parentHint}`))),
    Status: v.optional(v.picklist([...rules.statuses.keys()], `must be one of ${[...rules.statuses.keys()].join(', ')}`)),
    StartTime: time,
    'StartTime<': time,
    'StartTime>': time,
    EndTime: time,
    'EndTime<': time,
    'EndTime>': time,
    PageSize: v.optional(
      v.pipe(
        WholeNumber,
        v.minValue(PAGE_SIZE.min, `must be between ${PAGE_SIZE.min} and ${PAGE_SIZE.max}`),
        v.maxValue(PAGE_SIZE.max, `must be between ${PAGE_SIZE.min} and ${PAGE_SIZE.max}`),
      ),
    ),
    Page: v.optional(WholeNumber),
    PageToken: v.optional(v.pipe(v.string(), v.check((s) => rules.pageToken(s) !== null, 'is not a page token this API issued'))),
  });

  return (query) => {
    const first: Record<string, string> = {};
    for (const [key, value] of query) if (!(key in first)) first[key] = value;
    const parsed = v.safeParse(Params, first);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const key = v.getDotPath(issue) ?? 'query';
      throw new ApiError('bad-request', `${key} ${issue.message}${issue.input === undefined ? '' : ` (got "${String(first[key] ?? issue.input)}")`}`);
    }
    const p = parsed.output;
    const page = p.Page ?? 0;
    const pageSize = p.PageSize ?? PAGE_SIZE.default;
    const token = p.PageToken === undefined ? null : rules.pageToken(p.PageToken)!;
    if (token === null && page > 0 && rules.pageNeedsToken) {
      throw new ApiError('bad-request', 'Paged requests must include a PageToken; follow next_page_uri');
    }
    const filter: ListFilter = {
      to: p.To ?? null,
      from: p.From ?? null,
      parentKey: p.ParentCallSid === undefined ? null : rules.parentKey(p.ParentCallSid),
      statuses: p.Status === undefined ? null : rules.statuses.get(p.Status)!,
      started: null,
      ended: null,
    };
    for (const [key, field, operator] of TIME_KEYS) {
      const value = first[key];
      if (value !== undefined) filter[field] = intersect(filter[field], rules.timeBound(operator, value)!);
    }
    return {
      filter,
      pageSize,
      page,
      start: token === null ? { offset: page * pageSize } : { token },
      filterParams: Object.entries(first).filter(([key]) => FILTERS.has(key)),
    };
  };
}
