import { createHash } from 'node:crypto';
import { BadQueryError } from '../model/errors/bad-query-error.js';

/** Where one request of a list plan stands: the page being read (null when done) and how many of its records were consumed. */
export interface StreamPosition {
  page: string | null;
  offset: number;
}

interface CursorBody {
  v: 1;
  /** Fingerprint of the plan the cursor belongs to. */
  plan: string;
  streams: Array<[string | null, number]>;
}

/** A short fingerprint of a list plan's first requests, so a cursor is never resumed with another query. */
export function planFingerprint(urls: readonly string[]): string {
  return createHash('sha256').update(urls.join('\n')).digest('base64url').slice(0, 16);
}

/** Encodes positions as an opaque, URL-safe cursor string. */
export function encodeCursor(plan: string, streams: readonly StreamPosition[]): string {
  const body: CursorBody = { v: 1, plan, streams: streams.map((s) => [s.page, s.offset]) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor} for the same plan; throws BadQueryError otherwise. */
export function decodeCursor(cursor: string, plan: string, streams: number): StreamPosition[] {
  let body: CursorBody;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorBody;
  } catch {
    throw new BadQueryError('cursor', 'is not a cursor callbridge made');
  }
  if (body?.v !== 1 || !Array.isArray(body.streams)) throw new BadQueryError('cursor', 'is not a cursor callbridge made');
  if (body.plan !== plan || body.streams.length !== streams) {
    throw new BadQueryError('cursor', 'belongs to another query or provider; resume with the query that produced it');
  }
  // A cursor comes from outside: check each entry's shape before destructuring it.
  return body.streams.map((stream: unknown) => {
    if (!Array.isArray(stream) || stream.length !== 2) throw new BadQueryError('cursor', 'is damaged');
    const [page, offset] = stream as [unknown, unknown];
    if ((page !== null && typeof page !== 'string') || !Number.isInteger(offset) || (offset as number) < 0) {
      throw new BadQueryError('cursor', 'is damaged');
    }
    return { page: page as string | null, offset: offset as number };
  });
}
