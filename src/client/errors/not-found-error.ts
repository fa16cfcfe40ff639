import { ProviderError, type ProviderErrorDetails } from './provider-error.js';

/** The call (or the account) does not exist at the provider (404). */
export class NotFoundError extends ProviderError {
  override name = 'NotFoundError';

  constructor(details: ProviderErrorDetails) {
    super(details, 'Check the sid and that it belongs to the configured account.');
  }
}
