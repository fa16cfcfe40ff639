import { withoutUserinfo } from '../dialects/common/host.js';
import { ConfigError } from '../model/errors/config-error.js';

/** True for a host on this machine's loopback: `localhost`, 127.0.0.0/8, `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
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
