import type { FormFields } from './form-fields.js';

/**
 * Signs requests as a provider does, for an emulated account: what the
 * emulator's status callbacks carry, and what their receivers verify with.
 * `K` is what the account shows its users beside its credentials
 * (SignalWire `{ signingKey }`, Telnyx `{ publicKey }`).
 */
export interface WebhookSigner<K extends object = object> {
  /** What a receiver passes to `verifyWebhook` as `secret` (auth token, Signing Key, public key). */
  readonly verifyWith: string;
  /** The key users are given beside the account's credentials; empty when a credential they already hold is the key (Twilio's auth token). */
  readonly shown: K;
  /**
   * The headers that sign a request to `url` with `body`, whose form `fields`
   * the body carries (none for a GET, whose fields are in the URL), sent at
   * `sentAt` (epoch ms).
   */
  sign(url: string, body: string, fields: FormFields, sentAt: number): Record<string, string>;
}
