import { CallbridgeError } from '../../model/errors/callbridge-error.js';
import type { Provider } from '../../model/provider.js';

/** What a provider's error response said, as sent. */
export interface ProviderErrorDetails {
  provider: Provider;
  /** HTTP status. */
  status: number;
  /** The provider's error code (Twilio's 20404, …), when it sent one. */
  code: number | null;
  /** The provider's own message, when it sent one. */
  providerMessage: string | null;
  /** The provider's link to the error's documentation, when it sent one. */
  moreInfo: string | null;
  /** The URL requested (never with credentials). */
  url: string;
  /** How many attempts were made before giving up. */
  attempts: number;
  /** The HTTP method, when not GET. */
  method?: string;
}

/**
 * The provider answered with an error status. Subclasses name the common cases
 * ({@link AuthenticationError}, {@link NotFoundError}, {@link RateLimitedError}).
 */
export class ProviderError extends CallbridgeError {
  override name = 'ProviderError';
  readonly provider: Provider;
  readonly status: number;
  readonly code: number | null;
  readonly providerMessage: string | null;
  readonly moreInfo: string | null;
  readonly url: string;
  readonly attempts: number;

  constructor(details: ProviderErrorDetails, hint?: string) {
    const said = details.providerMessage === null ? '' : `: ${details.providerMessage}`;
    const code = details.code === null ? '' : ` (code ${details.code})`;
    const tries = details.attempts > 1 ? ` after ${details.attempts} attempts` : '';
    const more = details.moreInfo === null ? '' : ` See ${details.moreInfo}`;
    super(`${details.provider} answered ${details.status}${code}${said} for ${details.method ?? 'GET'} ${details.url}${tries}.${hint === undefined ? '' : ` ${hint}`}${more}`);
    this.provider = details.provider;
    this.status = details.status;
    this.code = details.code;
    this.providerMessage = details.providerMessage;
    this.moreInfo = details.moreInfo;
    this.url = details.url;
    this.attempts = details.attempts;
  }
}
