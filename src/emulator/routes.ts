import { isUuidShaped } from '../model/sid.js';
import type { DialectView } from './dialect-view.js';
import { signalWireView } from './signalwire-routes.js';
import { twilioView } from './twilio-routes.js';

/** A request path read: which dialect, which account, and the call sid for a fetch (null for the list). */
export interface Route {
  view: DialectView;
  account: string;
  sid: string | null;
}

const TWILIO = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls(?:\/([^/]+))?\.json$/;
const LAML = /^\/api\/laml\/2010-04-01\/Accounts\/([^/]+)\/Calls(?:\/([^/]+?))?(?:\.json)?$/;
const BARE = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls(?:\/([^/]+?))?(?:\.json)?$/;

function decode(segment: string | undefined): string | null {
  if (segment === undefined) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Reads a request path. SignalWire: `/api/laml/2010-04-01/Accounts/{project}/Calls[/{sid}][.json]`,
 * and the same without `/api/laml` (what the official compatibility SDK
 * requests) when the account is a UUID. Twilio: `/2010-04-01/Accounts/{AC…}/Calls[/{sid}].json`.
 * Null for any other path.
 */
export function matchRoute(pathname: string): Route | null {
  let m = LAML.exec(pathname);
  if (m !== null) return { view: signalWireView, account: decode(m[1])!, sid: decode(m[2]) };
  m = BARE.exec(pathname);
  if (m !== null && isUuidShaped(decode(m[1])!)) return { view: signalWireView, account: decode(m[1])!, sid: decode(m[2]) };
  m = TWILIO.exec(pathname);
  if (m !== null) return { view: twilioView, account: decode(m[1])!, sid: decode(m[2]) };
  return null;
}

/** The dialect whose error body answers a path no route matches: SignalWire's under `/api/laml/`, else Twilio's. */
export function viewForPath(pathname: string): DialectView {
  return pathname.startsWith('/api/laml/') ? signalWireView : twilioView;
}
