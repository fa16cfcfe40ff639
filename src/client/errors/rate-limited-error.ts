import { ProviderError, type ProviderErrorDetails } from './provider-error.js';

/** The provider kept answering 429 until the retries ran out. `retryAfter` is the last wait it asked for, in seconds. */
export class RateLimitedError extends ProviderError {
  override name = 'RateLimitedError';
  readonly retryAfter: number | null;

  constructor(details: ProviderErrorDetails, retryAfter: number | null) {
    super(details, retryAfter === null ? 'Slow down and try again.' : `It asked to wait ${retryAfter} s.`);
    this.retryAfter = retryAfter;
  }
}
