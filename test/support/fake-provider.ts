import type { IncomingMessage, ServerResponse } from 'node:http';
import { DIALECTS } from '../../src/dialects/registry.js';
import type { Call } from '../../src/model/call.js';
import type { Provider } from '../../src/model/provider.js';
import { ACCOUNTS } from './accounts.js';
import { type TestServer, sendJson, startServer } from './http-server.js';

/**
 * A minimal provider for transport tests: serves `calls` (newest first) in a
 * provider's dialect on its list and fetch paths, filtering by Status only and
 * paging with Page/PageSize. `intercept` may answer a request itself (faults).
 */
export async function startFakeProvider(
  provider: Provider,
  calls: readonly Call[],
  intercept?: (req: IncomingMessage, res: ServerResponse, url: URL, n: number) => boolean,
): Promise<TestServer> {
  const dialect = DIALECTS[provider];
  const { account } = ACCOUNTS[provider];
  const listPath = dialect.callsPath(account);
  const sorted = [...calls].sort((a, b) => (a.dateCreated! < b.dateCreated! ? 1 : -1));
  let n = 0;
  return startServer((req, res, url) => {
    n++;
    if (intercept?.(req, res, url, n)) return;
    if (url.pathname === listPath) {
      const status = url.searchParams.get('Status');
      const size = Number(url.searchParams.get('PageSize') ?? 50);
      const page = Number(url.searchParams.get('Page') ?? 0);
      const matching = sorted.filter((c) => status === null || dialect.fromCall(c).status === status);
      const slice = matching.slice(page * size, (page + 1) * size);
      const next = new URLSearchParams(url.searchParams);
      next.set('Page', String(page + 1));
      sendJson(res, 200, {
        calls: slice.map((c) => dialect.fromCall(c)),
        page,
        page_size: size,
        next_page_uri: (page + 1) * size < matching.length ? `${listPath}?${next}` : null,
      });
      return;
    }
    const one = sorted.find((c) => url.pathname === dialect.callPath(account, c.sid));
    if (one !== undefined) sendJson(res, 200, dialect.fromCall(one));
    else sendJson(res, 404, { code: 20404, message: 'The requested resource was not found', more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 });
  });
}
