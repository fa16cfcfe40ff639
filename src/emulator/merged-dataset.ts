import type { Call } from '../model/call.js';
import { datasetOf } from './calls-dataset.js';
import type { CallColumns, Dataset, Lag } from './dataset.js';

/** Address ids of values only created calls have start here, above any id a dataset of up to millions of calls gives. */
const CREATED_ADDRESS_BASE = 1 << 30;

function joinLag(a: Lag | null, b: Lag | null): Lag | null {
  if (a === null) return b;
  if (b === null) return a;
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
}

/**
 * The dataset with a few more calls (those created through the emulator)
 * merged in serving order: date_created descending, ties by sid key. The
 * columns are rebuilt (one copy of each typed array), so build it once per
 * change of the created calls, not per request.
 */
export function mergeDataset(base: Dataset, created: readonly Call[]): Dataset {
  if (created.length === 0) return base;
  const extra = datasetOf(created);
  const size = base.size + extra.size;
  const bc = base.columns;
  const ec = extra.columns;
  // Where each created call lands: after every base call that precedes it.
  const at = new Int32Array(extra.size);
  for (let j = 0; j < extra.size; j += 1) {
    const created = ec.created[j]!;
    const key = extra.keyAt(j);
    let lo = 0;
    let hi = base.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = bc.created[mid]!;
      if (c > created || (c === created && base.keyAt(mid) < key)) lo = mid + 1;
      else hi = mid;
    }
    at[j] = lo + j;
  }
  const isCreated = new Map<number, number>();
  at.forEach((position, j) => isCreated.set(position, j));
  /** The base position of merged position p (not a created one): p less the created calls before it. */
  const basePosition = (p: number): number => {
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! < p) lo = mid + 1;
      else hi = mid;
    }
    return p - lo;
  };

  const addresses = new Map<string, number>();
  const addressId = (value: string): number => {
    const id = base.addressId(value);
    return id >= 0 ? id : (addresses.get(value) ?? -1);
  };
  const createdAddress = (call: Call, field: 'to' | 'from'): number => {
    const value = call[field]?.value;
    if (value === undefined) return -1;
    const id = base.addressId(value);
    if (id >= 0) return id;
    let own = addresses.get(value);
    if (own === undefined) addresses.set(value, (own = CREATED_ADDRESS_BASE + addresses.size));
    return own;
  };

  const merge = <T extends Float64Array | Uint8Array | Int32Array>(make: new (n: number) => T, from: T, fill: (j: number) => number): T => {
    const out = new make(size);
    let previous = 0;
    for (let j = 0; j < at.length; j += 1) {
      const b = previous - j;
      out.set(from.subarray(b, at[j]! - j), previous);
      out[at[j]!] = fill(j);
      previous = at[j]! + 1;
    }
    out.set(from.subarray(previous - at.length), previous);
    return out;
  };
  const columns: CallColumns = {
    created: merge(Float64Array, bc.created, (j) => ec.created[j]!),
    start: merge(Float64Array, bc.start, (j) => ec.start[j]!),
    end: merge(Float64Array, bc.end, (j) => ec.end[j]!),
    status: merge(Uint8Array, bc.status, (j) => ec.status[j]!),
    to: merge(Int32Array, bc.to, (j) => createdAddress(extra.call(j), 'to')),
    from: merge(Int32Array, bc.from, (j) => createdAddress(extra.call(j), 'from')),
    // Created calls have no parent; base tokens are kept as they are, and compared only with each other.
    parent: merge(Int32Array, bc.parent, () => -1),
  };

  return {
    size,
    columns,
    startLag: joinLag(base.startLag, extra.startLag),
    endLag: joinLag(base.endLag, extra.endLag),
    accountKey: base.accountKey,
    call: (p) => {
      const j = isCreated.get(p);
      return j === undefined ? base.call(basePosition(p)) : extra.call(j);
    },
    keyAt: (p) => {
      const j = isCreated.get(p);
      return j === undefined ? base.keyAt(basePosition(p)) : extra.keyAt(j);
    },
    positionOf: (key) => {
      const j = extra.positionOf(key);
      if (j >= 0) return at[j]!;
      const b = base.positionOf(key);
      if (b < 0) return -1;
      // Created calls placed at or before this base call's merged slot shift it down.
      let shift = 0;
      while (shift < at.length && at[shift]! <= b + shift) shift += 1;
      return b + shift;
    },
    addressId,
    parentToken: (key) => base.parentToken(key),
  };
}
