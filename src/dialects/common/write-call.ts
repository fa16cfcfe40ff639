import type { Call } from '../../model/call.js';
import { MalformedRecordError } from '../../model/errors/malformed-record-error.js';
import { isDecimal } from '../../model/money.js';
import { setOwnField } from './own-field.js';
import { formatRfc2822, parseIsoInstant } from '../../model/time.js';

/** Writes a canonical instant as RFC 2822, as both dialects send it. */
export function writeTime(call: Call, field: 'startTime' | 'endTime' | 'dateCreated' | 'dateUpdated'): string | null {
  const iso = call[field];
  if (iso === null) return null;
  const ms = parseIsoInstant(iso);
  // A Call built by hand can hold anything: refuse it rather than write "NaN" dates.
  if (Number.isNaN(ms)) throw new MalformedRecordError(call.sid, field, `is not an ISO 8601 instant with a zone: ${JSON.stringify(iso)}`, iso);
  return formatRfc2822(ms);
}

/** The price of a Call, checked: a decimal string or null. */
export function writablePrice(call: Call): string | null {
  if (call.price !== null && !isDecimal(call.price)) {
    throw new MalformedRecordError(call.sid, 'price', `is not a decimal string: ${JSON.stringify(call.price)}`, call.price);
  }
  return call.price;
}

/**
 * The record's URIs in the target dialect. A Call written in its own dialect keeps
 * them verbatim; otherwise they are rebased onto the target's call path, since a
 * link into the other provider's API would be meaningless there.
 */
export function rebaseUris(
  call: Call,
  ownDialect: boolean,
  callPath: string | null,
): { uri: string | null; subresourceUris: Record<string, string | null> | null } {
  if (ownDialect) return { uri: call.uri, subresourceUris: call.subresourceUris };
  // Without an account there is no path to rebase onto: no URI rather than a broken one.
  if (callPath === null) return { uri: null, subresourceUris: call.subresourceUris };
  const subs = call.subresourceUris;
  const from = call.uri?.replace(/\.json$/, '');
  let subresourceUris: Record<string, string | null> | null = null;
  if (subs !== null) {
    subresourceUris = {};
    for (const [name, uri] of Object.entries(subs)) {
      setOwnField(subresourceUris, name, from !== undefined && uri !== null && uri.startsWith(`${from}/`) ? callPath + uri.slice(from.length) : uri);
    }
  }
  return { uri: `${callPath}.json`, subresourceUris };
}

/**
 * Adds a Call's undocumented fields to a record written in a dialect. A key the
 * dialect documents keeps the value just written: an `extra` key read from the
 * other dialect (a Twilio record's stray `audio_in_mos: "4.1"`) must not replace
 * a value written with this dialect's documented type.
 */
export function withExtra(record: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  for (const key in extra) {
    if (!Object.hasOwn(record, key)) setOwnField(record, key, extra[key]);
  }
  return record;
}
