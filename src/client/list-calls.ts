import { setImmediate } from 'node:timers/promises';
import type { Dialect } from '../dialects/common/dialect.js';
import type { Call } from '../model/call.js';
import type { ResolvedQuery } from '../model/query.js';
import { keepRawText } from '../model/raw-text.js';
import { type StreamPosition, decodeCursor, encodeCursor, planFingerprint } from './cursor.js';
import { elementTexts } from './element-texts.js';
import { RefusedLinkError } from './errors/refused-link-error.js';
import { resolveNextPage } from './safe-link.js';
import type { ParsedText, ReceivedText, Transport } from './transport.js';

/** A batch of calls and the cursor that resumes right after it (null when the listing is complete). */
export interface CallPage {
  calls: Call[];
  cursor: string | null;
}

/** A page's body as received: parsed only when the page is read (see `load`). */
interface Fetched {
  url: URL;
  received: ReceivedText;
}

interface Stream {
  position: StreamPosition;
  /** Calls of the page at `position.page`, once fetched. */
  calls: Call[] | null;
  next: string | null;
  /** The page after this one, already requested while this one is read. */
  ahead: { page: string; fetched: Promise<Fetched> } | null;
  /** Pages this run has read, to refuse a link that loops. */
  visited: Set<string>;
}

/** Keeps each record's text as the provider wrote it, for a page whose records are a member of its top-level object (Twilio's and SignalWire's `calls`). */
function keepRecordTexts(page: ParsedText, records: readonly unknown[]): void {
  const { value } = page;
  if (typeof value !== 'object' || value === null || !Object.values(value).includes(records)) return;
  const texts = elementTexts(page.text, records.length);
  if (texts === null) return;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (typeof record === 'object' && record !== null) keepRawText(record, texts[i]!);
  }
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
  at: { origin: string; account: string; cursor?: string | undefined; rawText?: boolean },
): AsyncGenerator<CallPage> {
  const plan = dialect.toListPlan(query, at.account);
  const first = plan.requests.map((r) => `${r.path}?${new URLSearchParams(r.searchParams as Array<[string, string]>)}`);
  const fingerprint = planFingerprint(first);
  const positions = at.cursor === undefined ? first.map((page) => ({ page, offset: 0 })) : decodeCursor(at.cursor, fingerprint, first.length);
  const streams: Stream[] = positions.map((position) => ({ position, calls: null, next: null, ahead: null, visited: new Set<string>() }));
  const prefixes = dialect.accountPaths(at.account);
  // A call listed under two statuses (its status changed between requests) has the same
  // creation date in both: only the sids of the current creation date need remembering.
  const seen = streams.length > 1 ? new Set<string>() : null;
  let seenDate: string | null = null;
  const cursor = () => (streams.every((s) => s.position.page === null) ? null : encodeCursor(fingerprint, streams.map((s) => s.position)));
  let remaining = query.limit ?? Number.POSITIVE_INFINITY;
  let batch: Call[] = [];

  // The generator yields what handOver returns and takes calls through take, so that it holds no
  // call in a local of its own: a suspended generator keeps its locals alive, so the last call
  // taken, and through its record's kept text its whole page, would live on while the caller
  // works on the batch handed over.
  const handOver = (next: string | null): CallPage => {
    const page = { calls: batch, cursor: next };
    batch = [];
    return page;
  };
  /** Takes the next call of `stream` into the batch if the filter keeps it and no other request listed it. */
  const take = (stream: Stream): void => {
    const { offset } = stream.position;
    const call = stream.calls![offset]!;
    // Let go of each call once taken: a page's calls then live no longer than the caller keeps them.
    (stream.calls as Array<Call | undefined>)[offset] = undefined;
    stream.position = { page: stream.position.page, offset: offset + 1 };
    if (seen !== null && call.dateCreated !== seenDate) {
      seen.clear();
      seenDate = call.dateCreated;
    }
    if (!plan.filter(call) || seen?.has(call.sid)) return;
    seen?.add(call.sid);
    batch.push(call);
    remaining--;
  };

  // Aborts a page requested ahead when the listing ends before reaching it.
  const done = new AbortController();

  const fetchPage = async (stream: Stream, page: string): Promise<Fetched> => {
    // Resolved (and checked) on every load: cursors and links both come from outside.
    const url = resolveNextPage(page, at.origin, prefixes);
    // A link back to a page already read (itself, or A -> B -> A) would page forever.
    if (stream.visited.has(url.href)) throw new RefusedLinkError(page, 'it leads back to a page already read, so paging would never end');
    stream.visited.add(url.href);
    return { url, received: await transport.getText(url, done.signal) };
  };

  const load = async (stream: Stream): Promise<void> => {
    const page = stream.position.page!;
    const ahead = stream.ahead;
    stream.ahead = null;
    const { url, received } = await (ahead?.page === page ? ahead.fetched : fetchPage(stream, page));
    // Parsed now, not when it arrived: a page fetched ahead waits as one string rather than as
    // thousands of objects beside the page being read (streaming 1,000,000 calls, peak memory
    // then stays flat instead of growing by a tenth).
    const parsed = await transport.parseText(url, received, done.signal);
    const read = dialect.readPage(parsed.value);
    if (at.rawText === true) keepRecordTexts(parsed, read.records);
    stream.next = read.nextPageUri;
    // The next page is requested now, so that the provider works on it while
    // this one is read: whenever it will be needed (with no limit, or when the
    // limit of a single request goes past this page), never as a request too many.
    const needed = remaining === Number.POSITIVE_INFINITY || (streams.length === 1 && remaining > read.records.length);
    if (read.nextPageUri !== null && needed) {
      const fetched = fetchPage(stream, read.nextPageUri);
      // Its failure is reported when the page is reached, not before.
      fetched.catch(() => {});
      stream.ahead = { page: read.nextPageUri, fetched };
      // The request leaves only when the event loop turns, and a caller that
      // reads the page without awaiting anything would hold it back until the
      // page is done: a few turns let it go out first (three were enough for
      // ky and undici on a kept-alive connection).
      for (let turn = 0; turn < 3; turn++) await setImmediate();
    }
    // Read after asking for the next page, so that the provider prepares it
    // meanwhile (iterating 100,000 calls: 3.2 s against 3.6 s the other way
    // round); a record that cannot be read ends the listing, which aborts it.
    const where = ` of ${url.pathname}${url.search}`;
    stream.calls = read.records.map((raw, i) => dialect.toCall(raw, `calls[${i}]${where}`));
  };

  try {
    while (remaining > 0) {
      let pick: Stream | null = null;
      for (const stream of streams) {
        while (stream.position.page !== null && (stream.calls === null || stream.position.offset >= stream.calls.length)) {
          if (stream.calls !== null) {
            stream.position = { page: stream.next, offset: 0 };
            stream.calls = null;
            continue;
          }
          if (batch.length > 0) yield handOver(cursor());
          await load(stream);
        }
        if (stream.position.page === null) continue;
        if (pick === null || newer(stream.calls![stream.position.offset]!, pick.calls![pick.position.offset]!)) pick = stream;
      }
      if (pick === null) break;
      take(pick);
    }
    yield handOver(remaining > 0 ? null : cursor());
  } finally {
    done.abort();
  }
}
