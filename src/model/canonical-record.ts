import { type Address, readAddress } from './address.js';
import { type AnsweredBy } from './answered-by.js';
import type { Call } from './call.js';
import { type Direction } from './direction.js';
import { MalformedRecordError } from './errors/malformed-record-error.js';
import { isDecimal } from './money.js';
import { isProvider } from './provider.js';
import { isCallStatus } from './status.js';
import { parseIsoInstant } from './time.js';

/**
 * True for a record callbridge wrote in canonical form (`--dialect canonical`,
 * the default): it names its `provider` and has the canonical `extra`, which no
 * provider record has. Cheap enough to ask of every record read.
 */
export function isCanonicalRecord(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && isProvider((raw as { provider?: unknown }).provider) && 'extra' in raw && 'sid' in raw;
}

type Kind = 'text' | 'address' | 'instant' | 'integer' | 'number' | 'decimal' | 'direction' | 'answeredBy' | 'map' | 'object';

// Every field but provider, sid and status (checked first); typed by Call's keys, so a new field must be named here.
const FIELDS: Record<Exclude<keyof Call, 'provider' | 'sid' | 'status'>, Kind> = {
  accountSid: 'text', parentCallSid: 'text', phoneNumberSid: 'text',
  to: 'address', toFormatted: 'text', from: 'address', fromFormatted: 'text', forwardedFrom: 'address', callerName: 'text',
  direction: 'direction', directionDetail: 'text', answeredBy: 'answeredBy', answeredByDetail: 'text',
  startTime: 'instant', endTime: 'instant', dateCreated: 'instant', dateUpdated: 'instant',
  duration: 'integer', price: 'decimal', priceUnit: 'text', apiVersion: 'text', annotation: 'text',
  queueTime: 'integer', trunkSid: 'text', groupSid: 'text',
  audioInMos: 'number', sipResultCode: 'integer', audioRttAvg: 'number', audioRttMin: 'number', audioRttMax: 'number',
  audioOutJitterAvg: 'number', audioOutJitterMin: 'number', audioOutJitterMax: 'number', audioOutLost: 'number',
  uri: 'text', subresourceUris: 'map', extra: 'object',
};

const DIRECTIONS: ReadonlySet<unknown> = new Set<Direction>(['inbound', 'outbound']);
const ANSWERED_BY: ReadonlySet<unknown> = new Set<AnsweredBy>(['human', 'machine', 'fax', 'unknown']);

/** A JSON object or array written into a CSV cell, read back. */
function jsonCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** One field's value, or undefined when it cannot be read as its kind. Empty text (a CSV cell) is null. */
function readField(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return kind === 'object' ? {} : null;
  switch (kind) {
    case 'text':
      return typeof value === 'string' ? value : undefined;
    case 'address':
      if (typeof value === 'string') return readAddress(value);
      return typeof (value as Address).value === 'string' ? readAddress((value as Address).value) : undefined;
    case 'instant':
      return typeof value === 'string' && Number.isFinite(parseIsoInstant(value)) ? value : undefined;
    case 'integer':
    case 'number': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) return undefined;
      return kind === 'integer' && !Number.isInteger(number) ? undefined : number;
    }
    case 'decimal':
      return typeof value === 'string' && isDecimal(value) ? value : undefined;
    case 'direction':
      return DIRECTIONS.has(value) ? value : undefined;
    case 'answeredBy':
      return ANSWERED_BY.has(value) ? value : undefined;
    case 'map':
    case 'object': {
      const object = jsonCell(value);
      return object !== null && typeof object === 'object' && !Array.isArray(object) ? object : undefined;
    }
  }
}

/**
 * Rebuilds a Call from a canonical record callbridge wrote, as JSON (NDJSON,
 * `--output json`) or as a CSV row read into text cells: numbers may be text,
 * an address its bare value, a map or `extra` JSON text, an empty cell null.
 * Throws {@link MalformedRecordError} naming the field that cannot be read.
 */
export function callFromCanonical(record: Record<string, unknown>, position?: string): Call {
  const sid = record.sid;
  const where = typeof sid === 'string' && sid !== '' ? sid : (position ?? 'at an unknown position');
  if (typeof sid !== 'string' || sid === '') throw new MalformedRecordError(where, 'sid', 'is missing or not text', sid);
  if (!isCallStatus(record.status)) throw new MalformedRecordError(where, 'status', 'is not a canonical status', record.status);
  const call: Record<string, unknown> = {};
  // Fields keep the record's order, so a record read back and written again is the same text.
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(FIELDS, key) && key !== 'provider' && key !== 'sid' && key !== 'status') {
      throw new MalformedRecordError(where, key, 'is not a field of a canonical call record (extra fields belong under "extra")', record[key]);
    }
    call[key] = null;
  }
  call.provider = record.provider;
  call.sid = sid;
  call.status = record.status;
  for (const [field, kind] of Object.entries(FIELDS) as Array<[keyof typeof FIELDS, Kind]>) {
    const value = readField(kind, record[field]);
    if (value === undefined) throw new MalformedRecordError(where, field, `cannot be read as canonical ${kind}`, record[field]);
    call[field] = value;
  }
  return call as unknown as Call;
}
