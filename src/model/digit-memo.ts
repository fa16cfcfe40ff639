import type { DigitNfa, StateSet } from './digit-nfa.js';

interface State {
  readonly set: StateSet;
  readonly next: Array<State | undefined>;
  /** A bit per length (in digits) whose result is known. */
  known: number;
  /** The results, by length. */
  readonly results: unknown[];
}

const state = (set: StateSet): State => ({ set, next: new Array<State | undefined>(10), known: 0, results: [] });

/**
 * Remembers a function of digit strings that depends only on which of an
 * automaton's patterns match them and on their length (a number's country, by
 * its national part): the automaton, made deterministic as texts are read,
 * leaves two texts in the same state exactly when every pattern treats them
 * alike, so the result computed for one is the other's. A text costs one step
 * per digit; what it computes is computed once per state and length.
 */
export class DigitMemo<T> {
  readonly #nfa: DigitNfa;
  readonly #compute: (text: string) => T;
  readonly #limit: number;
  #states = new Map<string, State>();
  #root: State;

  /**
   * `compute(text)` must depend only on which patterns of `nfa` match the
   * digits of `text` read by {@link get} and on their count. At most `limit`
   * states are kept: past that, they are forgotten and built again.
   */
  constructor(nfa: DigitNfa, compute: (text: string) => T, limit: number) {
    this.#nfa = nfa;
    this.#compute = compute;
    this.#limit = limit;
    this.#root = state(nfa.start());
  }

  /** `compute(text)`, for the digits of `text` from `from` on; any other character there is computed directly. */
  get(text: string, from: number): T {
    const length = text.length - from;
    if (length > 30) return this.#compute(text);
    let at = this.#root;
    for (let i = from; i < text.length; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return this.#compute(text);
      at = at.next[d] ?? this.#step(at, d);
    }
    if ((at.known & (1 << length)) !== 0) return at.results[length] as T;
    const result = this.#compute(text);
    at.results[length] = result;
    at.known |= 1 << length;
    return result;
  }

  #step(from: State, digit: number): State {
    const set = this.#nfa.step(from.set, digit);
    const key = set.join(',');
    let to = this.#states.get(key);
    if (to === undefined) {
      if (this.#states.size >= this.#limit) {
        // The text being read finishes on states no longer kept.
        this.#states = new Map();
        this.#root = state(this.#nfa.start());
      }
      to = state(set);
      this.#states.set(key, to);
    }
    from.next[digit] = to;
    return to;
  }
}
