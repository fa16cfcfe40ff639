import type { ParseArgsConfig } from 'node:util';
import type { CallClientOptions } from '../client/config.js';
import { fromTwilioQuery } from '../dialects/twilio/from-twilio-query.js';
import { isProvider } from '../model/provider.js';
import type { CallQuery } from '../model/query.js';
import { CALL_STATUSES, type CallStatus } from '../model/status.js';
import { UsageError } from './usage-error.js';
import { PROVIDER_CHOICES } from './provider-names.js';

/** Flags that select calls, shared by `calls list` and `export`. */
export const QUERY_FLAGS = {
  status: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  parent: { type: 'string' },
  'started-after': { type: 'string' },
  'started-before': { type: 'string' },
  'ended-after': { type: 'string' },
  'ended-before': { type: 'string' },
  on: { type: 'string' },
  tz: { type: 'string' },
  limit: { type: 'string' },
  'page-size': { type: 'string' },
  'twilio-query': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Flags that choose the provider and where it is, shared by every command that calls one. */
export const PROVIDER_FLAGS = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  'default-country': { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export type Values = Record<string, string | boolean | string[] | undefined>;

export function integer(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${flag} must be a whole number of ${min} or more, not "${value}"`);
  return Number(value);
}

/**
 * Joins `--flag -1` into `--flag=-1`, so that a negative number reaches the
 * flag's own check (which says what to give) instead of parseArgs's "ambiguous".
 */
export function joinNegativeValues(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (/^--[a-z-]+$/.test(args[i]!) && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${args[i]}=${next}`);
      i++;
    } else {
      joined.push(args[i]!);
    }
  }
  return joined;
}

/** The valid statuses, for help texts and errors. */
export const STATUS_LIST = CALL_STATUSES.join(', ');

/** A --twilio-query string read as a CallQuery, with its number fields checked as flags are. */
function twilioQuery(text: string): CallQuery {
  const query = fromTwilioQuery(text);
  if (query.pageSize !== undefined && !(Number.isInteger(query.pageSize) && query.pageSize >= 1)) {
    const given = new URLSearchParams(text.replace(/^\?/, '')).get('PageSize');
    throw new UsageError(`--twilio-query PageSize must be a whole number from 1 to 1000, not "${given}"`);
  }
  return query;
}

/** Statuses both given: only those in each (an empty intersection is refused, it could match nothing). */
function refineStatus(base: CallStatus | readonly CallStatus[] | undefined, flags: CallStatus[]): CallStatus | CallStatus[] {
  const allowed = base === undefined ? null : new Set<CallStatus>(typeof base === "string" ? [base] : base);
  const list = allowed === null ? flags : flags.filter((s) => allowed.has(s));
  if (list.length === 0) {
    throw new UsageError(`--status ${flags.join(',')} and the --twilio-query Status ${[...allowed!].join(',')} have no status in common, so nothing could match`);
  }
  return list.length === 1 ? list[0]! : list;
}

function text(values: Values, flag: string): string | undefined {
  const value = values[flag];
  return typeof value === 'string' ? value : undefined;
}

/** Builds a CallQuery from the query flags; the library validates the values. */
export function queryFromFlags(values: Values): CallQuery {
  // A Twilio query string is the starting point; the other flags refine it.
  const twilio = text(values, 'twilio-query');
  const query: CallQuery = twilio === undefined ? {} : twilioQuery(twilio);
  const statuses = values.status as string[] | undefined;
  if (statuses !== undefined) {
    const list = statuses.flatMap((s) => s.split(',')).map((s) => s.trim());
    const unknown = list.find((s) => !(CALL_STATUSES as readonly string[]).includes(s));
    if (unknown !== undefined) throw new UsageError(`--status "${unknown}" is not a status; use one of ${STATUS_LIST}`);
    // A status flag refines the query string's statuses, as every other flag refines it.
    query.status = refineStatus(query.status, list as CallStatus[]);
  }
  if (text(values, 'from') !== undefined) query.from = text(values, 'from')!;
  if (text(values, 'to') !== undefined) query.to = text(values, 'to')!;
  if (text(values, 'parent') !== undefined) query.parentCallSid = text(values, 'parent')!;
  const after = text(values, 'started-after');
  const before = text(values, 'started-before');
  if (after !== undefined || before !== undefined) query.startedAt = { ...(after !== undefined && { from: after }), ...(before !== undefined && { to: before }) };
  const endedAfter = text(values, 'ended-after');
  const endedBefore = text(values, 'ended-before');
  if (endedAfter !== undefined || endedBefore !== undefined) {
    query.endedAt = { ...(endedAfter !== undefined && { from: endedAfter }), ...(endedBefore !== undefined && { to: endedBefore }) };
  }
  const on = text(values, 'on');
  if (on !== undefined) query.startedOn = { date: on, ...(text(values, 'tz') !== undefined && { timeZone: text(values, 'tz')! }) };
  else if (text(values, 'tz') !== undefined) throw new UsageError('--tz needs --on YYYY-MM-DD');
  const limit = integer('limit', text(values, 'limit'), 1);
  if (limit !== undefined) query.limit = limit;
  const pageSize = integer('page-size', text(values, 'page-size'), 1);
  if (pageSize !== undefined) query.pageSize = pageSize;
  return query;
}

/** Client options from the provider flags; credentials come only from the environment, never from flags. */
export function clientFromFlags(values: Values): CallClientOptions {
  const options: CallClientOptions = {};
  const provider = text(values, 'provider');
  if (provider !== undefined) {
    if (!isProvider(provider)) throw new UsageError(`--provider must be one of ${PROVIDER_CHOICES}, not "${provider}"`);
    options.provider = provider;
  }
  if (text(values, 'base-url') !== undefined) options.baseUrl = text(values, 'base-url')!;
  if (text(values, 'default-country') !== undefined) options.defaultCountry = text(values, 'default-country')!;
  const timeout = integer('timeout', text(values, 'timeout'), 1);
  if (timeout !== undefined) options.timeout = timeout;
  const retries = integer('retries', text(values, 'retries'), 0);
  if (retries !== undefined) options.retry = { limit: retries };
  return options;
}
