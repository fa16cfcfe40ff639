import { createHash } from 'node:crypto';
import type { Address } from '../model/address.js';
import { type Call, rawRecord } from '../model/call.js';
import { MalformedRecordError } from '../model/errors/malformed-record-error.js';

/** Column types, each mapped to a real SQL type by every driver. */
export type ColumnType = 'text' | 'timestamp' | 'decimal' | 'integer' | 'bigint' | 'double' | 'json';

/** A value of a row as drivers receive it; a `json` column holds the parsed value, never text. */
export type CellValue = string | number | boolean | null | object;

/** One column of the `calls` table: its snake_case name, type and how it is read off a canonical Call. */
export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly read: (call: Call) => CellValue;
}

const address = (name: string, pick: (call: Call) => Address | null): Column[] => [
  { name, type: 'text', read: (c) => pick(c)?.value ?? null },
  { name: `${name}_e164`, type: 'text', read: (c) => pick(c)?.e164 ?? null },
  { name: `${name}_country`, type: 'text', read: (c) => pick(c)?.country ?? null },
];

/**
 * Every canonical field of a Call, in table order. `to` and `from` are
 * `to_address` and `from_address` (both words are reserved in SQL), each with
 * its E.164 form and country. `raw` is the record as the provider sent it.
 * `provider`, `account_sid` and `sid` make the key.
 */
export const CALL_COLUMNS: readonly Column[] = [
  { name: 'provider', type: 'text', read: (c) => c.provider },
  // Filled in by the caller from the source when the record has none: the key needs it.
  { name: 'account_sid', type: 'text', read: (c) => c.accountSid },
  { name: 'sid', type: 'text', read: (c) => c.sid },
  { name: 'parent_call_sid', type: 'text', read: (c) => c.parentCallSid },
  { name: 'phone_number_sid', type: 'text', read: (c) => c.phoneNumberSid },
  { name: 'status', type: 'text', read: (c) => c.status },
  { name: 'direction', type: 'text', read: (c) => c.direction },
  { name: 'direction_detail', type: 'text', read: (c) => c.directionDetail },
  ...address('to_address', (c) => c.to),
  { name: 'to_formatted', type: 'text', read: (c) => c.toFormatted },
  ...address('from_address', (c) => c.from),
  { name: 'from_formatted', type: 'text', read: (c) => c.fromFormatted },
  ...address('forwarded_from', (c) => c.forwardedFrom),
  { name: 'caller_name', type: 'text', read: (c) => c.callerName },
  { name: 'answered_by', type: 'text', read: (c) => c.answeredBy },
  { name: 'answered_by_detail', type: 'text', read: (c) => c.answeredByDetail },
  { name: 'start_time', type: 'timestamp', read: (c) => c.startTime },
  { name: 'end_time', type: 'timestamp', read: (c) => c.endTime },
  { name: 'date_created', type: 'timestamp', read: (c) => c.dateCreated },
  { name: 'date_updated', type: 'timestamp', read: (c) => c.dateUpdated },
  { name: 'duration', type: 'integer', read: (c) => c.duration },
  { name: 'price', type: 'decimal', read: (c) => c.price },
  { name: 'price_unit', type: 'text', read: (c) => c.priceUnit },
  { name: 'api_version', type: 'text', read: (c) => c.apiVersion },
  { name: 'group_sid', type: 'text', read: (c) => c.groupSid },
  { name: 'quality_mos', type: 'double', read: (c) => c.quality?.mos ?? null },
  { name: 'quality_sip_result_code', type: 'integer', read: (c) => c.quality?.sipResultCode ?? null },
  { name: 'quality_rtt_avg', type: 'double', read: (c) => c.quality?.rttAvg ?? null },
  { name: 'quality_rtt_min', type: 'double', read: (c) => c.quality?.rttMin ?? null },
  { name: 'quality_rtt_max', type: 'double', read: (c) => c.quality?.rttMax ?? null },
  { name: 'quality_jitter_avg', type: 'double', read: (c) => c.quality?.jitterAvg ?? null },
  { name: 'quality_jitter_min', type: 'double', read: (c) => c.quality?.jitterMin ?? null },
  { name: 'quality_jitter_max', type: 'double', read: (c) => c.quality?.jitterMax ?? null },
  { name: 'quality_packets_lost', type: 'bigint', read: (c) => c.quality?.packetsLost ?? null },
  // A provider's own documented fields, keyed by provider: a new provider adds no column.
  { name: 'provider_fields', type: 'json', read: (c) => c.providerFields },
  { name: 'uri', type: 'text', read: (c) => c.uri },
  { name: 'subresource_uris', type: 'json', read: (c) => c.subresourceUris },
  { name: 'extra', type: 'json', read: (c) => c.extra },
  { name: 'raw', type: 'json', read: (c) => (rawRecord(c) as object | undefined) ?? null },
];

/**
 * A call ready to be written: its cells in {@link CALL_COLUMNS} order and the
 * hash of its canonical values, which decides whether a stored row changed.
 */
export interface CallRow {
  readonly sid: string;
  readonly cells: CellValue[];
  readonly hash: string;
}

/**
 * Turns a canonical call into a row. The hash covers the canonical Call (JSON,
 * which leaves the raw record out), so a row is rewritten only when a value
 * callbridge reads from the record changed.
 */
export function callRow(call: Call, account: string): CallRow {
  if (call.price !== null) checkPrice(call);
  const cells = CALL_COLUMNS.map((column) => column.read(call));
  if (cells[1] === null) cells[1] = account;
  return { sid: call.sid, cells, hash: createHash('sha1').update(JSON.stringify(call)).digest('base64url') };
}

/** Index of a column in a row's cells. */
export function columnIndex(name: string): number {
  return CALL_COLUMNS.findIndex((column) => column.name === name);
}

/** Digits a stored price keeps: `NUMERIC(38, 12)` on every engine. */
export const PRICE_SCALE = 12;
const PRICE_INTEGER_DIGITS = 38 - PRICE_SCALE;

/** Refuses a price the column would round: stored prices are exact or not stored at all. */
function checkPrice(call: Call): void {
  const [whole = '', fraction = ''] = call.price!.replace(/^[-+]/, '').split('.');
  if (fraction.replace(/0+$/, '').length > PRICE_SCALE || whole.replace(/^0+/, '').length > PRICE_INTEGER_DIGITS) {
    throw new MalformedRecordError(call.sid, 'price', `has more digits than the calls table keeps exactly (${PRICE_INTEGER_DIGITS} before the point, ${PRICE_SCALE} after)`, call.price);
  }
}
