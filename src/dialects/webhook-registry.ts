import type { CallEvent } from '../model/call-event.js';
import { ConfigError } from '../model/errors/config-error.js';
import { MalformedRecordError } from '../model/errors/malformed-record-error.js';
import { PROVIDERS, type Provider, isProvider } from '../model/provider.js';
import { type FormFields, type FormFieldsInput, parseForm } from './common/webhook/form-fields.js';
import { headerValue } from './common/webhook/headers.js';
import { readCallback } from './common/webhook/read-callback.js';
import { writeCallback } from './common/webhook/write-callback.js';
import { type WebhookRequest, bodyText, copyFields, requestFields } from './common/webhook/webhook-request.js';
import type { SigningSecret, WebhookScheme } from './common/webhook/webhook-scheme.js';
import type { WebhookSigner } from './common/webhook/webhook-signer.js';
import { DIALECTS, type WebhookKeysOf } from './registry.js';

/** Every provider's webhook scheme, by provider: each dialect's own (see the registry). */
export const WEBHOOK_SCHEMES = Object.fromEntries(PROVIDERS.map((p) => [p, DIALECTS[p].webhook])) as Readonly<Record<Provider, WebhookScheme>>;

const ALL = Object.values(WEBHOOK_SCHEMES);

/**
 * The signer of an emulated account of `provider`: keyed by the account's
 * credential when the provider signs with one, else by a key made from
 * `secret` (see WebhookScheme.emulatedSigner).
 */
export function emulatedWebhookSigner<P extends Provider>(provider: P, secret: string): WebhookSigner<WebhookKeysOf<P>> {
  return (DIALECTS[provider].webhook as WebhookScheme<WebhookKeysOf<P>>).emulatedSigner(secret);
}

/**
 * A call's progress as the form fields of its provider's status callback, as
 * the emulator posts them: {@link statusCallbackFields} plus the fields the
 * provider sends beyond the event (the event's own `extra` wins).
 */
export function emulatedCallbackFields(event: CallEvent): FormFields {
  const { callback } = schemeOf(event.provider);
  return writeCallback({ ...event, extra: { ...callback.emulatedFields(event), ...event.extra } }, callback);
}

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** Whose scheme to check the request against. */
  provider: Provider;
  /**
   * The provider's secret: Twilio's auth token (of the account that owns the
   * number or application), SignalWire's project Signing Key (not the API
   * token), Telnyx's public key (base64, as Mission Control shows it).
   */
  secret: string;
  /**
   * Twilio: the secret of the SharedKey a Webhook Rule signs with. A request
   * carrying `X-Twilio-Webhooks-Signature-Settings` was signed with it, not
   * with the auth token, by the HMAC the header names (HMAC_SHA1 or HMAC_SHA256).
   * With it, `secret` may be empty; a request signed with the auth token is then a ConfigError.
   */
  sharedKeySecret?: string;
  /** Telnyx: seconds the signed timestamp may be away from now, either way (default 300, as telnyx-node). */
  toleranceSeconds?: number;
  /** Telnyx: the clock, in epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

/** A request proven to come from the provider. */
export interface VerifiedWebhook {
  provider: Provider;
  /** The secret it was signed with: the provider's `secret`, or `sharedKey` (the `sharedKeySecret` of a Twilio Webhook Rule). */
  signedWith: SigningSecret;
  /**
   * The fields it carries: the form body's, or those given as `params`; with
   * an empty body, the URL query's (GET callbacks); none for a JSON body.
   */
  fields: FormFields;
}

/**
 * Checks that a webhook request comes from the provider, by the provider's own
 * signature scheme, comparing in constant time:
 *
 * - Twilio: `X-Twilio-Signature`, base64 HMAC-SHA1 keyed by the auth token of
 *   the URL followed by the sorted form fields; the URL is tried with and
 *   without its port (as twilio-node does); a JSON body is checked against the
 *   `bodySHA256` its signed URL carries. A request a Webhook Rule signed
 *   (`X-Twilio-Webhooks-Signature-Settings`) is checked with `sharedKeySecret`
 *   and the HMAC-SHA1 or HMAC-SHA256 the header names.
 * - SignalWire: the same algorithm in `X-SignalWire-Signature` (or
 *   `X-Twilio-Signature`), keyed by the project's Signing Key.
 * - Telnyx: `telnyx-signature-ed25519`, Ed25519 over
 *   `${telnyx-timestamp}|${raw body}`, verified with the account's public key;
 *   the timestamp must be within `toleranceSeconds` of `now()`.
 *
 * Returns the request's fields; throws {@link WebhookVerificationError}
 * (`reason`: `missing-header`, `bad-signature`, `stale-timestamp`,
 * `malformed`) when the request is not proven authentic, and
 * {@link ConfigError} when the secret is empty or not of the provider's form,
 * or when the secret a Twilio request was signed with (the auth token, or a
 * Webhook Rule's `sharedKeySecret`) is not given.
 */
export function verifyWebhook(request: WebhookRequest, options: VerifyWebhookOptions): VerifiedWebhook {
  const scheme = schemeOf(options.provider);
  // Decided once here: a blank secret is no secret, for the schemes as for this check.
  const secret = isGiven(options.secret) ? options.secret : '';
  const sharedKeySecret = scheme.sharedKey !== undefined && isGiven(options.sharedKeySecret) ? options.sharedKeySecret : undefined;
  // With a shared key given, the secret may be left empty: the scheme asks for it only for a request not signed with the key.
  if (secret === '' && sharedKeySecret === undefined) {
    throw new ConfigError(`verifyWebhook needs the ${scheme.secret.name} of the ${scheme.provider} account as secret (${scheme.secret.env})`);
  }
  const signedWith = scheme.verify(request, secret, {
    toleranceSeconds: options.toleranceSeconds,
    now: options.now ?? Date.now,
    sharedKeySecret,
  });
  return { provider: scheme.provider, signedWith, fields: requestFields(request) };
}

const isGiven = (secret: unknown): secret is string => typeof secret === 'string' && secret.trim() !== '';

function schemeOf(provider: unknown): WebhookScheme {
  if (isProvider(provider)) return WEBHOOK_SCHEMES[provider];
  throw new ConfigError(`provider must be one of ${PROVIDERS.join(', ')}, not ${JSON.stringify(provider)}`);
}

/**
 * The provider that signed a request, by the signature headers it carries
 * (`X-SignalWire-Signature`, `telnyx-signature-ed25519`, `X-Twilio-Signature`),
 * or null when they do not say. SignalWire may send Twilio's header beside its
 * own: a provider whose headers cover every header present wins.
 */
export function signedBy(headers: WebhookRequest['headers']): Provider | null {
  const own = (scheme: WebhookScheme) => scheme.signatureHeaders[0]!.toLowerCase();
  const present = ALL.filter((scheme) => headerValue(headers, own(scheme)) !== undefined);
  const covering = present.filter((scheme) => present.every((other) => scheme.signatureHeaders.some((name) => name.toLowerCase() === own(other))));
  return covering.length === 1 ? covering[0]!.provider : null;
}

/** Tells which provider sent a status callback, from its `CallSid`'s shape, else its fields; null when they do not say. */
export function detectCallbackProvider(fields: FormFields): Provider | null {
  const sid = fields.CallSid;
  if (typeof sid === 'string') for (const scheme of ALL) if (scheme.callback.claimsSid(sid)) return scheme.provider;
  let best: Provider | null = null;
  let bestScore = 0;
  let tie = false;
  for (const scheme of ALL) {
    const score = scheme.callback.detect(fields);
    if (score > bestScore) [best, bestScore, tie] = [scheme.provider, score, false];
    else if (score === bestScore && score > 0) tie = true;
  }
  return tie ? null : best;
}

/** Options of {@link parseStatusCallback}. */
export interface ParseCallbackOptions {
  /** Read the callback as this provider's instead of detecting it (pass `verifyWebhook`'s `provider`). */
  provider?: Provider;
}

/**
 * Reads a status callback of any provider into one canonical {@link CallEvent}:
 * `fields` are the form fields (as `verifyWebhook` returns them, or a
 * framework parsed them) or the raw form body. The provider is detected from
 * the `CallSid`'s shape and the fields unless given. Throws
 * {@link MalformedRecordError} naming the field that is missing or cannot be read.
 */
export function parseStatusCallback(fields: FormFieldsInput | string | Uint8Array, options?: ParseCallbackOptions): CallEvent {
  const form = typeof fields === 'string' || fields instanceof Uint8Array ? parseForm(bodyText(fields)) : copyFields(fields);
  const provider = options?.provider === undefined ? detectCallbackProvider(form) : schemeOf(options.provider).provider;
  if (provider === null) {
    throw new MalformedRecordError(
      'status callback',
      '(provider)',
      `does not look like a status callback of ${PROVIDERS.join(', ')}; pass { provider } to read it anyway`,
      form,
    );
  }
  return readCallback(form, WEBHOOK_SCHEMES[provider].callback);
}

/**
 * Writes a {@link CallEvent} as the form fields of its provider's status
 * callback, with the provider's field names and value forms (RFC 2822 or ISO
 * timestamps, `initiated` for a queued call, …); what the emulator posts, and
 * what a test of a callback handler can sign and send. Reads back with
 * {@link parseStatusCallback} to the same event.
 */
export function statusCallbackFields(event: CallEvent): FormFields {
  return writeCallback(event, schemeOf(event.provider).callback);
}
