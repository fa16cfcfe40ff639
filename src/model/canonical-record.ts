import { type Address, readAddress } from './address.js';
import { type AnsweredBy } from './answered-by.js';
import type { Call, CallQuality, ProviderFields } from './call.js';
import { type Direction } from './direction.js';
import { MalformedRecordError } from './errors/malformed-record-error.js';
import { isDecimal } from './money.js';
import { type Provider, isProvider } from './provider.js';
import { isCallStatus } from './status.js';
import { parseIsoInstant } from './time.js';

/**
 * True for a record callbridge wrote in canonical form (`--dialect canonical`,
 * the default): it names its `provider` and has the canonical `extra`, which no
 * provider record has. Cheap enough to ask of every record read.
 */
export function isCanonicalRecord(raw: unknown): raw is Record<string, unknown> {
  // Asked first of every record normalized: a provider's record has no `provider`, told by its type alone.
  const provider = raw === null || typeof raw !== 'object' ? undefined : (raw as { provider?: unknown }).provider;
  return typeof provider === 'string' && isProvider(provider) && 'extra' in (raw as object) && 'sid' in (raw as object);
}

type Kind = 'text' | 'address' | 'instant' | 'integer' | 'number' | 'decimal' | 'direction' | 'answeredBy' | 'map' | 'object' | 'quality' | 'providerFields';

// Every field but provider, sid and status (checked first); typed by Call's keys, so a new field must be named here.
const FIELDS: Record<Exclude<keyof Call, 'provider' | 'sid' | 'status'>, Kind> = {
  accountSid: 'text', parentCallSid: 'text', phoneNumberSid: 'text',
  to: 'address', toFormatted: 'text', from: 'address', fromFormatted: 'text', forwardedFrom: 'address', callerName: 'text',
  direction: 'direction', directionDetail: 'text', answeredBy: 'answeredBy', answeredByDetail: 'text',
  startTime: 'instant', endTime: 'instant', dateCreated: 'instant', dateUpdated: 'instant',
  duration: 'integer', price: 'decimal', priceUnit: 'text', apiVersion: 'text', groupSid: 'text',
  quality: 'quality', providerFields: 'providerFields', uri: 'text', subresourceUris: 'map', extra: 'object',
};

// The figures of CallQuality, in order; typed by its keys, so a new figure must be named here.
const QUALITY: Record<keyof CallQuality, 'number' | 'integer'> = {
  mos: 'number', sipResultCode: 'integer', rttAvg: 'number', rttMin: 'number', rttMax: 'number',
  jitterAvg: 'number', jitterMin: 'number', jitterMax: 'number', packetsLost: 'number',
};

/**
 * Top-level fields of canonical records written before provider-only fields
 * were grouped (callbridge 0.1), and where they went: read into their new place
 * when the record's provider is the one that documents them (for other
 * providers they were null, or copies of what `extra` keeps).
 */
const LEGACY: Record<string, readonly [provider: Provider, group: 'quality' | 'providerFields', name: string]> = {
  queueTime: ['twilio', 'providerFields', 'queueTime'], trunkSid: ['twilio', 'providerFields', 'trunkSid'],
  annotation: ['signalwire', 'providerFields', 'annotation'], audioInMos: ['signalwire', 'quality', 'mos'],
  sipResultCode: ['signalwire', 'quality', 'sipResultCode'], audioRttAvg: ['signalwire', 'quality', 'rttAvg'],
  audioRttMin: ['signalwire', 'quality', 'rttMin'], audioRttMax: ['signalwire', 'quality', 'rttMax'],
  audioOutJitterAvg: ['signalwire', 'quality', 'jitterAvg'], audioOutJitterMin: ['signalwire', 'quality', 'jitterMin'],
  audioOutJitterMax: ['signalwire', 'quality', 'jitterMax'], audioOutLost: ['signalwire', 'quality', 'packetsLost'],
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
  if (value === null || value === undefined || value === '') return kind === 'object' || kind === 'providerFields' ? {} : null;
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
    case 'quality':
      return readQuality(jsonCell(value));
    case 'providerFields':
      return readProviderFields(jsonCell(value));
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A CallQuality with every figure (absent ones null), or undefined when a figure cannot be read. */
function readQuality(value: unknown): CallQuality | null | undefined {
  if (value === null) return null;
  if (!isObject(value) || Object.keys(value).some((key) => !Object.hasOwn(QUALITY, key))) return undefined;
  const quality: Record<string, unknown> = {};
  for (const [figure, kind] of Object.entries(QUALITY)) {
    quality[figure] = readField(kind, value[figure]);
    if (quality[figure] === undefined) return undefined;
  }
  return quality as unknown as CallQuality;
}

/** Groups of JSON scalars under provider names, or undefined. */
function readProviderFields(value: unknown): ProviderFields | undefined {
  if (!isObject(value)) return undefined;
  for (const [provider, group] of Object.entries(value)) {
    if (!isProvider(provider) || !isObject(group)) return undefined;
    if (Object.values(group).some((v) => v !== null && typeof v === 'object')) return undefined;
  }
  return value as ProviderFields;
}

/** Moves the top-level fields of a record written before grouping (see {@link LEGACY}) into their groups. */
function fromLegacy(record: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(LEGACY).some((key) => Object.hasOwn(record, key))) return record;
  const moved: Record<string, unknown> = {};
  const quality: Record<string, unknown> = {};
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const legacy = LEGACY[key];
    if (legacy === undefined) moved[key] = value;
    else if (legacy[0] === record.provider) (legacy[1] === 'quality' ? quality : own)[legacy[2]] = value;
  }
  const reported = Object.values(quality).some((v) => v !== null && v !== '');
  moved.quality ??= reported ? quality : null;
  moved.providerFields ??= Object.keys(own).length === 0 ? {} : { [record.provider as string]: own };
  return moved;
}

/**
 * Rebuilds a Call from a canonical record callbridge wrote, as JSON (NDJSON,
 * `--output json`) or as a CSV row read into text cells: numbers may be text,
 * an address its bare value, a map, `quality`, `providerFields` or `extra` JSON
 * text, an empty cell null. A record written before provider-only fields were
 * grouped (top-level `queueTime`, `audioInMos`, …) is read into the groups.
 * Throws {@link MalformedRecordError} naming the field that cannot be read.
 */
export function callFromCanonical(input: Record<string, unknown>, position?: string): Call {
  const record = fromLegacy(input);
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
