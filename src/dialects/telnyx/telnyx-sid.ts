import { BadQueryError } from '../../model/errors/bad-query-error.js';
import { isTwilioShaped, isUuidShaped, sidKey } from '../../model/sid.js';

/**
 * True for an id with Telnyx's version prefix, `v3:…` (older records `v2:…`).
 * Only the prefix is checked; the rest is opaque and kept verbatim.
 */
export function isTelnyxShaped(value: string): boolean {
  if (value.charCodeAt(0) !== 118) return false;
  let i = 1;
  while (i < value.length && value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) i++;
  return i > 1 && value.charCodeAt(i) === 58 && value.length > i + 1;
}

/**
 * A call sid of another provider as written in the Telnyx dialect: `v3:` in
 * front of it (`v3:CA…`, `v3:{uuid}`), so that no other dialect claims the
 * record by its sid's shape; a sid already Telnyx-shaped is kept as it is.
 */
export function telnyxSidOf(sid: string): string {
  return isTelnyxShaped(sid) ? sid : `v3:${sid}`;
}

/**
 * The provider-free identity (see `sidKey`) of a Telnyx sid: a sid callbridge
 * wrote for another provider's call (`v3:CA…`) is that call's; any other verbatim.
 */
export function telnyxSidKey(sid: string): string {
  if (sid.startsWith('v3:')) {
    const inner = sid.slice(3);
    if (isTwilioShaped(inner) || isUuidShaped(inner)) return sidKey(inner);
  }
  return sid;
}

// What would change the request path if sent in it: a sid is one path segment.
const UNSAFE = /[/?#%\\\s]|\.json$/;

/**
 * A call sid given to Telnyx, as sent. Telnyx sids are opaque (`v3:…`): one is
 * checked only so far as it must be one path segment. A Twilio or SignalWire
 * sid is taken for the call as callbridge writes it in the Telnyx dialect (`v3:` + the sid).
 */
export function telnyxSid(field: string, sid: string): string {
  if (sid === '' || UNSAFE.test(sid)) {
    throw new BadQueryError(field, `"${sid}" is not a Telnyx call sid; Telnyx call sids are opaque ids like v3:KBnLO0ZK3Dh…, one path segment without "/", "?", "#", "%", spaces or a .json suffix`);
  }
  return isTwilioShaped(sid) || isUuidShaped(sid) ? telnyxSidOf(sid) : sid;
}
