import { CallbridgeError } from './callbridge-error.js';

/** The configuration is missing, conflicting or invalid. The message lists what to set. */
export class ConfigError extends CallbridgeError {
  override name = 'ConfigError';
}
