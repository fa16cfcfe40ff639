import { setOwnField } from './own-field.js';

// Most records have no undocumented field: they share one frozen empty object.
const NONE: Record<string, unknown> = Object.freeze({});

/**
 * Picks out the fields of raw records that their dialect does not document,
 * so that they are kept verbatim. Records of one source nearly always have the
 * same keys in the same order, so the last list of keys found all documented
 * is compared first, key by key (keys read from an object are interned
 * strings: comparing them compares pointers); only a key that differs from it
 * is looked up among the documented ones.
 */
export class ExtraFields {
  readonly #documented: ReadonlySet<string>;
  #lastKeys: readonly string[] = [];

  /** `documented`: every key the dialect documents. */
  constructor(documented: ReadonlySet<string>) {
    this.#documented = documented;
  }

  /** The undocumented fields of `raw`, verbatim; a shared frozen empty object when there are none. */
  of(raw: Record<string, unknown>): Record<string, unknown> {
    const lastKeys = this.#lastKeys;
    const count = lastKeys.length;
    let extra: Record<string, unknown> | undefined;
    let i = 0;
    let same = true;
    for (const key in raw) {
      // A key of the last list is documented, wherever it stands. Bounded, so that `===`
      // only ever compares two keys: one comparison with undefined would make V8 compile
      // every later one as a call to its generic equality.
      if (i < count && key === lastKeys[i]) {
        i++;
        continue;
      }
      same = false;
      if (!this.#documented.has(key)) setOwnField((extra ??= {}), key, raw[key]);
    }
    if (extra !== undefined) return extra;
    if (!same) this.#lastKeys = Object.keys(raw);
    return NONE;
  }
}
