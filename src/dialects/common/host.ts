const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** True for a plain DNS label (`example`, `us1`): letters, digits and inner dashes. */
export function isHostLabel(text: string): boolean {
  return LABEL.test(text);
}

/**
 * The text with any `user:password@` part replaced, for echoing a setting the
 * user got wrong: a URL that failed to parse may still carry a token.
 */
export function withoutUserinfo(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1[redacted]@');
}
