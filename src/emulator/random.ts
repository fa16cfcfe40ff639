/**
 * Small, fast, deterministic randomness for the emulator: the same seed gives
 * the same dataset, credentials and fault schedule on every run and machine.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: a 32-bit state generator, plenty for test data and far faster than crypto. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An invertible 32-bit mix (lowbias32). Invertible so that a sid built from a
 * record's position can be read back into that position without an index.
 */
export function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The inverse of {@link mix32}. */
export function unmix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x43021123);
  x ^= (x >>> 15) ^ (x >>> 30);
  x = Math.imul(x, 0x1d69e2a5);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Eight lowercase hex digits of a 32-bit value. */
export function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/** 32 lowercase hex digits drawn from a seed: the body of a sid or a token. */
export function hex32(seed: number): string {
  const random = createRandom(mix32(seed));
  let text = '';
  for (let i = 0; i < 4; i += 1) text += hex8(Math.floor(random() * 4294967296));
  return text;
}

/** Picks an index from cumulative weights (ascending, the last one being the total). */
export function pickWeighted(cumulative: readonly number[], random: Random): number {
  const r = random() * cumulative[cumulative.length - 1]!;
  for (let i = 0; i < cumulative.length; i += 1) if (r < cumulative[i]!) return i;
  return cumulative.length - 1;
}

/** Running sums of weights, for {@link pickWeighted}. */
export function cumulate(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}
