import { CALL_EVENTS, type CreateCallInput, type ProviderParamValue, type UpdateCallInput } from '../../model/call-request.js';
import { BadQueryError } from '../../model/errors/bad-query-error.js';
import { UnsupportedOperationError } from '../../model/errors/unsupported-operation-error.js';
import type { Provider } from '../../model/provider.js';

/** The canonical fields of a create or update, without the verbatim `providerParams`. */
export type CreateField = Exclude<keyof CreateCallInput, 'providerParams'>;
export type UpdateField = Exclude<keyof UpdateCallInput, 'providerParams'>;
export type CallField = CreateField | UpdateField;

/** How a field's value is typed, on the wire and when read back. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'list';

/** The kind of every canonical field. */
export const FIELD_KINDS: Readonly<Record<CallField, FieldKind>> = {
  to: 'string',
  from: 'string',
  url: 'string',
  twiml: 'string',
  applicationSid: 'string',
  method: 'string',
  fallbackUrl: 'string',
  fallbackMethod: 'string',
  statusCallback: 'string',
  statusCallbackEvents: 'list',
  statusCallbackMethod: 'string',
  timeout: 'number',
  timeLimit: 'number',
  record: 'boolean',
  machineDetection: 'string',
  machineDetectionTimeout: 'number',
  sendDigits: 'string',
  callerId: 'string',
  status: 'string',
};

/** The values a field accepts on every provider (a provider may accept fewer: {@link ParamRule.values}). */
const VALUES: Partial<Record<CallField, readonly string[]>> = {
  method: ['GET', 'POST'],
  fallbackMethod: ['GET', 'POST'],
  statusCallbackMethod: ['GET', 'POST'],
  statusCallbackEvents: CALL_EVENTS,
  machineDetection: ['Enable', 'DetectMessageEnd'],
  status: ['canceled', 'completed'],
};

/** How a provider writes one canonical field. */
export interface ParamRule {
  /** The provider's parameter name (`StatusCallbackEvent`). */
  name: string;
  /** The only values the provider accepts, when fewer than callbridge's. */
  values?: readonly string[];
  /** A list sent as one string joined by this separator (Telnyx: a space) instead of the key repeated. */
  join?: string;
  /** A number sent multiplied by this (Telnyx takes seconds as milliseconds: 1000). */
  scale?: number;
}

/** A provider's parameters for one operation: each field it takes, by canonical name; a field left out is refused. */
export type ParamTable<F extends CallField> = Readonly<Partial<Record<F, ParamRule>>>;

/** Parameters as sent: in order, a key may repeat. */
export type WireParams = ReadonlyArray<readonly [string, string]>;

/** The body of a write: form parameters, a JSON object, or none. */
export type WriteBody = { encoding: 'form'; params: WireParams } | { encoding: 'json'; value: Record<string, unknown> } | null;

/** One HTTP write a dialect asks the transport to make. */
export interface WriteRequest {
  method: 'POST' | 'DELETE';
  /** Path under the origin. */
  path: string;
  body: WriteBody;
}

/** Everything a dialect says about placing and controlling calls, as data. */
export interface CallWriteSpec {
  provider: Provider;
  /** Body encoding of each operation. */
  encoding: { create: 'form' | 'json'; update: 'form' | 'json' };
  create: ParamTable<CreateField>;
  update: ParamTable<UpdateField>;
  /** Each entry is a set of fields of which a create must give at least one. */
  createRequires: ReadonlyArray<readonly CreateField[]>;
  /** Why a field is missing from a table, or delete is not offered (`delete`), to say in the refusal. */
  gaps: Readonly<Partial<Record<CallField | 'delete', string>>>;
  /** Whether the provider deletes call records. */
  deletes: boolean;
}

const label = (field: string) => (field === 'delete' ? 'delete' : `\`${field}\``);

function refuse(spec: CallWriteSpec, field: string, operation: string): never {
  const gap = spec.gaps[field as CallField] ?? `its ${operation} has no such parameter`;
  throw new UnsupportedOperationError(spec.provider, label(field), gap);
}

/** What is wrong with a field's value on every provider, or null when nothing is. */
export function fieldProblem(field: CallField, value: unknown): string | null {
  const kind = FIELD_KINDS[field];
  const values = VALUES[field];
  if (kind === 'number') {
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) return `must be a positive whole number, got ${JSON.stringify(value)}`;
  } else if (kind === 'boolean') {
    if (typeof value !== 'boolean') return `must be true or false, got ${JSON.stringify(value)}`;
  } else if (kind === 'list') {
    if (!Array.isArray(value) || value.length === 0) return 'must be a non-empty list';
  } else if (typeof value !== 'string' || value === '') {
    return `must be a non-empty string, got ${JSON.stringify(value)}`;
  }
  const bad = values === undefined ? undefined : (kind === 'list' ? (value as unknown[]) : [value]).find((item) => !values.includes(item as string));
  return bad === undefined ? null : `must be one of ${values!.join(', ')}, got ${JSON.stringify(bad)}`;
}

function checkValue(field: CallField, value: unknown): void {
  const problem = fieldProblem(field, value);
  if (problem !== null) throw new BadQueryError(field, problem);
}

const asText = (value: string | number | boolean): string => String(value);

/**
 * Writes a create or update input as the provider's parameters, checking each
 * field against the provider's table. Throws {@link BadQueryError} for a value
 * no provider takes and {@link UnsupportedOperationError} for a field or
 * value this provider does not take.
 */
function writeParams<F extends CallField>(
  spec: CallWriteSpec,
  operation: 'create' | 'update',
  table: ParamTable<F>,
  input: Partial<Record<F, unknown>> & { providerParams?: Readonly<Record<string, ProviderParamValue>> },
): Array<[string, string | number | boolean | readonly string[]]> {
  const out: Array<[string, string | number | boolean | readonly string[]]> = [];
  for (const [field, value] of Object.entries(input) as Array<[F | 'providerParams', unknown]>) {
    if (value === undefined || field === 'providerParams') continue;
    if (!(field in FIELD_KINDS)) throw new BadQueryError(field, `is not a field of a call ${operation}; pass provider-only parameters in providerParams`);
    checkValue(field, value);
    const rule = table[field];
    if (rule === undefined) refuse(spec, field, operation);
    const items = Array.isArray(value) ? (value as string[]) : [value as string];
    const refused = rule.values === undefined ? undefined : items.find((item) => !rule.values!.includes(item));
    if (refused !== undefined) {
      throw new UnsupportedOperationError(spec.provider, `\`${field}\` ${JSON.stringify(refused)}`, `it takes only ${rule.values!.join(', ')}`);
    }
    const sent = Array.isArray(value) && rule.join !== undefined ? value.join(rule.join) : rule.scale !== undefined ? (value as number) * rule.scale : value;
    out.push([rule.name, sent as string]);
  }
  const written = new Set(out.map(([name]) => name));
  for (const [name, value] of Object.entries(input.providerParams ?? {})) {
    if (written.has(name)) throw new BadQueryError(`providerParams.${name}`, 'is already written from a canonical field; give it once');
    out.push([name, value]);
  }
  return out;
}

/** Parameters as a body in the given encoding; JSON keeps numbers and booleans typed. */
function bodyOf(encoding: 'form' | 'json', params: ReadonlyArray<readonly [string, string | number | boolean | readonly string[]]>): WriteBody {
  if (encoding === 'json') return { encoding, value: Object.fromEntries(params) };
  return {
    encoding,
    params: params.flatMap(([name, value]): Array<[string, string]> => (Array.isArray(value) ? value.map((v: string) => [name, v]) : [[name, asText(value as string)]])),
  };
}

/** The create request of a dialect: its parameters checked and written, before anything is sent. */
export function createRequest(spec: CallWriteSpec, input: CreateCallInput, path: string): WriteRequest {
  if (input === null || typeof input !== 'object') throw new BadQueryError('input', 'must be an object with to and from');
  for (const field of ['to', 'from'] as const) if (input[field] === undefined) throw new BadQueryError(field, 'is required');
  exclusive(input);
  const params = writeParams(spec, 'create', spec.create, input);
  for (const fields of spec.createRequires) {
    if (fields.every((field) => input[field] === undefined)) {
      throw new BadQueryError(fields.join('|'), `${spec.provider} needs ${fields.length === 1 ? fields[0] : `one of ${fields.join(', ')}`} to place a call`);
    }
  }
  return { method: 'POST', path, body: bodyOf(spec.encoding.create, params) };
}

/** The update request of a dialect; an update that changes nothing is refused. */
export function updateRequest(spec: CallWriteSpec, input: UpdateCallInput, path: string): WriteRequest {
  if (input === null || typeof input !== 'object') throw new BadQueryError('input', 'must be an object');
  exclusive(input);
  const params = writeParams(spec, 'update', spec.update, input);
  if (params.length === 0) throw new BadQueryError('input', 'changes nothing; give status (canceled|completed) or new instructions (url, twiml)');
  return { method: 'POST', path, body: bodyOf(spec.encoding.update, params) };
}

/** The delete request of a dialect, or the refusal when it deletes no call records. */
export function deleteRequest(spec: CallWriteSpec, path: string): WriteRequest {
  if (!spec.deletes) refuse(spec, 'delete', 'API');
  return { method: 'DELETE', path, body: null };
}

function exclusive(input: { url?: unknown; twiml?: unknown }): void {
  if (input.url !== undefined && input.twiml !== undefined) throw new BadQueryError('url|twiml', 'give instructions either by url or inline (twiml), not both');
}
