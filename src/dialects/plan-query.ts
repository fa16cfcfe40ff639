import type { Provider } from '../model/provider.js';
import { type CallQuery, type QueryOptions, resolveQuery } from '../model/query.js';
import type { ListPlan } from './common/dialect.js';
import { DIALECTS } from './registry.js';

/**
 * Shows what a query becomes on a provider, without making any request: the
 * request(s) to send (path and search params, in order; several are merged
 * newest first) and the exact filter still applied on the client, because a
 * provider's own bounds are only as tight as its dialect allows. `account`
 * goes into the paths (default `{account}`). Throws BadQueryError for an
 * invalid query and UnsupportedQueryError for one the provider cannot answer.
 *
 * @example
 * planQuery(fromTwilioQuery('Status=busy&StartTime>=2024-03-05'), 'signalwire').requests[0].searchParams
 */
export function planQuery(query: CallQuery, provider: Provider, account = '{account}', options?: QueryOptions): ListPlan {
  return DIALECTS[provider].toListPlan(resolveQuery(query, options), account);
}
