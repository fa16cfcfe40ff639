import type { Provider } from '../../../model/provider.js';
import type { CallbackSpec } from './callback-spec.js';
import type { WebhookClock, WebhookRequest } from './webhook-request.js';

/** How a provider signs its webhooks and writes its status callbacks: the webhook part of its definition. */
export interface WebhookScheme {
  readonly provider: Provider;
  /** The secret verification takes: what the provider calls it, and the environment variable callbridge's CLI reads it from. */
  readonly secret: { readonly name: string; readonly env: string };
  /** Headers that carry its signature; the first is its own, and its presence says the provider signed the request. */
  readonly signatureHeaders: readonly string[];
  /** Checks a request; throws WebhookVerificationError saying why it is not authentic, ConfigError for an unusable secret. */
  verify(request: WebhookRequest, secret: string, clock: WebhookClock): void;
  /** Its status callbacks' vocabulary and shape. */
  readonly callback: CallbackSpec;
}
