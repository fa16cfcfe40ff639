import { ProviderError, type ProviderErrorDetails } from './provider-error.js';

/**
 * The call (or the account) does not exist at the provider (404). When the
 * answer carried no provider error code, the server may not be the provider's
 * API at all, and the message says to check the base URL instead of the sid.
 */
export class NotFoundError extends ProviderError {
  override name = 'NotFoundError';

  constructor(details: ProviderErrorDetails, fromProvider = true) {
    super(
      details,
      fromProvider
        ? 'Check the sid and that it belongs to the configured account.'
        : `The answer is not a ${details.provider} error: check that the base URL (CALLBRIDGE_BASE_URL, --base-url) points at the ${details.provider} API.`,
    );
  }
}
