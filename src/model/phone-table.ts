/**
 * A direct-mapped cache from an E.164 number's digits, as a number, to a
 * value: each key has one slot, and a key set there replaces whatever was
 * there. A lookup reads one slot of plain memory (a Float64Array of keys) and
 * never probes further, so a number seen for the first time, the common case
 * on the first read of a call log, costs one comparison to find missing.
 */
export class PhoneCache<T> {
  readonly #keys: Float64Array;
  readonly #values: Array<T | undefined>;
  readonly #size: number;
  /** 1 / #size, exact: #size is a power of two. */
  readonly #inverse: number;

  /** `slots`: how many values it holds at most, rounded up to a power of two. */
  constructor(slots: number) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(1, slots)));
    this.#keys = new Float64Array(size);
    this.#values = new Array<T | undefined>(size).fill(undefined);
    this.#size = size;
    this.#inverse = 1 / size;
  }

  /** The value last set under `key` (a positive whole number below 2^53), unless another key has taken its slot since. */
  get(key: number): T | undefined {
    const slot = this.#slot(key);
    return this.#keys[slot] === key ? this.#values[slot] : undefined;
  }

  /** Stores `value` under `key` (a positive whole number below 2^53), in place of whatever shared its slot. */
  set(key: number, value: T): void {
    const slot = this.#slot(key);
    this.#keys[slot] = key;
    this.#values[slot] = value;
  }

  #slot(key: number): number {
    // The key modulo the slots, in exact floating-point arithmetic: `key | 0` on a key of 2^31 or
    // more (most phone numbers) leaves the processor's fast conversion for a slow one. A product
    // by a power of two is exact, and several times quicker than the division it replaces.
    return key - Math.floor(key * this.#inverse) * this.#size;
  }
}

/**
 * The digits of an E.164 number (`+` then 2 to 15 digits, the first not 0) as
 * a number, or 0 for any other text. Two texts have the same key only when
 * they are the same text.
 */
export function e164Key(text: string): number {
  const length = text.length;
  if (length < 3 || length > 16 || text.charCodeAt(0) !== 43 || text.charCodeAt(1) === 48) return 0;
  let n = 0;
  for (let i = 1; i < length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return 0;
    n = n * 10 + c;
  }
  return n;
}
