import type { Provider } from '../provider.js';
import { CallbridgeError } from './callbridge-error.js';

/**
 * The query is valid, but the provider's dialect cannot express it and
 * callbridge cannot answer it exactly on the client side either.
 * Thrown before any request; `gap` says what the dialect lacks.
 */
export class UnsupportedQueryError extends CallbridgeError {
  override name = 'UnsupportedQueryError';
  readonly provider: Provider;
  readonly gap: string;

  constructor(provider: Provider, gap: string) {
    super(`${provider} cannot answer this query: ${gap}`);
    this.provider = provider;
    this.gap = gap;
  }
}
