import { type VerifiedWebhook, type VerifyWebhookOptions, verifyWebhook } from '../dialects/webhook-registry.js';

/** Options of {@link verifyFetchRequest}: {@link VerifyWebhookOptions} and, behind a proxy, the URL the provider called. */
export interface FetchRequestOptions extends VerifyWebhookOptions {
  /** The full URL the provider called, when `request.url` is not it (a proxy rewrote the scheme or host). */
  url?: string;
}

/**
 * {@link verifyWebhook} for a Fetch API `Request` (Node 18+, Deno, Bun, edge
 * runtimes, Next.js route handlers). Reads a clone of the body, so the request's
 * own body can still be read afterwards.
 */
export async function verifyFetchRequest(request: Request, options: FetchRequestOptions): Promise<VerifiedWebhook> {
  const body = new Uint8Array(await request.clone().arrayBuffer());
  return verifyWebhook({ url: options.url ?? request.url, headers: request.headers, body }, options);
}
