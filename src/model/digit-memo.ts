import type { DigitNfa, StateSet } from './digit-nfa.js';

interface State {
  readonly set: StateSet;
  /** The set as text: states are shared by it. */
  readonly key: string;
  readonly next: Array<State | undefined>;
  /** A bit per length (in digits) whose result is known. */
  known: number;
  /** The results, by length. */
  readonly results: unknown[];
  /** How many digits can be read from here, each leading to one state whatever it is; -1 until measured. */
  run: number;
  /** The state after k of those digits, by k (1 to run), as they are needed. */
  readonly ahead: Array<State | undefined>;
}

const keyOf = (set: StateSet) => set.join(',');
const state = (set: StateSet, key = keyOf(set)): State => ({ set, key, next: new Array<State | undefined>(10), known: 0, results: [], run: -1, ahead: [] });

// Texts longer than this are computed directly: a length is a bit of State.known.
const MAX_LENGTH = 30;

/**
 * Remembers a function of digit strings that depends only on which of an
 * automaton's patterns match them and on their length (a number's country, by
 * its national part): the automaton, made deterministic as texts are read,
 * leaves two texts in the same state exactly when every pattern treats them
 * alike, so the result computed for one is the other's. A text costs one step
 * per digit, except where the automaton does not look at the digits (every
 * digit leads to the same state, as after a number's leading digits): such a
 * run is crossed in one step. What it computes is computed once per state and
 * length.
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

  /**
   * `compute(text)`, for the digits of `text` from `from` on. Every character
   * from `from` on must be a digit (the caller checked): the digits of a run
   * that the automaton does not look at are not read.
   */
  get(text: string, from: number): T {
    const length = text.length - from;
    if (length > MAX_LENGTH) return this.#compute(text);
    let at = this.#root;
    for (let i = from; i < text.length; ) {
      const rest = text.length - i;
      const run = at.run < 0 ? this.#measure(at) : at.run;
      if (run > 0) {
        const skip = run < rest ? run : rest;
        at = at.ahead[skip] ?? this.#ahead(at, skip);
        i += skip;
        continue;
      }
      const d = text.charCodeAt(i) - 48;
      at = at.next[d] ?? this.#step(at, d);
      i++;
    }
    if ((at.known & (1 << length)) !== 0) return at.results[length] as T;
    const result = this.#compute(text);
    at.results[length] = result;
    at.known |= 1 << length;
    return result;
  }

  #step(from: State, digit: number): State {
    const set = this.#nfa.step(from.set, digit);
    const key = keyOf(set);
    let to = this.#states.get(key);
    if (to === undefined) {
      if (this.#states.size >= this.#limit) {
        // The text being read finishes on states no longer kept.
        this.#states = new Map();
        this.#root = state(this.#nfa.start());
      }
      to = state(set, key);
      this.#states.set(key, to);
    }
    from.next[digit] = to;
    return to;
  }

  /** The state every digit leads to from `from`, or undefined when two digits lead apart. */
  #uniform(from: State): State | undefined {
    const to = from.next[0] ?? this.#step(from, 0);
    for (let d = 1; d < 10; d++) {
      // States are shared by their set; a comparison of sets also holds across a reset of #states.
      const other = from.next[d] ?? this.#step(from, d);
      if (other !== to && other.key !== to.key) return undefined;
    }
    return to;
  }

  /** Sets and returns `from.run`, counting at most MAX_LENGTH digits. */
  #measure(from: State): number {
    let run = 0;
    for (let at: State | undefined = from; run < MAX_LENGTH; run++) {
      at = this.#uniform(at);
      if (at === undefined) break;
    }
    from.run = run;
    return run;
  }

  /** The state after `count` digits from `from`, within its run. */
  #ahead(from: State, count: number): State {
    let at = from;
    for (let k = 0; k < count; k++) at = at.next[0] ?? this.#step(at, 0);
    from.ahead[count] = at;
    return at;
  }
}
