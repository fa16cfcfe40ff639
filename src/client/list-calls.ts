import type { Dialect } from '../dialects/common/dialect.js';
import type { Call } from '../model/call.js';
import type { ResolvedQuery } from '../model/query.js';
import { type StreamPosition, decodeCursor, encodeCursor, planFingerprint } from './cursor.js';
import { RefusedLinkError } from './errors/refused-link-error.js';
import { resolveNextPage } from './safe-link.js';
import type { Transport } from './transport.js';

/** A batch of calls and the cursor that resumes right after it (null when the listing is complete). */
export interface CallPage {
  calls: Call[];
  cursor: string | null;
}

interface Stream {
  position: StreamPosition;
  /** Calls of the page at `position.page`, once fetched. */
  calls: Call[] | null;
  next: string | null;
  /** Pages this run has read, to refuse a link that loops. */
  visited: Set<string>;
}

/** Newer first; a call without a creation date sorts last. */
function newer(a: Call, b: Call): boolean {
  return (a.dateCreated ?? '') > (b.dateCreated ?? '');
}

/**
 * Lists calls page by page in constant memory. Several requests (one per
 * status) are merged newest first without duplicates; the dialect's exact
 * filter and the limit are applied here. Each batch ends where a new page must
 * be fetched, and carries a cursor that resumes exactly after it.
 */
export async function* listCalls(
  query: ResolvedQuery,
  dialect: Dialect,
  transport: Transport,
  at: { origin: string; account: string; cursor?: string | undefined },
): AsyncGenerator<CallPage> {
  const plan = dialect.toListPlan(query, at.account);
  const first = plan.requests.map((r) => `${r.path}?${new URLSearchParams(r.searchParams as Array<[string, string]>)}`);
  const fingerprint = planFingerprint(first);
  const positions = at.cursor === undefined ? first.map((page) => ({ page, offset: 0 })) : decodeCursor(at.cursor, fingerprint, first.length);
  const streams: Stream[] = positions.map((position) => ({ position, calls: null, next: null, visited: new Set<string>() }));
  const prefixes = dialect.accountPaths(at.account);
  // A call listed under two statuses (its status changed between requests) has the same
  // creation date in both: only the sids of the current creation date need remembering.
  const seen = streams.length > 1 ? new Set<string>() : null;
  let seenDate: string | null = null;
  const cursor = () => (streams.every((s) => s.position.page === null) ? null : encodeCursor(fingerprint, streams.map((s) => s.position)));
  let remaining = query.limit ?? Number.POSITIVE_INFINITY;
  let batch: Call[] = [];

  const load = async (stream: Stream): Promise<void> => {
    // Resolved (and checked) on every load: cursors and links both come from outside.
    const url = resolveNextPage(stream.position.page!, at.origin, prefixes);
    // A link back to a page already read (itself, or A -> B -> A) would page forever.
    if (stream.visited.has(url.href)) throw new RefusedLinkError(stream.position.page!, 'it leads back to a page already read, so paging would never end');
    stream.visited.add(url.href);
    const page = dialect.readPage(await transport.getJson(url));
    const where = ` of ${url.pathname}${url.search}`;
    stream.calls = page.records.map((raw, i) => dialect.toCall(raw, `calls[${i}]${where}`));
    stream.next = page.nextPageUri;
  };

  while (remaining > 0) {
    let pick: Stream | null = null;
    for (const stream of streams) {
      while (stream.position.page !== null && (stream.calls === null || stream.position.offset >= stream.calls.length)) {
        if (stream.calls !== null) {
          stream.position = { page: stream.next, offset: 0 };
          stream.calls = null;
          continue;
        }
        if (batch.length > 0) {
          yield { calls: batch, cursor: cursor() };
          batch = [];
        }
        await load(stream);
      }
      if (stream.position.page === null) continue;
      if (pick === null || newer(stream.calls![stream.position.offset]!, pick.calls![pick.position.offset]!)) pick = stream;
    }
    if (pick === null) break;
    const call = pick.calls![pick.position.offset]!;
    pick.position = { page: pick.position.page, offset: pick.position.offset + 1 };
    if (seen !== null && call.dateCreated !== seenDate) {
      seen.clear();
      seenDate = call.dateCreated;
    }
    if (!plan.filter(call) || seen?.has(call.sid)) continue;
    seen?.add(call.sid);
    batch.push(call);
    remaining--;
  }
  yield { calls: batch, cursor: remaining > 0 ? null : cursor() };
}
