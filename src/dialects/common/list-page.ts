import { MalformedRecordError } from '../../model/errors/malformed-record-error.js';
import type { PageOf, ProviderErrorBody } from './dialect.js';

/**
 * Reads a 2010-04-01 list page. Both dialects put records under `calls` and the
 * link under `next_page_uri`; a missing link and a null one both mean "last page".
 */
export function readListPage(body: unknown): PageOf {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new MalformedRecordError('list page', '(body)', 'is not a JSON object', body);
  }
  const page = body as Record<string, unknown>;
  const records = page.calls;
  if (!Array.isArray(records)) throw new MalformedRecordError('list page', 'calls', 'is not an array', records);
  const next = page.next_page_uri;
  if (next !== undefined && next !== null && typeof next !== 'string') {
    throw new MalformedRecordError('list page', 'next_page_uri', 'is not text', next);
  }
  return { records, nextPageUri: next === undefined || next === '' ? null : next };
}

/** Reads a 2010-04-01 error body (`code`, `message`, `more_info`) leniently. */
export function readErrorBody(body: unknown): ProviderErrorBody {
  const b = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const code = typeof b.code === 'number' ? b.code : typeof b.code === 'string' && /^\d+$/.test(b.code) ? Number(b.code) : null;
  return {
    code,
    message: typeof b.message === 'string' ? b.message : null,
    moreInfo: typeof b.more_info === 'string' ? b.more_info : null,
  };
}
