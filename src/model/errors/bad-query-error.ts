import { CallbridgeError } from './callbridge-error.js';

/**
 * A query, option or argument was refused before any request was sent.
 * `field` names the offending input (for example `startedAt.from` or `pageSize`).
 */
export class BadQueryError extends CallbridgeError {
  override name = 'BadQueryError';
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}
