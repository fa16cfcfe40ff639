/**
 * `callbridge/webhooks`: check the webhooks a provider sends (its signature,
 * in constant time) and read its status callbacks into one canonical event;
 * sign requests the way each provider does, for tests and emulators.
 */
export type { CallEvent } from '../model/call-event.js';
export { PROVIDERS, type Provider } from '../model/provider.js';
export { type WebhookRefusal, WebhookVerificationError } from '../model/errors/webhook-verification-error.js';
export { MalformedRecordError } from '../model/errors/malformed-record-error.js';
export { ConfigError } from '../model/errors/config-error.js';
export type { FormFields, FormFieldsInput } from '../dialects/common/webhook/form-fields.js';
export type { HeadersLike } from '../dialects/common/webhook/headers.js';
export type { WebhookRequest } from '../dialects/common/webhook/webhook-request.js';
export type { SigningSecret } from '../dialects/common/webhook/webhook-scheme.js';
export {
  type ParseCallbackOptions,
  type VerifiedWebhook,
  type VerifyWebhookOptions,
  parseStatusCallback,
  statusCallbackFields,
  verifyWebhook,
} from '../dialects/webhook-registry.js';
export { type NodeRequestOptions, readRawBody, verifyNodeRequest } from './node-request.js';
export { type FetchRequestOptions, verifyFetchRequest } from './fetch-request.js';
export { signTwilio } from '../dialects/twilio/twilio-webhook.js';
export { signSignalWire } from '../dialects/signalwire/signalwire-webhook.js';
export { signTelnyx, telnyxPublicKey } from '../dialects/telnyx/telnyx-webhook.js';
