import { ConfigError } from '../../model/errors/config-error.js';
import { WebhookVerificationError } from '../../model/errors/webhook-verification-error.js';
import { isTwilioCallSid, isTwilioSid } from '../../model/sid.js';
import { formatRfc2822 } from '../../model/time.js';
import type { CallbackSpec } from '../common/webhook/callback-spec.js';
import type { FormFieldsInput } from '../common/webhook/form-fields.js';
import { headerValue } from '../common/webhook/headers.js';
import { type SignatureHash, type TwilioFamilyScheme, twilioFamilySignature, verifyTwilioFamily } from '../common/webhook/twilio-family.js';
import type { WebhookContext, WebhookRequest } from '../common/webhook/webhook-request.js';
import type { SigningSecret, WebhookScheme } from '../common/webhook/webhook-scheme.js';

// twilio-node's webhooks.ts: X-Twilio-Signature; repeated values sorted and deduplicated before signing.
const SCHEME: TwilioFamilyScheme = { provider: 'twilio', headers: ['X-Twilio-Signature'], repeated: 'sorted-unique', secretName: 'auth token' };

// Twilio's Call resource docs (statusCallback): the statuses its callbacks send.
const STATUSES = new Set(['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled']);

const CALLBACK: CallbackSpec = {
  provider: 'twilio',
  claimsSid: isTwilioCallSid,
  detect: (fields) => (typeof fields.AccountSid === 'string' && isTwilioSid(fields.AccountSid, 'AC') ? 2 : 0) + (fields.CallToken === undefined ? 0 : 1),
  statuses: STATUSES,
  formatTimestamp: formatRfc2822,
  sendsDirection: true,
  ownFields: () => ({ ApiVersion: '2010-04-01' }),
  // Twilio's status callbacks repeat To and From as Called and Caller.
  emulatedFields: (event) => ({ ...(event.to !== null && { Called: event.to.value }), ...(event.from !== null && { Caller: event.from.value }) }),
};

// Twilio's Webhook Rules (twilio-node 6.3, examples/WebhookSignatureValidation.md): a request a rule matches is
// signed with the rule's SharedKey secret instead, and carries `key=<SharedKey>,algorithm=HMAC_SHA256` in this
// header; only the hash changes. Without `algorithm=` the hash is SHA-1; an empty header means no rule (the auth token).
const SETTINGS = 'X-Twilio-Webhooks-Signature-Settings';
const HASHES: Readonly<Record<string, SignatureHash>> = { HMAC_SHA1: 'sha1', HMAC_SHA256: 'sha256' };
const AUTH_TOKEN = { name: 'auth token', env: 'TWILIO_AUTH_TOKEN' } as const;
const SHARED_KEY = { name: 'SharedKey secret', env: 'TWILIO_SHARED_KEY_SECRET' } as const;

/** The hash a Webhook Rule's signature is made with, by the request's settings header; null when no rule signed it. */
function ruleHash(request: WebhookRequest): SignatureHash | null {
  const settings = headerValue(request.headers, SETTINGS)?.trim();
  if (settings === undefined || settings === '') return null;
  // The first non-empty `algorithm=` counts, as twilio-node reads it.
  let algorithm: string | undefined;
  for (const part of settings.split(',')) {
    const equals = part.indexOf('=');
    const value = part.slice(equals + 1).trim();
    if (equals !== -1 && part.slice(0, equals).trim() === 'algorithm' && value !== '') algorithm ??= value;
  }
  algorithm ??= 'HMAC_SHA1';
  const name = algorithm.toUpperCase();
  const hash = Object.hasOwn(HASHES, name) ? HASHES[name] : undefined;
  if (hash === undefined) {
    throw new WebhookVerificationError('twilio', 'malformed', `${SETTINGS} names the algorithm "${algorithm}"; callbridge checks ${Object.keys(HASHES).join(' and ')}`);
  }
  return hash;
}

/** Checks a Twilio request: with the auth token, or with the SharedKey secret when a Webhook Rule signed it. */
function verifyTwilio(request: WebhookRequest, authToken: string, context: WebhookContext): SigningSecret {
  const hash = ruleHash(request);
  if (hash === null) {
    if (authToken === '') {
      throw new ConfigError(`this request was signed with the account's auth token (it carries no ${SETTINGS}): pass it as secret (the CLI reads ${AUTH_TOKEN.env})`);
    }
    verifyTwilioFamily(SCHEME, request, authToken);
    return 'secret';
  }
  const secret = context.sharedKeySecret;
  if (secret === undefined) {
    throw new ConfigError(
      `this request was signed by a Twilio Webhook Rule (it carries ${SETTINGS}), with the rule's SharedKey, not the auth token: ` +
        `pass the SharedKey's secret as sharedKeySecret (the CLI reads ${SHARED_KEY.env})`,
    );
  }
  verifyTwilioFamily(SCHEME, request, secret, { secretName: SHARED_KEY.name, hash });
  return 'sharedKey';
}

/**
 * Twilio's webhooks: `X-Twilio-Signature`, HMAC-SHA1 keyed by the account's
 * auth token, or, for a request a Webhook Rule signed, HMAC-SHA1 or -SHA256
 * keyed by the rule's SharedKey secret.
 */
export const TWILIO_WEBHOOK: WebhookScheme<Record<string, never>> = {
  provider: 'twilio',
  secret: AUTH_TOKEN,
  sharedKey: SHARED_KEY,
  signatureHeaders: SCHEME.headers,
  verify: verifyTwilio,
  // Twilio signs with the account's auth token, which its users already hold.
  emulatedSigner: (authToken) => ({ verifyWith: authToken, shown: {}, sign: (url, _body, fields) => signTwilio(authToken, url, fields) }),
  callback: CALLBACK,
};

/**
 * The headers Twilio sends with a form posted to `url`: its `X-Twilio-Signature`
 * over the URL and the fields, keyed by the auth token.
 */
export function signTwilio(authToken: string, url: string, fields: FormFieldsInput): { 'X-Twilio-Signature': string } {
  return { 'X-Twilio-Signature': twilioFamilySignature(SCHEME, authToken, url, fields) };
}
