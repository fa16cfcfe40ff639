/** A complete JSON text found in a stream, with the line it starts on. */
export interface JsonText {
  text: string;
  /** The parsed value, when the splitter already parsed it (a whole NDJSON line). */
  value?: unknown;
  line: number;
  /** Index of the element when it came from a top-level array. */
  index: number | null;
}

/** A stretch of input that is not JSON, or a value cut off before it closed. */
export interface JsonGarbage {
  error: string;
  line: number;
}

const NEWLINE = 10;
const QUOTE = 34;
const COMMA = 44;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;

/**
 * Splits a character stream into top-level JSON texts without holding more
 * than one of them: NDJSON lines, concatenated or pretty-printed objects, and
 * the elements of a top-level array (so a huge array streams element by element).
 * It only finds boundaries; JSON.parse judges each text.
 *
 * A cut-off record must not swallow the records after it, so a value is
 * abandoned (and reported) when a line break falls inside a string, or when a
 * line starts with `{` right inside it: neither happens in valid JSON.
 */
export class JsonValueSplitter {
  #depth = 0;
  #inString = false;
  #escape = false;
  #inArray = false;
  #arrayIndex = 0;
  /** Inside a top-level array element that is not an object or array (a number, a string…). */
  #inScalar = false;
  #lineStart = true;
  #pieces: string[] = [];
  #startLine = 1;
  #line = 1;
  #garbageLine = 0;

  /** Feeds a chunk; returns the texts (and garbage) completed by it. */
  push(chunk: string): Array<JsonText | JsonGarbage> {
    const found: Array<JsonText | JsonGarbage> = [];
    let start = this.#pieces.length > 0 ? 0 : -1;
    const abandon = (why: string) => {
      found.push({ error: why, line: this.#startLine });
      this.#pieces = [];
      start = -1;
      this.#depth = this.#inArray ? 1 : 0;
      this.#inString = false;
      this.#escape = false;
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) {
        this.#line++;
        this.#lineStart = true;
        if (this.#inString) abandon('the record breaks off inside a string (truncated line?)');
        continue;
      }
      if (this.#inString) {
        if (this.#escape) this.#escape = false;
        else if (c === BACKSLASH) this.#escape = true;
        else if (c === QUOTE) this.#inString = false;
        continue;
      }
      if (isSpace(c)) continue;
      // NDJSON fast path: a line that is one whole object is parsed as it stands,
      // without scanning it character by character; anything else is scanned.
      if (c === OPEN_BRACE && this.#lineStart && this.#depth === 0 && !this.#inArray) {
        const newline = chunk.indexOf('\n', i);
        let end = newline;
        while (end > i && isSpace(chunk.charCodeAt(end - 1))) end--;
        if (newline !== -1 && chunk.charCodeAt(end - 1) === CLOSE_BRACE) {
          const text = chunk.slice(i, end);
          const value = parseOrUndefined(text);
          if (value !== undefined) {
            found.push({ text, value, line: this.#line, index: null });
            this.#line++;
            i = newline;
            continue;
          }
        }
      }
      const lineStart = this.#lineStart;
      this.#lineStart = false;
      const level = this.#inArray ? 1 : 0;
      if (this.#depth === level + 1 && c === OPEN_BRACE && lineStart) abandon('the record breaks off before its end (truncated line?)');
      if (this.#depth === level) {
        if (this.#inArray && c === COMMA) {
          this.#inScalar = false;
          continue;
        }
        if (this.#inArray && c === CLOSE_BRACKET) {
          this.#inScalar = false;
          this.#inArray = false;
          this.#depth = 0;
          continue;
        }
        if (!this.#inArray && c === OPEN_BRACKET) {
          this.#inArray = true;
          this.#arrayIndex = 0;
          this.#depth = 1;
          continue;
        }
        if (c !== OPEN_BRACE && c !== OPEN_BRACKET && this.#inArray) {
          // Still an element: it takes its index, so the elements after it keep theirs.
          if (c === QUOTE) this.#inString = true;
          if (!this.#inScalar) {
            this.#inScalar = true;
            found.push({ error: `element [${this.#arrayIndex++}] is not a JSON object (starts with ${JSON.stringify(chunk.slice(i, i + 24).split(/[\n,\]]/)[0])})`, line: this.#line });
          }
          continue;
        }
        if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
          if (this.#garbageLine !== this.#line) {
            this.#garbageLine = this.#line;
            found.push({ error: `not a JSON object (starts with ${JSON.stringify(chunk.slice(i, i + 24).split('\n')[0])})`, line: this.#line });
          }
          continue;
        }
        start = i;
        this.#startLine = this.#line;
        this.#depth++;
        continue;
      }
      if (c === QUOTE) this.#inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.#depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.#depth--;
        if (this.#depth === level) {
          this.#pieces.push(chunk.slice(start, i + 1));
          found.push({ text: this.#pieces.join(''), line: this.#startLine, index: this.#inArray ? this.#arrayIndex++ : null });
          this.#pieces = [];
          start = -1;
        }
      }
    }
    if (start !== -1) this.#pieces.push(chunk.slice(start));
    return found;
  }

  /** Ends the input; reports a value left open. */
  end(): JsonGarbage[] {
    const open = this.#pieces.length > 0 || this.#inArray;
    this.#pieces = [];
    return open ? [{ error: 'the input ends inside a JSON value (truncated?)', line: this.#startLine }] : [];
  }
}
