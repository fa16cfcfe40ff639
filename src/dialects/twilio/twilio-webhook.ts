import { isTwilioCallSid, isTwilioSid } from '../../model/sid.js';
import { formatRfc2822 } from '../../model/time.js';
import type { CallbackSpec } from '../common/webhook/callback-spec.js';
import type { FormFieldsInput } from '../common/webhook/form-fields.js';
import { type TwilioFamilyScheme, twilioFamilySignature, verifyTwilioFamily } from '../common/webhook/twilio-family.js';
import type { WebhookScheme } from '../common/webhook/webhook-scheme.js';

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

/** Twilio's webhooks: `X-Twilio-Signature`, HMAC-SHA1 keyed by the account's auth token. */
export const TWILIO_WEBHOOK: WebhookScheme<Record<string, never>> = {
  provider: 'twilio',
  secret: { name: 'auth token', env: 'TWILIO_AUTH_TOKEN' },
  signatureHeaders: SCHEME.headers,
  verify: (request, secret) => verifyTwilioFamily(SCHEME, request, secret),
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
