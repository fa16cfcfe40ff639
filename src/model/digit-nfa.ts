/**
 * Automata over the ten digits, built from the regular expressions of
 * libphonenumber-js's metadata: digits, `\d`, classes of digits and ranges,
 * groups (`(?:…)` and `(…)`), alternatives, `?`, `*`, `+`, `{n}`, `{n,}` and
 * `{n,m}`. On text made of digits only, a pattern of that syntax matches
 * exactly the strings its automaton accepts; any other syntax is refused.
 */

type Ast =
  | { kind: 'digits'; mask: number }
  | { kind: 'seq'; items: Ast[] }
  | { kind: 'alt'; items: Ast[] }
  | { kind: 'repeat'; item: Ast; min: number; max: number };

const ANY_DIGIT = 0x3ff;
const QUANTIFIER = /^\{(\d+)(,(\d*))?\}/;

/** The pattern's syntax tree, or null when it uses syntax outside the subset above. */
function parse(pattern: string): Ast | null {
  let at = 0;
  const digitAt = (i: number) => {
    const c = pattern.charCodeAt(i) - 48;
    return c >= 0 && c <= 9 ? c : -1;
  };
  /** A class `[…]` of digits and ranges, `at` after its `[`. */
  const digitClass = (): number | null => {
    let mask = 0;
    while (at < pattern.length && pattern[at] !== ']') {
      if (pattern.startsWith('\\d', at)) {
        mask |= ANY_DIGIT;
        at += 2;
        continue;
      }
      const from = digitAt(at);
      if (from < 0) return null;
      const to = pattern[at + 1] === '-' ? digitAt(at + 2) : from;
      if (to < from) return null;
      for (let d = from; d <= to; d++) mask |= 1 << d;
      at += to === from && pattern[at + 1] !== '-' ? 1 : 3;
    }
    if (pattern[at] !== ']') return null;
    at += 1;
    return mask;
  };
  const atom = (): Ast | null => {
    const c = pattern[at];
    if (pattern.startsWith('\\d', at)) {
      at += 2;
      return { kind: 'digits', mask: ANY_DIGIT };
    }
    if (c === '[') {
      at += 1;
      const mask = digitClass();
      return mask === null ? null : { kind: 'digits', mask };
    }
    if (c === '(') {
      // A non-capturing or a capturing group; lookarounds and named groups are not in the subset.
      if (pattern.startsWith('(?:', at)) at += 3;
      else if (pattern[at + 1] !== '?') at += 1;
      else return null;
      const inner = alternatives();
      if (inner === null || pattern[at] !== ')') return null;
      at += 1;
      return inner;
    }
    const d = digitAt(at);
    if (d < 0) return null;
    at += 1;
    return { kind: 'digits', mask: 1 << d };
  };
  const sequence = (): Ast | null => {
    const items: Ast[] = [];
    while (at < pattern.length && pattern[at] !== '|' && pattern[at] !== ')') {
      let item = atom();
      if (item === null) return null;
      for (;;) {
        const q = pattern[at];
        const bounds = q === '{' ? QUANTIFIER.exec(pattern.slice(at, at + 12)) : null;
        if (q === '?' || q === '*' || q === '+') {
          item = { kind: 'repeat', item, min: q === '+' ? 1 : 0, max: q === '?' ? 1 : Number.POSITIVE_INFINITY };
          at += 1;
        } else if (bounds !== null) {
          const min = Number(bounds[1]);
          const max = bounds[2] === undefined ? min : bounds[3] === '' ? Number.POSITIVE_INFINITY : Number(bounds[3]);
          if (max < min) return null;
          item = { kind: 'repeat', item, min, max };
          at += bounds[0].length;
        } else break;
        // A lazy or possessive quantifier changes nothing on a whole match, but is not in the subset.
        if (pattern[at] === '?' || pattern[at] === '+') return null;
      }
      items.push(item);
    }
    return { kind: 'seq', items };
  };
  const alternatives = (): Ast | null => {
    const items: Ast[] = [];
    for (;;) {
      const item = sequence();
      if (item === null) return null;
      items.push(item);
      if (pattern[at] !== '|') return { kind: 'alt', items };
      at += 1;
    }
  };
  const ast = alternatives();
  return ast !== null && at === pattern.length ? ast : null;
}

/** A set of states, sorted, closed under empty moves: what has been read so far leaves the automaton in all of them. */
export type StateSet = Int32Array;

/**
 * A nondeterministic automaton over digits that runs several patterns at once,
 * each with a final state of its own. Two texts after which it is in the same
 * set of states are, from there on, accepted or refused alike by every pattern.
 */
export class DigitNfa {
  /** The digits each state moves on (a bit per digit; 0: none) and where to. */
  readonly #mask: number[] = [];
  readonly #to: number[] = [];
  /** Empty moves. */
  readonly #empty: number[][] = [];
  readonly #starts: number[] = [];
  #seen = new Int32Array(0);
  #stamp = 0;

  /**
   * Adds a pattern that must match a whole text (`whole`), a prefix of it
   * (`prefix`: anything may follow) or a prefix of at least one digit
   * (`nonEmptyPrefix`). False, and nothing added, when the pattern's syntax is
   * outside the subset.
   */
  add(pattern: string, match: 'whole' | 'prefix' | 'nonEmptyPrefix'): boolean {
    const ast = parse(pattern);
    if (ast === null) return false;
    const start = this.#state(0);
    let end = this.#build(ast, start);
    // A match of at least one digit starts with a move on a digit, not with the empty match.
    const first = match === 'nonEmptyPrefix' ? this.#closure([start]).filter((s) => this.#mask[s] !== 0) : [start];
    if (match !== 'whole') {
      const any = this.#state(ANY_DIGIT);
      this.#to[any] = any;
      this.#empty[end]!.push(any);
      end = this.#state(0);
      this.#empty[any]!.push(end);
    }
    this.#starts.push(...first);
    // The final state: never a move out, so each pattern's is told apart.
    this.#empty[end]!.push(this.#state(0));
    return true;
  }

  /** The states before any digit is read. */
  start(): StateSet {
    return this.#closure(this.#starts);
  }

  /** The states after reading `digit` (0-9) in `set`. */
  step(set: StateSet, digit: number): StateSet {
    const bit = 1 << digit;
    const next: number[] = [];
    for (const s of set) if ((this.#mask[s]! & bit) !== 0) next.push(this.#to[s]!);
    return this.#closure(next);
  }

  #state(mask: number): number {
    this.#mask.push(mask);
    this.#to.push(-1);
    this.#empty.push([]);
    return this.#mask.length - 1;
  }

  /** Adds the moves of `ast` from state `from`; returns the state where they end. */
  #build(ast: Ast, from: number): number {
    switch (ast.kind) {
      case 'digits': {
        const s = this.#state(ast.mask);
        this.#empty[from]!.push(s);
        this.#to[s] = this.#state(0);
        return this.#to[s]!;
      }
      case 'seq':
        return ast.items.reduce((at, item) => this.#build(item, at), from);
      case 'alt': {
        const end = this.#state(0);
        for (const item of ast.items) this.#empty[this.#build(item, from)]!.push(end);
        return end;
      }
      case 'repeat': {
        let at = from;
        for (let i = 0; i < ast.min; i++) at = this.#build(ast.item, at);
        const end = this.#state(0);
        if (ast.max === Number.POSITIVE_INFINITY) {
          const loop = this.#state(0);
          this.#empty[at]!.push(loop);
          this.#empty[this.#build(ast.item, loop)]!.push(loop);
          this.#empty[loop]!.push(end);
          return end;
        }
        this.#empty[at]!.push(end);
        for (let i = ast.min; i < ast.max; i++) {
          at = this.#build(ast.item, at);
          this.#empty[at]!.push(end);
        }
        return end;
      }
    }
  }

  /** The states reachable from `states` by empty moves that move on a digit or end nowhere (final states), sorted. */
  #closure(states: readonly number[]): StateSet {
    if (this.#seen.length < this.#mask.length) this.#seen = new Int32Array(this.#mask.length);
    const stamp = ++this.#stamp;
    const kept: number[] = [];
    const stack = [...states];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (this.#seen[s] === stamp) continue;
      this.#seen[s] = stamp;
      const empty = this.#empty[s]!;
      if (this.#mask[s] !== 0 || empty.length === 0) kept.push(s);
      for (const t of empty) stack.push(t);
    }
    return Int32Array.from(kept).sort();
  }
}
