import { DateTime } from 'luxon';
import * as v from 'valibot';
import { phoneFilterValue } from './address.js';
import { BadQueryError } from './errors/bad-query-error.js';
import { type Interval, isEmptyInterval } from './interval.js';
import { CALL_STATUSES, type CallStatus } from './status.js';
import { parseIsoInstant, parseRfc2822 } from './time.js';

/** An instant: a `Date`, or a string in ISO 8601 with a zone (`2024-03-05T13:00:00Z`) or RFC 2822. */
export type InstantInput = string | Date;

/**
 * Bounds on an instant. Defaults make the half-open interval `[from, to)`:
 * `from` inclusive, `to` exclusive. Either end may be left open.
 */
export interface TimeRange {
  from?: InstantInput;
  to?: InstantInput;
  /** Include calls exactly at `from`. Default true. */
  fromInclusive?: boolean;
  /** Include calls exactly at `to`. Default false. */
  toInclusive?: boolean;
}

/** A calendar day in a time zone, which becomes a UTC interval of 23, 24 or 25 hours. */
export interface CalendarDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** IANA zone (`America/New_York`); default `UTC`. */
  timeZone?: string;
}

/** The one query both dialects answer, with exactly the same results. */
export interface CallQuery {
  /** Calls to this address. Phone numbers may be typed as people type them. */
  to?: string;
  /** Calls from this address. */
  from?: string;
  /** Child legs of this call. */
  parentCallSid?: string;
  /** One status, or several (answered by one request per status, merged). */
  status?: CallStatus | readonly CallStatus[];
  /** Bounds on the call's start time. */
  startedAt?: TimeRange;
  /** Calls that started on this calendar day. Cannot be combined with `startedAt`. */
  startedOn?: CalendarDay;
  /** Bounds on the call's end time. */
  endedAt?: TimeRange;
  /** Records per page requested from the provider, 1..1000. Default 50. */
  pageSize?: number;
  /** Stop after this many calls. */
  limit?: number;
}

/** Options that shape how a query is read. */
export interface QueryOptions {
  /** Country for phone numbers typed without a country code (ISO 3166-1 alpha-2). Default `US`. */
  defaultCountry?: string;
}

/** A validated query: exact instants, E.164 addresses, defaults applied. */
export interface ResolvedQuery {
  to: string | null;
  from: string | null;
  parentCallSid: string | null;
  /** Empty means any status. */
  statuses: readonly CallStatus[];
  started: Interval | null;
  ended: Interval | null;
  pageSize: number;
  limit: number | null;
}

/** Default and bounds of a page, as both providers document them. */
export const PAGE_SIZE = { default: 50, min: 1, max: 1000 } as const;

/**
 * A strict object that is not an array: valibot's object schemas accept arrays,
 * and `startedAt: []` would otherwise read as "no bounds at all".
 */
function fields<const T extends v.ObjectEntries>(entries: T) {
  return v.pipe(
    v.custom<Record<string, unknown>>((input) => !Array.isArray(input), 'must be an object, not an array'),
    v.strictObject(entries),
  );
}

const Instant = v.union([v.string(), v.date()]);
const Range = fields({
  from: v.optional(Instant),
  to: v.optional(Instant),
  fromInclusive: v.optional(v.boolean()),
  toInclusive: v.optional(v.boolean()),
});
const Status = v.picklist(CALL_STATUSES, `must be one of ${CALL_STATUSES.join(', ')}`);
const NonEmpty = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'));

const QuerySchema = fields({
  to: v.optional(NonEmpty),
  from: v.optional(NonEmpty),
  parentCallSid: v.optional(NonEmpty),
  status: v.optional(
    v.union(
      // An empty list would silently mean "any status": refuse it, leaving `status` out says that.
      [Status, v.pipe(v.array(Status), v.nonEmpty('must name at least one status; leave it out for any status'))],
      `must be one of ${CALL_STATUSES.join(', ')}, or a non-empty array of them`,
    ),
  ),
  startedAt: v.optional(Range),
  startedOn: v.optional(fields({ date: v.string(), timeZone: v.optional(v.string()) })),
  endedAt: v.optional(Range),
  pageSize: v.optional(
    v.pipe(
      v.number(),
      v.integer('must be a whole number'),
      v.minValue(PAGE_SIZE.min, `must be at least ${PAGE_SIZE.min}`),
      v.maxValue(PAGE_SIZE.max, `must be at most ${PAGE_SIZE.max}`),
    ),
  ),
  limit: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'))),
});

/**
 * The instants a query may name. Providers' filters take four-digit years, and
 * a dialect widens a bound by up to a day before writing it, so bounds stay a
 * day inside years 1000–9999: beyond, a Date would be sent as `+010000-01` (or
 * a three-digit year) or make formatting throw. An open end is written by
 * leaving the bound out.
 */
const EARLIEST = Date.parse('1000-01-02T00:00:00Z');
const LATEST = Date.parse('9999-12-30T23:59:59.999Z');
const OUT_OF_RANGE = 'lies outside the years 1000-9999 that providers can filter on; leave the bound out for an open end';

function inRange(ms: number): boolean {
  return ms >= EARLIEST && ms <= LATEST;
}

function instant(field: string, value: InstantInput): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new BadQueryError(field, 'is an invalid Date');
    if (!inRange(ms)) throw new BadQueryError(field, OUT_OF_RANGE);
    return ms;
  }
  const iso = parseIsoInstant(value);
  const ms = Number.isNaN(iso) ? parseRfc2822(value) : iso;
  if (Number.isNaN(ms)) {
    throw new BadQueryError(
      field,
      `cannot read "${value}" as an instant; give ISO 8601 with a zone (2024-03-05T13:00:00Z), RFC 2822, or a Date (for a whole day use startedOn)`,
    );
  }
  if (!inRange(ms)) throw new BadQueryError(field, OUT_OF_RANGE);
  return ms;
}

function interval(field: string, range: TimeRange): Interval {
  const result: Interval = {
    start: range.from === undefined ? null : instant(`${field}.from`, range.from),
    startInclusive: range.fromInclusive ?? true,
    end: range.to === undefined ? null : instant(`${field}.to`, range.to),
    endInclusive: range.toInclusive ?? false,
  };
  if (isEmptyInterval(result)) throw new BadQueryError(field, '"from" is after "to", so no call can match');
  return result;
}

function day(field: string, { date, timeZone = 'UTC' }: CalendarDay): Interval {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new BadQueryError(`${field}.date`, `"${date}" is not YYYY-MM-DD`);
  const start = DateTime.fromISO(date, { zone: timeZone });
  if (!start.isValid) {
    const why = start.invalidReason === 'unsupported zone' ? `"${timeZone}" is not an IANA time zone` : `"${date}" is not a calendar date`;
    throw new BadQueryError(start.invalidReason === 'unsupported zone' ? `${field}.timeZone` : `${field}.date`, why);
  }
  const end = start.plus({ days: 1 });
  if (!inRange(start.toMillis()) || !inRange(end.toMillis() - 1)) throw new BadQueryError(`${field}.date`, `"${date}" ${OUT_OF_RANGE}`);
  return { start: start.toMillis(), startInclusive: true, end: end.toMillis(), endInclusive: false };
}

function address(field: string, value: string, country: string): string {
  const result = phoneFilterValue(value, country);
  if (result === null) {
    throw new BadQueryError(field, `cannot read "${value}" as a phone number (default country ${country}); give E.164 (+13105678901), or a sip:/client: address`);
  }
  return result;
}

/**
 * Validates a {@link CallQuery} and resolves it to exact instants and E.164
 * addresses. Throws {@link BadQueryError}, naming the field, for anything wrong:
 * nothing is ever sent for a bad query.
 */
export function resolveQuery(query: CallQuery, options: QueryOptions = {}): ResolvedQuery {
  const parsed = v.safeParse(QuerySchema, query);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? 'query';
    throw new BadQueryError(path, issue.message);
  }
  const q = parsed.output;
  if (q.startedAt !== undefined && q.startedOn !== undefined) {
    throw new BadQueryError('startedOn', 'cannot be combined with startedAt; use one or the other');
  }
  const country = options.defaultCountry ?? 'US';
  const statuses = q.status === undefined ? [] : [...new Set(Array.isArray(q.status) ? q.status : [q.status])];
  return {
    to: q.to === undefined ? null : address('to', q.to, country),
    from: q.from === undefined ? null : address('from', q.from, country),
    parentCallSid: q.parentCallSid ?? null,
    statuses,
    started: q.startedOn !== undefined ? day('startedOn', q.startedOn) : q.startedAt !== undefined ? interval('startedAt', q.startedAt) : null,
    ended: q.endedAt === undefined ? null : interval('endedAt', q.endedAt),
    pageSize: q.pageSize ?? Math.min(PAGE_SIZE.default, q.limit ?? PAGE_SIZE.default),
    limit: q.limit ?? null,
  };
}
