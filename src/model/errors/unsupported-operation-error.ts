import type { Provider } from '../provider.js';
import { CallbridgeError } from './callbridge-error.js';

/**
 * A create, update or delete asks for a field, a value or an operation the
 * provider does not offer (inline `twiml` on SignalWire, delete on Telnyx).
 * Thrown before any request; `field` names it as callbridge spells it.
 */
export class UnsupportedOperationError extends CallbridgeError {
  override name = 'UnsupportedOperationError';
  readonly provider: Provider;
  readonly field: string;

  constructor(provider: Provider, field: string, gap: string) {
    super(`${provider} cannot take ${field}: ${gap}`);
    this.provider = provider;
    this.field = field;
  }
}
