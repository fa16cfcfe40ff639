import { CallbridgeError } from '../../model/errors/callbridge-error.js';

/**
 * A next-page link pointed somewhere the credentials must not go (another
 * host, another scheme or port, or outside the account's path), or back to the
 * page it came from (paging would never end). Nothing was sent to it.
 */
export class RefusedLinkError extends CallbridgeError {
  override name = 'RefusedLinkError';
  readonly link: string;

  constructor(link: string, reason: string) {
    super(`refused next-page link ${JSON.stringify(link)}: ${reason}; the credentials were not sent`);
    this.link = link;
  }
}
