import { RefusedLinkError } from './errors/refused-link-error.js';

/**
 * Resolves a provider's next-page link against the configured origin, and
 * refuses it unless it stays on that origin and under one of the account's
 * paths: the link will receive the credentials.
 */
export function resolveNextPage(link: string, origin: string, accountPaths: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(link, origin);
  } catch {
    throw new RefusedLinkError(link, 'it is not a URL');
  }
  if (url.origin !== origin) throw new RefusedLinkError(link, `it leaves the configured origin ${origin}`);
  if (url.username !== '' || url.password !== '') throw new RefusedLinkError(link, 'it carries credentials of its own');
  // Normalized by URL, so `/../` (and `%2e%2e`, `\..`) cannot climb out of the account.
  if (!accountPaths.some((prefix) => url.pathname.startsWith(`${prefix}/`))) {
    throw new RefusedLinkError(link, "it points outside the account's path");
  }
  // URL keeps `%2F` and `%5C` as they are, but a server or proxy that decodes them
  // before routing would read `..%2F..%2F` as a climb out; providers never write them.
  if (/%2f|%5c/i.test(url.pathname)) throw new RefusedLinkError(link, 'its path holds an encoded slash or backslash');
  return url;
}
