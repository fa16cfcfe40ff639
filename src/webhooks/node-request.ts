import type { IncomingMessage } from 'node:http';
import type { FormFieldsInput } from '../dialects/common/webhook/form-fields.js';
import { type VerifiedWebhook, type VerifyWebhookOptions, verifyWebhook } from '../dialects/webhook-registry.js';
import { WebhookVerificationError } from '../model/errors/webhook-verification-error.js';

/** Options of {@link verifyNodeRequest}: {@link VerifyWebhookOptions} and where the provider called. */
export interface NodeRequestOptions extends VerifyWebhookOptions {
  /** The full URL the provider called; overrides `origin`. */
  url?: string;
  /**
   * The public origin (`https://example.com`) the provider called, when the
   * server sits behind a proxy or TLS terminator; `req.url` gives the path and query.
   * Default: `https` on a TLS socket, else `http`, and the `Host` header.
   */
  origin?: string;
}

/** The URL a Node request was sent to, as the provider saw it. */
function urlOf(req: IncomingMessage, options: NodeRequestOptions): string {
  if (options.url !== undefined) return options.url;
  const origin = options.origin ?? `${(req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${req.headers.host ?? ''}`;
  return `${origin.replace(/\/+$/, '')}${req.url ?? '/'}`;
}

/**
 * {@link verifyWebhook} for a Node `IncomingMessage` (`node:http`, Express,
 * Fastify's `request.raw`, …). `body` is the raw body as received (read it
 * with {@link readRawBody}, or your framework's raw-body option), or, for
 * Twilio and SignalWire only, the form fields a body parser made of it.
 */
export function verifyNodeRequest(req: IncomingMessage, body: string | Uint8Array | FormFieldsInput, options: NodeRequestOptions): VerifiedWebhook {
  const url = urlOf(req, options);
  if (typeof body === 'string' || body instanceof Uint8Array) return verifyWebhook({ url, headers: req.headers, body }, options);
  return verifyWebhook({ url, headers: req.headers, params: body }, options);
}

/** Reads a Node request's whole body as received; refuses one larger than `limitBytes` (default 1 MiB) with a `malformed` WebhookVerificationError. */
export async function readRawBody(req: IncomingMessage, limitBytes = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > limitBytes) throw new WebhookVerificationError('webhook', 'malformed', `the body is larger than ${limitBytes} bytes; no provider's callback is`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
