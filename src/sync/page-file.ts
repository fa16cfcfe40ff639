import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { CallRow } from './columns.js';

/** What a page's file holds of a row. */
export type PageRow = Pick<CallRow, 'text' | 'rawText'>;

// Bytes that end a field or a line, or quote one; a JSON text holds none but line ends (whitespace between tokens).
const DELIMITER = 0x1d;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const QUOTE = 0x1c;
/** A NULL field: never a whole row text or JSON text. */
const NULL_FIELD = '\x1e';
const char = (byte: number) => String.fromCharCode(byte);
const SPECIALS = /[\n\r\x1c\x1d]/;
const QUOTES = /\x1c/g;

// Where a page is put together before it is written: one for every file, since a page is written at
// once, synchronously (a buffer to each of a sync's files held 4 MB more for each).
let scratch = Buffer.allocUnsafe(1 << 22);

/** DuckDB's default `max_line_size`; a longer line needs a reader told so. */
const DEFAULT_MAX_LINE = 2_000_000;

/**
 * A page of rows as a file DuckDB's CSV reader takes in one pass: a line per
 * row, its text and its raw record separated by `\x1d`, a field that holds a
 * special byte quoted with `\x1c` (which it then doubles). Handing DuckDB a
 * file instead of two list parameters spares the main thread a native value
 * per string (and the collector their finalizers), and DuckDB's thread the
 * unnesting of the lists.
 */
export class PageFile {
  readonly #fd: number;
  #length = 0;

  /** Creates the file, readable by this user only: a page holds call records. */
  constructor(readonly path: string) {
    this.#fd = openSync(path, 'w', 0o600);
  }

  /**
   * The query of `text` and `raw` that reads a page file named by parameter `$1`, for lines of up to `maxLine` bytes.
   * The same for every file, so one prepared statement reads them all.
   */
  static reader(maxLine = DEFAULT_MAX_LINE): string {
    const size = maxLine <= DEFAULT_MAX_LINE ? '' : `, max_line_size = ${maxLine}, buffer_size = ${maxLine}`;
    return `SELECT text, raw FROM read_csv($1, columns = {'text': 'VARCHAR', 'raw': 'VARCHAR'},
      delim = chr(${DELIMITER}), quote = chr(${QUOTE}), escape = chr(${QUOTE}), new_line = '\\n', nullstr = chr(${NULL_FIELD.charCodeAt(0)}),
      allow_quoted_nulls = false, header = false, auto_detect = false${size})`;
  }

  /** Writes the rows, replacing the page before; returns the longest line's length in bytes, rounded up to a power of two past the default. */
  write(rows: readonly PageRow[]): number {
    let longest = this.#fill(rows, false);
    if (longest < 0) longest = this.#fill(rows, true);
    // Over the page before, in place: truncating the file first cost a tenth of the main thread's time.
    writeSync(this.#fd, scratch, 0, this.#length, 0);
    ftruncateSync(this.#fd, this.#length);
    return longest <= DEFAULT_MAX_LINE ? DEFAULT_MAX_LINE : 2 ** Math.ceil(Math.log2(longest));
  }

  /** Fills the buffer; unquoted, returns -1 when a field holds a special byte (the page is then written again, quoted). */
  #fill(rows: readonly PageRow[], quoted: boolean): number {
    let at = 0;
    let longest = 0;
    for (const row of rows) {
      const text = quoted ? quote(row.text) : row.text;
      const raw = row.rawText === null ? NULL_FIELD : quoted ? quote(row.rawText) : row.rawText;
      // UTF-8 takes at most three bytes for each UTF-16 unit.
      this.#reserve(at, 3 * (text.length + raw.length) + 2);
      const start = at;
      at += scratch.write(text, at);
      scratch[at++] = DELIMITER;
      at += scratch.write(raw, at);
      scratch[at++] = NEWLINE;
      longest = Math.max(longest, at - start);
    }
    this.#length = at;
    if (!quoted && !this.#plain(rows.length)) return -1;
    return longest;
  }

  /** Whether the buffer holds exactly a delimiter and a line end per row, and no quote or carriage return. */
  #plain(rows: number): boolean {
    const page = scratch.subarray(0, this.#length);
    if (page.includes(QUOTE) || page.includes(RETURN)) return false;
    return count(page, NEWLINE) === rows && count(page, DELIMITER) === rows;
  }

  /** Makes room for `bytes` more after the first `used`. */
  #reserve(used: number, bytes: number): void {
    if (used + bytes <= scratch.length) return;
    const larger = Buffer.allocUnsafe(Math.max(used + bytes, 2 * scratch.length));
    scratch.copy(larger, 0, 0, used);
    scratch = larger;
  }

  /** Closes the file (its directory's owner removes it). */
  close(): void {
    closeSync(this.#fd);
  }
}

const quote = (field: string) => (SPECIALS.test(field) ? `${char(QUOTE)}${field.replace(QUOTES, `${char(QUOTE)}${char(QUOTE)}`)}${char(QUOTE)}` : field);

function count(page: Buffer, byte: number): number {
  let n = 0;
  for (let at = page.indexOf(byte); at !== -1; at = page.indexOf(byte, at + 1)) n++;
  return n;
}
