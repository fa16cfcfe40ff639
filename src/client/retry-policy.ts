/** How failed GETs are retried. Only 429, 500, 502, 503, 504, dropped connections and unreadable bodies are retried. */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 4 (5 attempts in all). */
  limit: number;
  /** First backoff step in ms; each retry doubles it, with full jitter. Default 500. */
  baseDelay: number;
  /** Ceiling of one backoff wait in ms. Default 20000. */
  maxDelay: number;
  /** Longest Retry-After (in ms) worth waiting for; a longer one gives up at once. Default 120000. */
  maxRetryAfter: number;
}

/** The default {@link RetryPolicy}. */
export const DEFAULT_RETRY: RetryPolicy = { limit: 4, baseDelay: 500, maxDelay: 20_000, maxRetryAfter: 120_000 };

/** HTTP statuses worth another attempt: rate limiting and passing server trouble. */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * Reads a Retry-After header (delta seconds or an HTTP date) as milliseconds
 * from `now`, or null when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with full jitter for retry number `retry` (0-based). */
export function backoffMs(retry: number, policy: RetryPolicy, random = Math.random): number {
  return Math.round(random() * Math.min(policy.maxDelay, policy.baseDelay * 2 ** retry));
}
