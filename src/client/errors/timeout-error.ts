import { CallbridgeError } from '../../model/errors/callbridge-error.js';

/** A request got no complete answer within the configured timeout. Timeouts are not retried. */
export class TimeoutError extends CallbridgeError {
  override name = 'TimeoutError';
  readonly url: string;
  readonly timeout: number;

  constructor(url: string, timeout: number) {
    super(`GET ${url} got no answer within ${timeout} ms; raise the \`timeout\` option if the provider is slow.`);
    this.url = url;
    this.timeout = timeout;
  }
}
