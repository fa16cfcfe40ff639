import { setOwnField } from '../own-field.js';

/** The fields of a form (`application/x-www-form-urlencoded`): a field sent several times holds its values in order. */
export type FormFields = Record<string, string | string[]>;

/** Fields as callers may pass them: read-only arrays accepted. */
export type FormFieldsInput = Readonly<Record<string, string | readonly string[]>>;

/** Reads form-encoded text (`a=1&b=x+y`) into fields, decoding `+` and percent escapes as browsers and providers do. */
export function parseForm(text: string): FormFields {
  return fieldsOf(new URLSearchParams(text));
}

/** The fields of search params (a form body's or a URL query's). */
export function fieldsOf(params: URLSearchParams): FormFields {
  const fields: FormFields = {};
  for (const [key, value] of params) {
    const seen = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (seen === undefined) setOwnField(fields, key, value);
    else if (typeof seen === 'string') setOwnField(fields, key, [seen, value]);
    else seen.push(value);
  }
  return fields;
}

/** Writes fields as a form body, in their order; an array is written as the same key repeated. */
export function encodeForm(fields: FormFieldsInput): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') params.append(key, value);
    else for (const item of value) params.append(key, item);
  }
  return params.toString();
}
