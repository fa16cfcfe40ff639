import { CallbridgeError } from '../../model/errors/callbridge-error.js';

/** A response body could not be read as the JSON the dialect documents (HTML, truncated, too large). */
export class MalformedResponseError extends CallbridgeError {
  override name = 'MalformedResponseError';
  readonly url: string;
  readonly attempts: number;

  constructor(url: string, attempts: number, reason: string) {
    super(`GET ${url}: ${reason}${attempts > 1 ? ` (${attempts} attempts)` : ''}`);
    this.url = url;
    this.attempts = attempts;
  }
}
