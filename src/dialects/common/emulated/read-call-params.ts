import type { ProviderParamValue } from '../../../model/call-request.js';
import { type CallField, FIELD_KINDS, type ParamRule, type ParamTable, type WireParams, fieldProblem } from '../call-params.js';
import { ApiError } from './api-error.js';

/** A create or update as the emulator read it: the canonical fields, and every other parameter verbatim. */
export interface ReadParams<F extends CallField> {
  fields: Partial<Record<F, unknown>>;
  providerParams: Record<string, ProviderParamValue>;
}

/** A JSON body as parameters: an array repeats its key, every value as text. */
export function jsonParams(body: unknown): WireParams {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ApiError('bad-request', 'The body must be a JSON object');
  return Object.entries(body).flatMap(([name, value]): Array<[string, string]> =>
    (Array.isArray(value) ? value : [value]).map((item) => [name, typeof item === 'string' ? item : JSON.stringify(item)]),
  );
}

function typed(field: CallField, name: string, texts: string[], rule: ParamRule): unknown {
  const kind = FIELD_KINDS[field];
  const text = texts[texts.length - 1]!;
  if (kind === 'list') return rule.join === undefined ? texts : text.split(rule.join).filter((t) => t !== '');
  if (kind === 'number') {
    const scale = rule.scale ?? 1;
    if (!/^\d+$/.test(text) || Number(text) % scale !== 0) {
      throw new ApiError('bad-request', `${name} must be a whole number${scale === 1 ? '' : ` (a multiple of ${scale})`}, got "${text}"`);
    }
    return Number(text) / scale;
  }
  if (kind === 'boolean') {
    if (!/^(true|false)$/i.test(text)) throw new ApiError('bad-request', `${name} must be true or false, got "${text}"`);
    return text.toLowerCase() === 'true';
  }
  return text;
}

/**
 * Reads a provider's parameters back into canonical fields with the same
 * table the client writes them with (the inverse of the dialect's writer);
 * parameters the table does not name are kept verbatim, as providers ignore
 * what they do not know. A value the provider refuses is a `bad-request`.
 */
export function readCallParams<F extends CallField>(table: ParamTable<F>, params: WireParams): ReadParams<F> {
  const byName = new Map<string, string[]>();
  for (const [name, value] of params) byName.set(name, [...(byName.get(name) ?? []), value]);
  const fields: Partial<Record<F, unknown>> = {};
  for (const [field, rule] of Object.entries(table) as Array<[F, ParamRule]>) {
    const texts = byName.get(rule.name);
    if (texts === undefined) continue;
    byName.delete(rule.name);
    const value = typed(field, rule.name, texts, rule);
    const problem = fieldProblem(field, value);
    if (problem !== null) throw new ApiError('bad-request', `${rule.name} ${problem}`);
    if (rule.values !== undefined && !rule.values.includes(value as string)) {
      throw new ApiError('bad-request', `${rule.name} must be one of ${rule.values.join(', ')}`);
    }
    fields[field] = value;
  }
  const providerParams = Object.fromEntries([...byName].map(([name, texts]) => [name, texts.length === 1 ? texts[0]! : texts]));
  return { fields, providerParams };
}
