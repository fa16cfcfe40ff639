import { createHash } from 'node:crypto';
import type { Address } from '../model/address.js';
import { type Call, rawRecord } from '../model/call.js';
import { MalformedRecordError } from '../model/errors/malformed-record-error.js';
import { rawRecordJson } from '../model/raw-text.js';

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
  // Last: the row's text (see CallRow) holds every cell before it.
  { name: 'raw', type: 'json', read: (c) => (rawRecord(c) as object | undefined) ?? null },
];

/** Separates the cells of a row's text. */
export const CELL_SEPARATOR = '\x1f';
/** A cell that is NULL, in a row's text. */
export const NULL_CELL = '\x1e';
const SEPARATORS = /[\x1e\x1f]/;
/** Index of the raw record's cell, the last: the cells before it are the canonical ones a row's text holds. */
export const RAW_CELL = CALL_COLUMNS.length - 1;

/**
 * A call ready to be written: its canonical cells (every one but `raw`) as
 * one text, which drivers can hand to the database in one piece and from
 * which the content hash is taken, and its raw record as JSON text.
 *
 * The text is the cells, in {@link CALL_COLUMNS} order, joined by
 * {@link CELL_SEPARATOR}, a NULL as {@link NULL_CELL}, numbers in
 * JavaScript's shortest exact form and JSON cells as JSON; when a text cell
 * holds one of those two characters (or the first cell starts with `[`), it
 * is instead a JSON array of the cells as strings or null. Either way, the
 * same values always give the same text.
 *
 * A row holds no object of its call: a page of rows waiting to be written
 * keeps no parsed record alive (the young generation's collector copied them,
 * and them alone, at every collection while they waited).
 */
export class CallRow {
  #hash: string | undefined;

  constructor(
    readonly sid: string,
    /** The canonical cells as one text (see the class). */
    readonly text: string,
    /** The raw record as JSON text, the provider's own when the client kept it; null when the call has none. */
    readonly rawText: string | null,
  ) {}

  /** The hash of the canonical values (MD5 of {@link text}, hex), which decides whether a stored row changed. */
  get hash(): string {
    this.#hash ??= createHash('md5').update(this.text).digest('hex');
    return this.#hash;
  }
}

/** A cell as text: null stays null, JSON cells are JSON, numbers their shortest exact form. */
function cellText(value: CellValue, type: ColumnType): string | null {
  if (value === null || value === undefined) return null;
  if (type === 'json') return JSON.stringify(value);
  return typeof value === 'string' ? value : String(value);
}

/** The canonical cells (all but `raw`) as one text. */
function rowText(cells: readonly CellValue[]): string {
  const texts: Array<string | null> = new Array(RAW_CELL);
  let joinable = true;
  for (let i = 0; i < RAW_CELL; i++) {
    const text = cellText(cells[i]!, CALL_COLUMNS[i]!.type);
    if (text !== null && CALL_COLUMNS[i]!.type !== 'json' && SEPARATORS.test(text)) joinable = false;
    texts[i] = text;
  }
  if (texts[0]?.startsWith('[')) joinable = false;
  return joinable ? texts.map((text) => text ?? NULL_CELL).join(CELL_SEPARATOR) : JSON.stringify(texts);
}

/** A call's cells in {@link CALL_COLUMNS} order, with `account` as its account when the record has none. */
export function callCells(call: Call, account: string): CellValue[] {
  const cells = CALL_COLUMNS.map((column) => column.read(call));
  if (cells[1] === null) cells[1] = account;
  return cells;
}

/**
 * Turns a canonical call into a row. The hash covers the canonical values
 * (the raw record is left out), so a row is rewritten only when a value
 * callbridge reads from the record changed.
 */
export function callRow(call: Call, account: string): CallRow {
  if (call.price !== null) checkPrice(call);
  const cells = callCells(call, account);
  return new CallRow(call.sid, rowText(cells), rawRecordJson(cells[RAW_CELL]));
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
