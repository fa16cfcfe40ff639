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

/**
 * Where a page is put together before it is written, grown as pages need.
 * One serves all of a sync's files, since a page is written at once,
 * synchronously (a buffer to each file held 4 MB more for each), and it is
 * garbage once the sync's files are.
 */
export class PageBuffer {
  bytes = Buffer.allocUnsafe(1 << 22);

  /** Makes room for `bytes` more after the first `used`. */
  reserve(used: number, bytes: number): void {
    if (used + bytes <= this.bytes.length) return;
    const larger = Buffer.allocUnsafe(Math.max(used + bytes, 2 * this.bytes.length));
    this.bytes.copy(larger, 0, 0, used);
    this.bytes = larger;
  }
}

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

  /** Creates the file, readable by this user only (a page holds call records); pages are put together in `buffer`. */
  constructor(
    readonly path: string,
    private readonly buffer = new PageBuffer(),
  ) {
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

  /**
   * Writes the rows, replacing the page before, in one pass: each row is
   * taken as the page is put together, so that rows made one at a time are
   * garbage as soon as they are written. Returns how many rows there were and
   * the reader's line limit the page needs: the longest line's length in
   * bytes, rounded up to a power of two past the default.
   */
  write(rows: Iterable<PageRow>): { rows: number; maxLine: number } {
    let at = 0;
    let longest = 0;
    let count = 0;
    for (const row of rows) {
      const start = at;
      at = this.#put(row, at, false);
      // Written again, quoted, when a field holds a special byte.
      if (!plain(this.buffer.bytes.subarray(start, at))) at = this.#put(row, start, true);
      longest = Math.max(longest, at - start);
      count++;
    }
    // Over the page before, in place: truncating the file first cost a tenth of the main thread's time.
    writeSync(this.#fd, this.buffer.bytes, 0, at, 0);
    ftruncateSync(this.#fd, at);
    return { rows: count, maxLine: longest <= DEFAULT_MAX_LINE ? DEFAULT_MAX_LINE : 2 ** Math.ceil(Math.log2(longest)) };
  }

  /** Puts a row's line in the buffer at `at`; returns where it ends. */
  #put(row: PageRow, at: number, quoted: boolean): number {
    const text = quoted ? quote(row.text) : row.text;
    const raw = row.rawText === null ? NULL_FIELD : quoted ? quote(row.rawText) : row.rawText;
    // UTF-8 takes at most three bytes for each UTF-16 unit.
    this.buffer.reserve(at, 3 * (text.length + raw.length) + 2);
    const bytes = this.buffer.bytes;
    let end = at + bytes.write(text, at);
    bytes[end++] = DELIMITER;
    end += bytes.write(raw, end);
    bytes[end++] = NEWLINE;
    return end;
  }

  /** Closes the file (its directory's owner removes it). */
  close(): void {
    closeSync(this.#fd);
  }
}

const quote = (field: string) => (SPECIALS.test(field) ? `${char(QUOTE)}${field.replace(QUOTES, `${char(QUOTE)}${char(QUOTE)}`)}${char(QUOTE)}` : field);

/** Whether an unquoted line holds exactly one delimiter and ends with its only line end, with no quote or carriage return. */
function plain(line: Buffer): boolean {
  if (line.includes(QUOTE) || line.includes(RETURN)) return false;
  return line.indexOf(NEWLINE) === line.length - 1 && line.indexOf(DELIMITER) === line.lastIndexOf(DELIMITER);
}
