import type { Call } from '../model/call.js';

/**
 * What the server needs of each call to filter and order without building it:
 * one typed array per field, indexed by position in the serving order
 * (0 = newest). Typed arrays keep a million calls in tens of megabytes.
 */
export interface CallColumns {
  /** date_created in epoch ms, non-increasing with position; -Infinity when unknown (sorted last). */
  readonly created: Float64Array;
  /** start_time in epoch ms, NaN when null. */
  readonly start: Float64Array;
  /** end_time in epoch ms, NaN when null. */
  readonly end: Float64Array;
  /** Canonical status, as an index into CALL_STATUSES. */
  readonly status: Uint8Array;
  /** `to` as an address id (see {@link Dataset.addressId}), -1 when null. */
  readonly to: Int32Array;
  /** `from` as an address id, -1 when null. */
  readonly from: Int32Array;
  /** The parent call as a parent token (see {@link Dataset.parentToken}), -1 when none. */
  readonly parent: Int32Array;
}

/** The spread of `time - date_created` over a dataset, used to bound time-filter scans. */
export interface Lag {
  min: number;
  max: number;
}

/**
 * A set of calls the emulator serves, in serving order: date_created
 * descending, ties by sid key ascending. Calls are built on demand, one page
 * at a time; a dataset only has to hold its columns.
 */
export interface Dataset {
  /** How many calls it holds. */
  readonly size: number;
  /** The filterable fields, by position. */
  readonly columns: CallColumns;
  /** Bounds of start_time - date_created over calls having both, or null when none has. */
  readonly startLag: Lag | null;
  /** Bounds of end_time - date_created over calls having both, or null when none has. */
  readonly endLag: Lag | null;
  /**
   * The 32 characters of the account the calls belong to, when they all belong
   * to one whose id has a Twilio or UUID shape; the emulator then serves that
   * account. Null for mixed or unknown accounts.
   */
  readonly accountKey: string | null;
  /** The canonical call at a position (0 = newest). */
  call(position: number): Call;
  /** The sid key (see `sidKey` in model/sid.ts) of the call at a position. */
  keyAt(position: number): string;
  /** The position of the call with this sid key, or -1. */
  positionOf(key: string): number;
  /** The id of an address exactly as written (`+13105678901`, `client:alice`), or -1 when no call has it. */
  addressId(value: string): number;
  /** The token stored in `columns.parent` for children of the call with this sid key, or -1 when no call has that parent. */
  parentToken(key: string): number;
}

/** Spread of `times[i] - created[i]` over positions where both are known. */
export function lagOf(created: Float64Array, times: Float64Array): Lag | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < times.length; i += 1) {
    const lag = times[i]! - created[i]!;
    // NaN (time unknown) fails both comparisons; -Infinity created gives +Infinity, which is kept.
    if (lag < min) min = lag;
    if (lag > max) max = lag;
  }
  return min > max ? null : { min, max };
}
