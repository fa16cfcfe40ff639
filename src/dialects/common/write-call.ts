import type { Call } from '../../model/call.js';
import { MalformedRecordError } from '../../model/errors/malformed-record-error.js';
import { isDecimal } from '../../model/money.js';
import { type FieldEntry, type FieldTable, encode, valueAt } from './field-table.js';
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

/** The call path of a record being written, from the account and call sids just written; null without an account. */
export function writtenCallPath(written: Readonly<Record<string, unknown>>, callPath: (account: string, sid: string) => string): string | null {
  const account = written.account_sid;
  return typeof account === 'string' ? callPath(account, written.sid as string) : null;
}

/**
 * The record's subresource URIs in the target dialect. A Call written in its own
 * dialect keeps them verbatim; otherwise each one under the call's old `uri` is
 * rebased onto the target's call path, since a link into the other provider's
 * API would be meaningless there. Without a call path (no account) they stay verbatim.
 * An entry that is not text (read as sent, see `readUriMap`) is written as null.
 */
export function rebaseSubresourceUris(call: Call, ownDialect: boolean, callPath: string | null): Record<string, string | null> | null {
  const subs = call.subresourceUris;
  if (subs === null) return null;
  const rebase = !ownDialect && callPath !== null;
  if (!rebase && Object.values(subs).every(isUri)) return subs as Record<string, string | null>;
  const from = rebase ? call.uri?.replace(/\.json$/, '') : undefined;
  const written: Record<string, string | null> = {};
  for (const [name, uri] of Object.entries(subs)) {
    // Written strictly: text or null, whatever was read.
    const text = typeof uri === 'string' ? uri : null;
    setOwnField(written, name, from !== undefined && text !== null && text.startsWith(`${from}/`) ? callPath + text.slice(from.length) : text);
  }
  return written;
}

const isUri = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** Reads a value with a table entry, or null when it cannot be read. */
function readOrNull(entry: FieldEntry, value: unknown, sid: string): unknown {
  try {
    return entry.read(value, entry.key, sid);
  } catch {
    return null;
  }
}

/**
 * Adds a Call's undocumented fields to a record written in a dialect. A key the
 * dialect documents keeps the value just written: an `extra` key read from
 * another dialect (a Twilio record's stray `audio_in_mos: "4.1"`) never replaces
 * a value written with this dialect's documented type. Where the Call has no
 * value for that key (null written), the extra value is read with this
 * dialect's reader and written in its documented type, or stays null when it
 * cannot be read.
 */
function withExtra(record: Record<string, unknown>, extra: Record<string, unknown>, table: FieldTable, sid: string): Record<string, unknown> {
  for (const key in extra) {
    if (!Object.hasOwn(record, key)) setOwnField(record, key, extra[key]);
    else if (record[key] === null) {
      const entry = table.byKey.get(key)!;
      if (entry.write === undefined) record[key] = encode(entry.type, readOrNull(entry, extra[key], sid));
    }
  }
  return record;
}

/**
 * Writes a Call as a dialect's raw record: every documented key of its field
 * table, in table order and in the documented type (null when the Call has no
 * value), then the Call's `extra` fields.
 */
export function writeCall(table: FieldTable, call: Call): Record<string, unknown> {
  const own = call.provider === table.provider;
  const record: Record<string, unknown> = {};
  for (const entry of table.entries) {
    record[entry.key] = entry.write === undefined ? encode(entry.type, valueAt(call, entry.to, table.provider)) : entry.write(call, own, record);
  }
  return withExtra(record, call.extra, table, call.sid);
}
