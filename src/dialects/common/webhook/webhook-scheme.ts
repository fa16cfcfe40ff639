import type { Provider } from '../../../model/provider.js';
import type { CallbackSpec } from './callback-spec.js';
import type { WebhookContext, WebhookRequest } from './webhook-request.js';
import type { WebhookSigner } from './webhook-signer.js';

/** Which of a provider's secrets signed a request: its `secret`, or a shared key (see WebhookScheme.sharedKey). */
export type SigningSecret = 'secret' | 'sharedKey';

/**
 * How a provider signs its webhooks and writes its status callbacks: the
 * webhook part of its definition. `K` is the key an emulated account shows
 * its users for them (see {@link WebhookSigner}).
 */
// `any` by default so that a list of schemes can hold each with its own key type.
export interface WebhookScheme<K extends object = any> {
  readonly provider: Provider;
  /** The secret verification takes: what the provider calls it, and the environment variable callbridge's CLI reads it from. */
  readonly secret: { readonly name: string; readonly env: string };
  /**
   * A second secret some of its requests are signed with instead, when the
   * request says so (Twilio's Webhook Rules sign with a SharedKey): what it is
   * called, and the environment variable the CLI reads it from.
   */
  readonly sharedKey?: { readonly name: string; readonly env: string };
  /** Headers that carry its signature; the first is its own, and its presence says the provider signed the request. */
  readonly signatureHeaders: readonly string[];
  /**
   * Checks a request and says which secret it was signed with (`secret` is
   * empty when not given, which only a scheme with a shared key sees); throws
   * WebhookVerificationError saying why it is not authentic, ConfigError for
   * an unusable or missing secret.
   */
  verify(request: WebhookRequest, secret: string, context: WebhookContext): SigningSecret;
  /**
   * The signer of an emulated account: keyed by `secret`, the account's
   * credential when the provider signs with one (Twilio's auth token), else
   * 32 hex digits the emulator draws from its seed, from which the provider's
   * own key is made (SignalWire's Signing Key, Telnyx's Ed25519 key pair).
   */
  emulatedSigner(secret: string): WebhookSigner<K>;
  /** Its status callbacks' vocabulary and shape. */
  readonly callback: CallbackSpec;
}
