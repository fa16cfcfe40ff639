import type { Call } from '../model/call.js';
import { MalformedRecordError } from '../model/errors/malformed-record-error.js';
import { CALL_STATUSES } from '../model/status.js';
import { parseIsoInstant } from '../model/time.js';
import { isSidKey, sidKey } from '../model/sid.js';
import { type CallColumns, type Dataset, lagOf } from './dataset.js';

const STATUS_CODE = new Map(CALL_STATUSES.map((status, i) => [status, i]));

function ms(iso: string | null): number {
  return iso === null ? Number.NaN : parseIsoInstant(iso);
}

/**
 * A dataset over canonical calls held in memory (read from files, or built by
 * hand), served newest first: date_created descending, a call without one
 * last, ties by sid key. Each call must appear once: a sid seen twice (in
 * either dialect's spelling) throws {@link MalformedRecordError}, since a
 * provider never lists a call twice and dropping one would be silent.
 */
export function datasetOf(calls: readonly Call[]): Dataset {
  const size = calls.length;
  const keys = calls.map((call) => sidKey(call.sid));
  const createdOf = calls.map((call) => {
    const t = ms(call.dateCreated);
    return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
  });
  const order = Array.from({ length: size }, (_, i) => i).sort(
    (a, b) => createdOf[b]! - createdOf[a]! || (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0),
  );

  const positions = new Map<string, number>();
  order.forEach((index, position) => {
    const key = keys[index]!;
    const other = positions.get(key);
    if (other !== undefined) {
      throw new MalformedRecordError(calls[index]!.sid, 'sid', `names the same call as ${calls[order[other]!]!.sid}; a dataset holds each call once`);
    }
    positions.set(key, position);
  });

  const addresses = new Map<string, number>();
  const addressId = (value: string | undefined): number => {
    if (value === undefined) return -1;
    let id = addresses.get(value);
    if (id === undefined) addresses.set(value, (id = addresses.size));
    return id;
  };
  // A parent that is not in the dataset still groups its children: it gets a negative token.
  const phantoms = new Map<string, number>();
  const parentToken = (key: string): number => positions.get(key) ?? phantoms.get(key) ?? -1;

  const columns: CallColumns = {
    created: new Float64Array(size),
    start: new Float64Array(size),
    end: new Float64Array(size),
    status: new Uint8Array(size),
    to: new Int32Array(size),
    from: new Int32Array(size),
    parent: new Int32Array(size),
  };
  order.forEach((index, position) => {
    const call = calls[index]!;
    columns.created[position] = createdOf[index]!;
    columns.start[position] = ms(call.startTime);
    columns.end[position] = ms(call.endTime);
    columns.status[position] = STATUS_CODE.get(call.status)!;
    columns.to[position] = addressId(call.to?.value);
    columns.from[position] = addressId(call.from?.value);
    let parent = -1;
    if (call.parentCallSid !== null) {
      const key = sidKey(call.parentCallSid);
      parent = parentToken(key);
      if (parent === -1) phantoms.set(key, (parent = -2 - phantoms.size));
    }
    columns.parent[position] = parent;
  });

  const accounts = new Set(calls.map((call) => (call.accountSid === null ? '' : sidKey(call.accountSid))));
  const [account] = accounts;
  return {
    size,
    columns,
    startLag: lagOf(columns.created, columns.start),
    endLag: lagOf(columns.created, columns.end),
    accountKey: accounts.size === 1 && account !== undefined && isSidKey(account) ? account : null,
    call: (position) => calls[order[position]!]!,
    keyAt: (position) => keys[order[position]!]!,
    positionOf: (key) => positions.get(key) ?? -1,
    addressId: (value) => addresses.get(value) ?? -1,
    parentToken,
  };
}
