import type { WireParams } from '../dialects/common/call-params.js';
import type { Dialect } from '../dialects/common/dialect.js';
import { ApiError } from '../dialects/common/emulated/api-error.js';
import { jsonParams, readCallParams } from '../dialects/common/emulated/read-call-params.js';
import type { CreateCallInput, UpdateCallInput } from '../model/call-request.js';
import { CallStateError, type CreatedCalls } from './created-calls.js';
import type { Dataset } from './dataset.js';

/** An answer to a write: a status and a JSON body, or no body (204). */
export interface WriteAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

/** A request body as parameters: JSON when it says so, else a form. */
export function bodyParams(contentType: string | undefined, text: string): WireParams {
  if (contentType !== undefined && /^application\/json/i.test(contentType)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiError('bad-request', 'The body is not valid JSON');
    }
    return jsonParams(parsed);
  }
  return [...new URLSearchParams(text)];
}

/** Creates a call from a create request in a dialect and answers as that dialect does. */
export function serveCreate(calls: CreatedCalls, dialect: Dialect, accountKey: string, params: WireParams): WriteAnswer {
  const { writes } = dialect;
  const { fields, providerParams } = readCallParams(writes.create, params);
  for (const field of ['to', 'from'] as const) {
    if (fields[field] === undefined) throw new ApiError('bad-request', `No '${writes.create[field]!.name}' number is specified`);
  }
  for (const options of writes.createRequires) {
    if (options.every((field) => fields[field] === undefined)) {
      throw new ApiError('bad-request', `One of ${options.map((field) => writes.create[field]!.name).join(', ')} is required`);
    }
  }
  const input = { ...fields, providerParams } as CreateCallInput;
  const entry = calls.create(input, accountKey, dialect.provider);
  return dialect.emulated.createdAnswer(dialect.fromCall(entry.call));
}

/** The created call a path's sid names; a dataset call is read-only, any other sid unknown. */
function createdKey(calls: CreatedCalls, dataset: Dataset, dialect: Dialect, sid: string, path: string): string {
  const key = dialect.emulated.fetchKey(sid);
  if (calls.get(key) !== undefined) return key;
  if (dataset.positionOf(key) >= 0) {
    throw new ApiError('method-not-allowed', 'The emulator changes only calls created through it; its generated calls are read-only');
  }
  throw new ApiError('not-found', `The requested resource ${path} was not found`);
}

function stateError(error: unknown): never {
  if (error instanceof CallStateError) throw new ApiError('bad-request', error.message);
  throw error;
}

/** Updates a created call (end it, or redirect it) and answers with its record. */
export function serveUpdate(calls: CreatedCalls, dataset: Dataset, dialect: Dialect, sid: string, path: string, params: WireParams): WriteAnswer {
  const key = createdKey(calls, dataset, dialect, sid, path);
  const { fields, providerParams } = readCallParams(dialect.writes.update, params);
  try {
    const entry = calls.update(key, { ...fields, providerParams } as UpdateCallInput);
    return { status: 200, body: dialect.fromCall(entry.call) };
  } catch (error) {
    return stateError(error);
  }
}

/** Deletes a created call's record (204), where the dialect offers delete. */
export function serveDelete(calls: CreatedCalls, dataset: Dataset, dialect: Dialect, sid: string, path: string): WriteAnswer {
  if (!dialect.writes.deletes) throw new ApiError('method-not-allowed', `${dialect.provider} does not delete call records`);
  const key = createdKey(calls, dataset, dialect, sid, path);
  try {
    calls.delete(key);
  } catch (error) {
    stateError(error);
  }
  return { status: 204, body: null };
}
