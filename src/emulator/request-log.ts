import type { IncomingHttpHeaders } from 'node:http';
import type { Provider } from '../model/provider.js';

/** One request as the emulator received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query string as sent. */
  url: string;
  /** The dialect the path belongs to, or null for a path neither has. */
  provider: Provider | null;
  /** Headers, names in lower case; an `authorization` value is replaced by its scheme and `[redacted]`. */
  headers: Record<string, string>;
  /** The Basic-auth username sent, or null when no credentials came. */
  username: string | null;
  /** Whether the credentials were the right ones for the account in the path. */
  authorized: boolean;
  /** Status code answered. */
  status: number;
}

/** The Basic-auth username and password of a request, or null. */
export function basicAuth(headers: IncomingHttpHeaders): { username: string; password: string } | null {
  const m = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (m === null) return null;
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? null : { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** Headers as recorded: flat strings, the credential itself never kept. */
export function recordedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = name === 'authorization' ? `${text.split(' ')[0]} [redacted]` : text;
  }
  return out;
}
