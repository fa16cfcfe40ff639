import { CallbridgeError } from './callbridge-error.js';

/**
 * Why a webhook request was refused:
 * - `missing-header`: the signature header (or Telnyx's timestamp header) is absent;
 * - `bad-signature`: the signature does not match the URL, body and secret (or the body does not match its `bodySHA256`);
 * - `stale-timestamp`: Telnyx's timestamp is further from now than the tolerance;
 * - `malformed`: the request cannot be checked as given (a URL that is not absolute, a signature that is not base64, parsed fields where the raw body is signed).
 */
export type WebhookRefusal = 'missing-header' | 'bad-signature' | 'stale-timestamp' | 'malformed';

/**
 * A webhook request is not proven to come from the provider: do not act on it.
 * `reason` says why, `provider` which scheme was checked. The message says what
 * to check; it never contains the secret.
 */
export class WebhookVerificationError extends CallbridgeError {
  override name = 'WebhookVerificationError';
  readonly reason: WebhookRefusal;
  readonly provider: string;

  constructor(provider: string, reason: WebhookRefusal, message: string) {
    super(`${provider} webhook refused (${reason}): ${message}`);
    this.provider = provider;
    this.reason = reason;
  }
}
