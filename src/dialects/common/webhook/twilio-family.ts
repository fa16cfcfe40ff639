import { createHash, createHmac } from 'node:crypto';
import { parse as parseQuerystring, stringify as stringifyQuerystring } from 'node:querystring';
import { WebhookVerificationError } from '../../../model/errors/webhook-verification-error.js';
import { sameInConstantTime } from './constant-time.js';
import { type FormFields, type FormFieldsInput, parseForm } from './form-fields.js';
import { headerValue } from './headers.js';
import { type WebhookRequest, absoluteUrl, bodyBytes, bodyText, copyFields } from './webhook-request.js';

/**
 * The HMAC-SHA1 scheme Twilio signs webhooks with and SignalWire's
 * compatibility API copies: base64 HMAC-SHA1, keyed by the secret, of the URL
 * followed by each form field's name and value, names sorted.
 */
export interface TwilioFamilyScheme {
  provider: string;
  /** Headers that may carry the signature, the first present being read. */
  headers: readonly string[];
  /**
   * How a field sent several times is signed: twilio-node sorts and dedupes its
   * values (`sorted-unique`); SignalWire's SDK keeps them as sent (`as-sent`).
   */
  repeated: 'sorted-unique' | 'as-sent';
  /** What the secret is called, for messages (`auth token`, `Signing Key`). */
  secretName: string;
}

/** The hash of a signature's HMAC: SHA-1, or SHA-256 where Twilio's Webhook Rules ask for it. */
export type SignatureHash = 'sha1' | 'sha256';

/** The secret a signature is checked with, when not the scheme's own: what it is called (for messages) and its HMAC's hash. */
export interface SignedWith {
  secretName: string;
  hash: SignatureHash;
}

/** The signature of a URL and form fields under a scheme, as its header carries it. */
export function twilioFamilySignature(scheme: TwilioFamilyScheme, secret: string, url: string, fields: FormFieldsInput, hash: SignatureHash = 'sha1'): string {
  let data = url;
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key]!;
    if (typeof value === 'string') data += key + value;
    else for (const item of scheme.repeated === 'sorted-unique' ? [...new Set(value)].sort() : value) data += key + item;
  }
  return createHmac(hash, secret).update(data, 'utf8').digest('base64');
}

const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i;

/** The URL with its port changed: removed (`null`), or the scheme's default added when it has none. */
function withPort(url: string, port: 'default' | null): string {
  const match = AUTHORITY.exec(url);
  if (match === null) return url;
  const [prefix, scheme, authority] = match as unknown as [string, string, string];
  const at = authority.lastIndexOf('@') + 1;
  const hostAndPort = authority.slice(at);
  // A colon starts the port only after the closing bracket of an IPv6 literal.
  const colon = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  const host = colon === -1 ? hostAndPort : hostAndPort.slice(0, colon);
  if (port === 'default' && colon !== -1) return url;
  const added = port === null ? '' : scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return scheme + authority.slice(0, at) + host + added + url.slice(prefix.length);
}

/** The URL with its query re-encoded as Node's legacy `querystring` writes it (some signing back ends escape `'` as `%27`). */
function legacyQuery(url: string): string {
  const start = url.indexOf('?');
  if (start === -1 || start === url.length - 1) return url;
  return `${url.slice(0, start)}?${stringifyQuerystring(parseQuerystring(url.slice(start + 1)))}`;
}

/**
 * The URLs a signature may have been made over, as twilio-node's
 * `validateRequest` tries them: as received without and with the port (the
 * providers' back ends are not consistent about the default port), then the
 * same after WHATWG normalization, and with the query re-encoded.
 */
export function signedUrlCandidates(url: string): string[] {
  const candidates = [withPort(url, null), withPort(url, 'default')];
  const normalized = new URL(url).toString();
  const both = [withPort(normalized, null), withPort(normalized, 'default')];
  candidates.push(...both, ...both.map(legacyQuery));
  return [...new Set(candidates)];
}

/** The fields a Twilio-family signature covers: the form body's (none for a JSON body, whose hash the URL carries). */
function signedFields(request: WebhookRequest, bodyHash: string | null): FormFields {
  if (bodyHash !== null) return {};
  if (request.body !== undefined && request.body.length > 0) return parseForm(bodyText(request.body));
  return request.params === undefined ? {} : copyFields(request.params);
}

/**
 * Checks a request signed under a Twilio-family scheme, by default with the
 * scheme's own secret and HMAC-SHA1; throws {@link WebhookVerificationError}
 * saying why when it is not authentic.
 */
export function verifyTwilioFamily(scheme: TwilioFamilyScheme, request: WebhookRequest, secret: string, signedWith: SignedWith = { secretName: scheme.secretName, hash: 'sha1' }): void {
  const { provider } = scheme;
  const { secretName, hash } = signedWith;
  let signature: string | undefined;
  for (const name of scheme.headers) signature ??= headerValue(request.headers, name);
  if (signature === undefined) {
    throw new WebhookVerificationError(provider, 'missing-header', `no ${scheme.headers.join(' or ')} header; the request was not signed by ${provider}`);
  }
  const bodyHash = absoluteUrl(provider, request.url).searchParams.get('bodySHA256');
  if (bodyHash !== null && request.body === undefined) {
    throw new WebhookVerificationError(provider, 'malformed', 'the URL carries bodySHA256, so the raw body is signed: pass the body as received');
  }
  const fields = signedFields(request, bodyHash);
  // Every candidate is computed and compared, so that the time taken does not say which one matched.
  let matched = false;
  for (const url of signedUrlCandidates(request.url)) {
    if (sameInConstantTime(signature, twilioFamilySignature(scheme, secret, url, fields, hash))) matched = true;
  }
  if (!matched) {
    throw new WebhookVerificationError(
      provider,
      'bad-signature',
      `the signature does not match the URL, the fields and the ${secretName}; check that the URL is exactly the one configured at ${provider} ` +
        `(scheme, host, path and query; behind a proxy, the public one), that the fields are the body's as received, and that the ${secretName} is the account's`,
    );
  }
  if (bodyHash !== null) {
    const actual = createHash('sha256').update(bodyBytes(request.body!)).digest('hex');
    if (!sameInConstantTime(bodyHash, actual)) {
      throw new WebhookVerificationError(provider, 'bad-signature', 'the body does not match the bodySHA256 its signed URL carries; pass the body exactly as received');
    }
  }
}
