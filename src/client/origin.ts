import { ConfigError } from './errors/config-error.js';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** True for a host on this machine's loopback: `localhost`, 127.0.0.0/8, `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** True for a plain DNS label (`example`, `us1`): letters, digits and inner dashes. */
export function isHostLabel(text: string): boolean {
  return LABEL.test(text);
}

/**
 * The text with any `user:password@` part replaced, for echoing a setting the
 * user got wrong: a URL that failed to parse may still carry a token.
 */
function withoutUserinfo(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1[redacted]@');
}

/**
 * Checks a base URL and returns its origin. Only https is allowed, except on
 * loopback where http serves local emulators; credentials, paths and queries
 * in the URL are refused rather than silently dropped.
 */
export function checkedOrigin(url: string, setting: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`${setting} "${withoutUserinfo(url)}" is not a URL; give one like https://api.twilio.com or http://127.0.0.1:8080`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new ConfigError(`${setting} must not carry credentials; set them as options or environment variables`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname))) {
    throw new ConfigError(`${setting} "${parsed.origin}" must use https (plain http is allowed only on loopback, such as 127.0.0.1)`);
  }
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search !== '' || parsed.hash !== '') {
    // Only origin and path are echoed: a query or fragment could hold a token.
    throw new ConfigError(`${setting} "${parsed.origin}${parsed.pathname}" must be an origin only (scheme, host, port), without a path, query or fragment`);
  }
  return parsed.origin;
}

/** Twilio's API origin for an optional edge and region, as twilio-node builds it. */
export function twilioOrigin(edge: string | undefined, region: string | undefined): string {
  for (const [name, value] of [['edge', edge], ['region', region]] as const) {
    if (value !== undefined && !isHostLabel(value)) throw new ConfigError(`Twilio ${name} "${value}" is not a plain host label like "ashburn" or "us1"`);
  }
  if (edge === undefined && region === undefined) return 'https://api.twilio.com';
  return `https://api.${edge === undefined ? '' : `${edge}.`}${region ?? 'us1'}.twilio.com`;
}

/**
 * A SignalWire space's origin from its name (`example`), host
 * (`example.signalwire.com`) or URL (`https://example.signalwire.com`).
 */
export function signalWireOrigin(space: string): string {
  const text = space.trim();
  if (text.includes('://')) return checkedOrigin(text, 'SignalWire space URL');
  const labels = text.split('.');
  if (!labels.every(isHostLabel)) {
    throw new ConfigError(`SignalWire space "${withoutUserinfo(space)}" is not a space name (like "example") or host (like "example.signalwire.com")`);
  }
  return labels.length === 1 ? `https://${text}.signalwire.com` : `https://${text}`;
}
