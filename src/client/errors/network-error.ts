import { CallbridgeError } from '../../model/errors/callbridge-error.js';

/** The connection failed (refused, reset, DNS) on every attempt. `reason` is the system's error text. */
export class NetworkError extends CallbridgeError {
  override name = 'NetworkError';
  readonly url: string;
  readonly attempts: number;
  readonly reason: string;

  constructor(url: string, attempts: number, reason: string, method = 'GET') {
    super(`${method} ${url} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`);
    this.url = url;
    this.attempts = attempts;
    this.reason = reason;
  }
}
