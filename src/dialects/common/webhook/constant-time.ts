import { timingSafeEqual } from 'node:crypto';

/**
 * Whether two texts are equal, in time that does not depend on where they
 * differ (a signature compared byte by byte would leak how much of a forgery
 * is right). Only the length, which is public for a digest, ends it early.
 */
export function sameInConstantTime(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const x = typeof a === 'string' ? Buffer.from(a, 'utf8') : a;
  const y = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
  return x.length === y.length && timingSafeEqual(x, y);
}
