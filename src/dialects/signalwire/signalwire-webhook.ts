import { isUuidShaped } from '../../model/sid.js';
import { formatRfc2822 } from '../../model/time.js';
import type { CallbackSpec } from '../common/webhook/callback-spec.js';
import type { FormFieldsInput } from '../common/webhook/form-fields.js';
import { type TwilioFamilyScheme, twilioFamilySignature, verifyTwilioFamily } from '../common/webhook/twilio-family.js';
import type { WebhookScheme } from '../common/webhook/webhook-scheme.js';

// Twilio's algorithm keyed by the project's Signing Key (developer.signalwire.com/guides/webhook-security); the
// compatibility SDK reads X-SignalWire-Signature, else X-Twilio-Signature, and signs repeated values as sent.
const SCHEME: TwilioFamilyScheme = {
  provider: 'signalwire',
  headers: ['X-SignalWire-Signature', 'X-Twilio-Signature'],
  repeated: 'as-sent',
  secretName: 'Signing Key',
};

// signalwire/docs specs/compatibility-api/calls/models/webhooks.tsp, VoiceStatusCallbackPayload: CallStatus.
const STATUSES = new Set(['initiated', 'ringing', 'in-progress', 'queued', 'failed', 'busy', 'no-answer', 'completed', 'canceled']);

// Fields only SignalWire's callbacks carry (its audio figures and SIP result).
const CLUES = ['AudioInMos', 'SipResultCode', 'AudioInMediaPacketCount', 'AudioOutMediaPacketCount', 'SipInviteResultPhrase'];

const CALLBACK: CallbackSpec = {
  provider: 'signalwire',
  claimsSid: isUuidShaped,
  detect: (fields) => (typeof fields.AccountSid === 'string' && isUuidShaped(fields.AccountSid) ? 1 : 0) + CLUES.filter((name) => fields[name] !== undefined).length,
  statuses: STATUSES,
  formatTimestamp: formatRfc2822,
  sendsDirection: true,
  ownFields: () => ({ ApiVersion: '2010-04-01' }),
};

/** SignalWire's compatibility webhooks: `X-SignalWire-Signature`, Twilio's HMAC-SHA1 keyed by the project's Signing Key. */
export const SIGNALWIRE_WEBHOOK: WebhookScheme = {
  provider: 'signalwire',
  secret: { name: 'Signing Key', env: 'SIGNALWIRE_SIGNING_KEY' },
  signatureHeaders: SCHEME.headers,
  verify: (request, secret) => verifyTwilioFamily(SCHEME, request, secret),
  callback: CALLBACK,
};

/** The headers SignalWire sends with a form posted to `url`: its `X-SignalWire-Signature`, keyed by the Signing Key. */
export function signSignalWire(signingKey: string, url: string, fields: FormFieldsInput): { 'X-SignalWire-Signature': string } {
  return { 'X-SignalWire-Signature': twilioFamilySignature(SCHEME, signingKey, url, fields) };
}
