/** A PageToken read: `PA<sid>` lists what comes after that call, `PB<sid>` what comes before it. */
export interface PageToken {
  direction: 'after' | 'before';
  /** Sid key of the call the token names. */
  key: string;
}

/** Reads `PA<sid>` / `PB<sid>`, the sid spelled as the dialect writes it; null for anything else. */
export function readToken(value: string, keyOf: (sid: string) => string): PageToken | null {
  const m = /^P([AB])(.+)$/.exec(value);
  return m === null ? null : { direction: m[1] === 'A' ? 'after' : 'before', key: keyOf(m[2]!) };
}

/** Where a page starts: at an offset of matches (the first page, or SignalWire's `Page=N`), or at a token. */
export type PageStart = { offset: number } | { token: PageToken };

/** Writes a token as `PA<sid>` / `PB<sid>`, the inverse of {@link readToken}, the sid spelled as the dialect writes it. */
export function writeToken(token: PageToken, sidOf: (key: string) => string): string {
  return `P${token.direction === 'after' ? 'A' : 'B'}${sidOf(token.key)}`;
}
