import { readAddress } from '../../model/address.js';
import { canonicalDecimal, negateDecimal } from '../../model/money.js';
import type { FieldEntry, FieldReader } from './field-table.js';
import { readDecimal, readText, readTime, readUriMap } from './lenient.js';
import { rebaseSubresourceUris, writeTime, writtenCallPath } from './write-call.js';

/** Field-table entries and readers that several dialects' tables share. */

/** Reads text as an Address. */
export function readAddressText(value: unknown, field: string, record: string): unknown {
  const text = readText(value, field, record);
  return text === null ? null : readAddress(text);
}

// Prices repeat (a few rates times whole minutes), across the records of a first
// read too: each text's or JSON number's reading is remembered, up to this many.
// A number's is worth it: writing a double as text costs more than a Map lookup.
const PRICE_VALUES = 1024;

/** Reads a price whose charge has sign `chargeSign` in the dialect, as a canonical decimal (a charge positive). */
export function chargeReader(chargeSign: -1 | 1): FieldReader {
  const read: FieldReader =
    chargeSign === 1
      ? (value, field, record) => {
          const price = readDecimal(value, field, record);
          return price === null ? null : canonicalDecimal(price);
        }
      : (value, field, record) => {
          const price = readDecimal(value, field, record);
          return price === null ? null : negateDecimal(price);
        };
  // A Map compares numbers by value (0 and -0 alike, which read alike) and never a number with text.
  const known = new Map<string | number, unknown>();
  return (value, field, record) => {
    if (typeof value !== 'string' && typeof value !== 'number') return read(value, field, record);
    let price = known.get(value);
    if (price === undefined) {
      price = read(value, field, record);
      if (known.size >= PRICE_VALUES) known.clear();
      known.set(value, price);
    }
    return price;
  };
}

/** A time field: read leniently as a canonical instant, written as RFC 2822. */
export function timeEntry(key: string, to: 'startTime' | 'endTime' | 'dateCreated' | 'dateUpdated'): FieldEntry {
  return { key, type: 'string', to, read: readTime, write: (call) => writeTime(call, to) };
}

/** `uri`: verbatim in the call's own dialect, else the target's call path of the sids just written, with `.json`. */
export function uriEntry(callPath: (account: string, sid: string) => string): FieldEntry {
  return {
    key: 'uri', type: 'string', to: 'uri', read: readText,
    write(call, own, written) {
      if (own) return call.uri;
      const path = writtenCallPath(written, callPath);
      // Without an account there is no path to rebase onto: no URI rather than a broken one.
      return path === null ? null : `${path}.json`;
    },
  };
}

/** `subresource_uris`: see {@link rebaseSubresourceUris}. */
export function subresourceUrisEntry(callPath: (account: string, sid: string) => string): FieldEntry {
  return {
    key: 'subresource_uris', type: 'object', to: 'subresourceUris', read: readUriMap,
    write: (call, own, written) => rebaseSubresourceUris(call, own, own ? null : writtenCallPath(written, callPath)),
  };
}
