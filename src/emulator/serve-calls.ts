import { ApiError } from '../dialects/common/emulated/api-error.js';
import type { Dialect } from '../dialects/common/dialect.js';
import type { Dataset } from './dataset.js';
import { compileFilter } from './filters.js';
import { slicePage } from './paging.js';

/**
 * One list page in a dialect: the request read by the provider's emulated
 * API, the page cut from the shared dataset, each record written by the
 * dialect's own writer (`fromCall`), only for the calls on the page.
 */
export function servePage(dataset: Dataset, dialect: Dialect, account: string, query: URLSearchParams): Record<string, unknown> {
  const api = dialect.emulated;
  const request = api.readList(query);
  const filter = compileFilter(dataset, request.filter);
  const slice = slicePage(dataset, filter, request.start, request.pageSize, request.page);
  if (slice === null) throw new ApiError('bad-request', 'PageToken names no call of this account; follow next_page_uri');
  return api.pageBody({
    account,
    path: dialect.callsPath(account),
    request,
    records: slice.positions.map((position) => dialect.fromCall(dataset.call(position))),
    next: slice.next,
    previous: slice.previous,
  });
}

/** One call record in a dialect; a `not-found` ApiError when the dataset has no call with that sid. */
export function serveCall(dataset: Dataset, dialect: Dialect, sid: string, path: string): Record<string, unknown> {
  const position = dataset.positionOf(dialect.emulated.fetchKey(sid));
  if (position < 0) throw new ApiError('not-found', `The requested resource ${path} was not found`);
  return dialect.fromCall(dataset.call(position));
}
