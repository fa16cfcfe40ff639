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

// A plausible SIP result of the INVITE for each status the emulator reports (SignalWire documents the field, not a table).
const SIP_RESULTS: Readonly<Record<string, string>> = {
  ringing: '180', 'in-progress': '200', completed: '200', busy: '486', 'no-answer': '480', canceled: '487', failed: '404',
};

const CALLBACK: CallbackSpec = {
  provider: 'signalwire',
  claimsSid: isUuidShaped,
  detect: (fields) => (typeof fields.AccountSid === 'string' && isUuidShaped(fields.AccountSid) ? 1 : 0) + CLUES.filter((name) => fields[name] !== undefined).length,
  statuses: STATUSES,
  formatTimestamp: formatRfc2822,
  sendsDirection: true,
  ownFields: () => ({ ApiVersion: '2010-04-01' }),
  emulatedFields: (event): Record<string, string> => {
    const code = Object.hasOwn(SIP_RESULTS, event.status) ? SIP_RESULTS[event.status] : undefined;
    return code === undefined ? {} : { SipResultCode: code };
  },
};

/** SignalWire's compatibility webhooks: `X-SignalWire-Signature`, Twilio's HMAC-SHA1 keyed by the project's Signing Key. */
export const SIGNALWIRE_WEBHOOK: WebhookScheme<{ signingKey: string }> = {
  provider: 'signalwire',
  secret: { name: 'Signing Key', env: 'SIGNALWIRE_SIGNING_KEY' },
  signatureHeaders: SCHEME.headers,
  verify: (request, secret) => {
    verifyTwilioFamily(SCHEME, request, secret);
    return 'secret';
  },
  emulatedSigner(secret) {
    // SignalWire's Signing Keys read PSK_…; the key is the project's own, apart from its API token.
    const signingKey = `PSK_${secret}`;
    return { verifyWith: signingKey, shown: { signingKey }, sign: (url, _body, fields) => signSignalWire(signingKey, url, fields) };
  },
  callback: CALLBACK,
};

/** The headers SignalWire sends with a form posted to `url`: its `X-SignalWire-Signature`, keyed by the Signing Key. */
export function signSignalWire(signingKey: string, url: string, fields: FormFieldsInput): { 'X-SignalWire-Signature': string } {
  return { 'X-SignalWire-Signature': twilioFamilySignature(SCHEME, signingKey, url, fields) };
}
