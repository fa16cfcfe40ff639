import type { Dialect } from '../dialects/common/dialect.js';
import { DIALECTS } from '../dialects/registry.js';
import { PROVIDERS } from '../model/provider.js';

/** A request path read: which provider's dialect, which account, and the call sid for a fetch (null for the list). */
export interface Route {
  dialect: Dialect;
  account: string;
  sid: string | null;
}

const ALL = PROVIDERS.map((p) => DIALECTS[p]);

/** Reads a request path with every provider's routes; the surest match wins. Null for a path no provider has. */
export function matchRoute(pathname: string): Route | null {
  let best: Route | null = null;
  let bestFit = 0;
  for (const dialect of ALL) {
    const match = dialect.emulated.route(pathname);
    if (match !== null && match.fit > bestFit) {
      best = { dialect, account: match.account, sid: match.sid };
      bestFit = match.fit;
    }
  }
  return best;
}

/** The dialect whose error body answers a path no route matches: the one whose path prefix it has, else the first. */
export function dialectForPath(pathname: string): Dialect {
  return ALL.find((dialect) => dialect.emulated.pathPrefixes.some((prefix) => pathname.startsWith(prefix))) ?? ALL[0]!;
}
