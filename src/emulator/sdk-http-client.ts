/** The one method the official SDKs (twilio-node, @signalwire/compatibility-api) call on their HTTP client. */
interface UriClient {
  request(options: { uri: string }): unknown;
}

/**
 * Wraps an official SDK's HTTP client (`new twilio.RequestClient()`,
 * `new RestClient.RequestClient()`) so that requests to `from` (the SDK's own
 * base URL: `https://api.twilio.com`, `https://{space}`) go to `to` (the
 * emulator's `url`) instead. Nothing else changes: the SDK builds its paths,
 * query strings and auth as it would against the real service, and a link to
 * any other host is left alone (so a test can see whether credentials follow it).
 *
 * Pass the result as the SDK's `httpClient` option.
 */
export function redirectHttpClient<T extends object>(client: T, from: string, to: string): T {
  const source = new URL(from).origin;
  const target = new URL(to).origin;
  const inner = (client as unknown as UriClient).request.bind(client);
  const redirected = Object.create(client) as T & UriClient;
  redirected.request = (options) => {
    const url = new URL(options.uri);
    return inner(url.origin === source ? { ...options, uri: target + url.pathname + url.search } : options);
  };
  return redirected;
}
