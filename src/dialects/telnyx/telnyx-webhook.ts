import { type KeyObject, createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { ConfigError } from '../../model/errors/config-error.js';
import { WebhookVerificationError } from '../../model/errors/webhook-verification-error.js';
import { formatIso } from '../../model/time.js';
import type { CallbackSpec } from '../common/webhook/callback-spec.js';
import { headerValue } from '../common/webhook/headers.js';
import { bodyBytes } from '../common/webhook/webhook-request.js';
import type { WebhookScheme } from '../common/webhook/webhook-scheme.js';

// developers.telnyx.com, api-reference/callbacks/texml-call-*: headers telnyx-signature-ed25519 (base64 Ed25519
// signature of `${timestamp}|${payload}`) and telnyx-timestamp (Unix seconds); telnyx-node lib/webhooks.ts
// verifies the same and refuses a timestamp more than 300 s from now.
const SIGNATURE = 'telnyx-signature-ed25519';
const TIMESTAMP = 'telnyx-timestamp';

/** The tolerance telnyx-node applies, in seconds. */
const TELNYX_TOLERANCE_SECONDS = 300;

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict padded base64 (what Telnyx sends), or null. */
function base64Bytes(text: string): Buffer | null {
  return text.length > 0 && STRICT_BASE64.test(text) ? Buffer.from(text, 'base64') : null;
}

/** The Ed25519 public key of a Telnyx account, from the base64 of its 32 raw bytes as Mission Control shows it. */
function publicKeyOf(base64: string): KeyObject {
  const raw = base64Bytes(base64.trim());
  if (raw === null || raw.length !== 32) {
    throw new ConfigError('the Telnyx public key must be the base64 of 32 bytes, as Mission Control shows it (Account Settings > Keys & Credentials > Public Key)');
  }
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

const refuse = (reason: ConstructorParameters<typeof WebhookVerificationError>[1], message: string) =>
  new WebhookVerificationError('telnyx', reason, message);

// Telnyx's hangup causes for the final statuses the emulator reports (the texml-call-completed page's HangupCause).
const HANGUP_CAUSES: Readonly<Record<string, string>> = {
  completed: 'normal_clearing', busy: 'user_busy', 'no-answer': 'timeout', canceled: 'originator_cancel', failed: 'unspecified',
};

// The DER of a PKCS #8 Ed25519 private key up to its 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const CALLBACK: CallbackSpec = {
  provider: 'telnyx',
  // Telnyx call sids are `v2:…`/`v3:…`, a shape no other provider's has.
  claimsSid: (sid) => /^v\d+:/.test(sid),
  detect: (fields) => ['CallSidLegacy', 'ConnectionId', 'CallInitiatedAt', 'HangupSource'].filter((name) => fields[name] !== undefined).length,
  // The texml-call-* callback pages: initiated, ringing, in-progress (answered), and the completed page's outcomes.
  statuses: new Set(['initiated', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'canceled', 'failed']),
  formatTimestamp: formatIso,
  sendsDirection: false,
  ownFields: (event) => ({ CallSidLegacy: event.sid }),
  emulatedFields: (event): Record<string, string> => {
    const cause = Object.hasOwn(HANGUP_CAUSES, event.status) ? HANGUP_CAUSES[event.status] : undefined;
    return cause === undefined ? {} : { HangupCause: cause };
  },
};

/** Telnyx's webhooks: Ed25519 over `${telnyx-timestamp}|${body}`, verified with the account's public key. */
export const TELNYX_WEBHOOK: WebhookScheme<{ publicKey: string }> = {
  provider: 'telnyx',
  secret: { name: 'public key', env: 'TELNYX_PUBLIC_KEY' },
  signatureHeaders: [SIGNATURE],
  verify(request, secret, context) {
    const key = publicKeyOf(secret);
    const signature = headerValue(request.headers, SIGNATURE);
    const timestamp = headerValue(request.headers, TIMESTAMP);
    if (signature === undefined) throw refuse('missing-header', `no ${SIGNATURE} header; the request was not signed by Telnyx`);
    if (timestamp === undefined) throw refuse('missing-header', `no ${TIMESTAMP} header; Telnyx signs the timestamp with the body`);
    if (!/^\d{1,15}$/.test(timestamp)) throw refuse('malformed', `${TIMESTAMP} "${timestamp}" is not Unix seconds`);
    const skew = Math.abs(Math.floor(context.now() / 1000) - Number(timestamp));
    const tolerance = context.toleranceSeconds ?? TELNYX_TOLERANCE_SECONDS;
    if (skew > tolerance) {
      throw refuse(
        'stale-timestamp',
        `${TIMESTAMP} is ${skew} s from now, more than the ${tolerance} s allowed; a replayed request, or a clock to set right`,
      );
    }
    const bytes = base64Bytes(signature);
    if (bytes === null || bytes.length !== 64) throw refuse('malformed', `${SIGNATURE} is not the base64 of a 64-byte Ed25519 signature`);
    if (request.body === undefined) {
      throw refuse('malformed', 'Telnyx signs the raw body: pass the body as received, not fields parsed from it');
    }
    const message = Buffer.concat([Buffer.from(`${timestamp}|`, 'utf8'), bodyBytes(request.body)]);
    if (!verify(null, message, key, bytes)) {
      throw refuse('bad-signature', 'the signature does not match the timestamp and the body; check that the body is exactly as received and that the public key is the account\'s');
    }
    return 'secret';
  },
  emulatedSigner(secret) {
    // An Ed25519 key pair from the secret; users verify with its public half, as Mission Control shows it.
    const seed = createHash('sha256').update(secret, 'utf8').digest();
    const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    const publicKey = telnyxPublicKey(privateKey);
    return { verifyWith: publicKey, shown: { publicKey }, sign: (_url, body, _fields, sentAt) => signTelnyx(privateKey, body, Math.floor(sentAt / 1000)) };
  },
  callback: CALLBACK,
};

/**
 * The headers Telnyx sends with `body`: its timestamp (Unix seconds, now by
 * default) and the Ed25519 signature of `${timestamp}|${body}` by the account's private key.
 */
export function signTelnyx(
  privateKey: KeyObject,
  body: string | Uint8Array,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): { 'telnyx-timestamp': string; 'telnyx-signature-ed25519': string } {
  const timestamp = String(timestampSeconds);
  const signature = sign(null, Buffer.concat([Buffer.from(`${timestamp}|`, 'utf8'), bodyBytes(body)]), privateKey);
  return { 'telnyx-timestamp': timestamp, 'telnyx-signature-ed25519': signature.toString('base64') };
}

/** An Ed25519 public key (or the public half of a private one) as Telnyx gives it to its users: the base64 of its 32 raw bytes. */
export function telnyxPublicKey(key: KeyObject): string {
  const jwk = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url').toString('base64');
}
