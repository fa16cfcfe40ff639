import { ProviderError, type ProviderErrorDetails } from './provider-error.js';

/** The provider refused the credentials (401) or their rights (403). */
export class AuthenticationError extends ProviderError {
  override name = 'AuthenticationError';

  constructor(details: ProviderErrorDetails) {
    super(details, 'Check the account id and token (or API key and secret) in your configuration.');
  }
}
