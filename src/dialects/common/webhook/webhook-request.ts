import { WebhookVerificationError } from '../../../model/errors/webhook-verification-error.js';
import { setOwnField } from '../own-field.js';
import { type FormFields, type FormFieldsInput, fieldsOf, parseForm } from './form-fields.js';
import { type HeadersLike, headerValue } from './headers.js';

/** A webhook request as received, whatever the framework. */
export interface WebhookRequest {
  /**
   * The full URL the provider called, exactly as configured there: scheme,
   * host, port if any, path and query (`https://example.com/status?tenant=7`).
   * Behind a proxy, rebuild it from the public scheme and host, not the internal ones.
   */
  url: string;
  /** The headers as received. */
  headers: HeadersLike;
  /** The body exactly as received (bytes or text). Required for Telnyx and for Twilio JSON bodies (`bodySHA256`). */
  body?: string | Uint8Array;
  /** Or the form fields a framework already parsed from the body (Twilio and SignalWire only). `body` wins when both are given. */
  params?: FormFieldsInput;
}

/** What a check needs beside the request and the secret. */
export interface WebhookContext {
  /** Timestamped schemes (Telnyx): seconds a signed timestamp may be away from now, either way; undefined: the scheme's own default. */
  toleranceSeconds: number | undefined;
  /** Now, in epoch milliseconds. */
  now: () => number;
  /** The secret of a shared key, for schemes whose requests may be signed with one instead (see WebhookScheme.sharedKey); undefined when not given. */
  sharedKeySecret: string | undefined;
}

/** The body as text (form bodies are ASCII once encoded; anything else is read as UTF-8). */
export function bodyText(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

/** The body as bytes, exactly as received. */
export function bodyBytes(body: string | Uint8Array): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** The URL, parsed; a URL that is not absolute cannot have been signed. */
export function absoluteUrl(provider: string, url: string): URL {
  if (URL.canParse(url)) return new URL(url);
  throw new WebhookVerificationError(
    provider,
    'malformed',
    `"${url}" is not an absolute URL; pass the full URL the provider called (scheme, host, path and query)`,
  );
}

const isJson = (headers: HeadersLike) => /\bjson\b/i.test(headerValue(headers, 'content-type') ?? '');

/**
 * The fields a request carries: its form body's, or the fields a framework
 * parsed; with an empty body, the URL query's (a GET callback puts its fields
 * there, covered by the signature of the URL). A JSON body has none.
 */
export function requestFields(request: WebhookRequest): FormFields {
  if (request.body !== undefined && request.body.length > 0) return isJson(request.headers) ? {} : parseForm(bodyText(request.body));
  if (request.params !== undefined) return copyFields(request.params);
  return URL.canParse(request.url) ? fieldsOf(new URL(request.url).searchParams) : {};
}

/** A copy the caller's later changes cannot reach. */
export function copyFields(params: FormFieldsInput): FormFields {
  const fields: FormFields = {};
  for (const [key, value] of Object.entries(params)) setOwnField(fields, key, typeof value === 'string' ? value : [...value]);
  return fields;
}
