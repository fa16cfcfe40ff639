import type { ParseArgsConfig } from 'node:util';
import type { CallClientOptions } from '../client/config.js';
import { fromTwilioQuery } from '../dialects/twilio/from-twilio-query.js';
import { isProvider } from '../model/provider.js';
import type { CallQuery } from '../model/query.js';
import type { CallStatus } from '../model/status.js';
import { UsageError } from './usage-error.js';

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
} as const satisfies ParseArgsConfig['options'];

type Values = Record<string, string | boolean | string[] | undefined>;

function integer(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag} must be a whole number, not "${value}"`);
  return Number(value);
}

function text(values: Values, flag: string): string | undefined {
  const value = values[flag];
  return typeof value === 'string' ? value : undefined;
}

/** Builds a CallQuery from the query flags; the library validates the values. */
export function queryFromFlags(values: Values): CallQuery {
  // A Twilio query string is the starting point; the other flags refine it.
  const twilio = text(values, 'twilio-query');
  const query: CallQuery = twilio === undefined ? {} : fromTwilioQuery(twilio);
  const statuses = values.status as string[] | undefined;
  if (statuses !== undefined) {
    const list = statuses.flatMap((s) => s.split(',')).map((s) => s.trim()) as CallStatus[];
    query.status = list.length === 1 ? list[0]! : list;
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
  const limit = integer('limit', text(values, 'limit'));
  if (limit !== undefined) query.limit = limit;
  const pageSize = integer('page-size', text(values, 'page-size'));
  if (pageSize !== undefined) query.pageSize = pageSize;
  return query;
}

/** Client options from the provider flags; credentials come only from the environment, never from flags. */
export function clientFromFlags(values: Values): CallClientOptions {
  const options: CallClientOptions = {};
  const provider = text(values, 'provider');
  if (provider !== undefined) {
    if (!isProvider(provider)) throw new UsageError(`--provider must be twilio or signalwire, not "${provider}"`);
    options.provider = provider;
  }
  if (text(values, 'base-url') !== undefined) options.baseUrl = text(values, 'base-url')!;
  if (text(values, 'default-country') !== undefined) options.defaultCountry = text(values, 'default-country')!;
  const timeout = integer('timeout', text(values, 'timeout'));
  if (timeout !== undefined) options.timeout = timeout;
  return options;
}
