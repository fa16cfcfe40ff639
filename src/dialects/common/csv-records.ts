import type { RawRecord, Unreadable } from './raw-records.js';

/**
 * True when a text starts like the CSV callbridge writes: a header line (not
 * JSON) that names a `sid` column.
 */
export function looksLikeCsv(start: string): boolean {
  const first = start.replace(/^\uFEFF/, '').split('\n', 1)[0]!.trim();
  return !first.startsWith('{') && !first.startsWith('[') && first.split(',').includes('sid');
}

/**
 * Reads CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks)
 * chunk by chunk into records keyed by the header row, as callbridge writes
 * it: an empty cell is absent (null); a dialect's `_extra` column holds the
 * record's undocumented fields as JSON and is spread back into the record; a
 * cell holding a JSON object (subresource URIs) is that object.
 */
export class CsvRecords {
  #header: string[] | null = null;
  #row: string[] = [];
  #cell = '';
  #quoted = false;
  #afterQuote = false;
  #line = 1;
  #rowLine = 1;

  constructor(private readonly file: string) {}

  /** Feeds a chunk; returns the records completed by it. */
  push(chunk: string): Array<RawRecord | Unreadable> {
    const found: Array<RawRecord | Unreadable> = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.#quoted) {
        if (c === '"') {
          this.#quoted = false;
          this.#afterQuote = true;
        } else {
          if (c === '\n') this.#line++;
          this.#cell += c;
        }
        continue;
      }
      if (c === '"') {
        // `""` inside a quoted field is one quote.
        if (this.#afterQuote) this.#cell += '"';
        this.#quoted = true;
        this.#afterQuote = false;
        continue;
      }
      this.#afterQuote = false;
      if (c === ',') {
        this.#row.push(this.#cell);
        this.#cell = '';
      } else if (c === '\n') {
        this.#endRow(found);
        this.#line++;
        this.#rowLine = this.#line;
      } else if (c !== '\r' && !(c === '\uFEFF' && this.#line === 1 && this.#row.length === 0 && this.#cell === '')) {
        this.#cell += c;
      }
    }
    return found;
  }

  /** Ends the input: the last row, or a quoted field left open. */
  end(): Array<RawRecord | Unreadable> {
    const found: Array<RawRecord | Unreadable> = [];
    if (this.#quoted) found.push({ file: this.file, line: this.#rowLine, reason: 'the CSV input ends inside a quoted field (truncated?)' });
    else this.#endRow(found);
    return found;
  }

  #endRow(found: Array<RawRecord | Unreadable>): void {
    const cells = [...this.#row, this.#cell];
    this.#row = [];
    this.#cell = '';
    if (cells.length === 1 && cells[0] === '') return;
    if (this.#header === null) {
      this.#header = cells;
      return;
    }
    const line = this.#rowLine;
    if (cells.length !== this.#header.length) {
      found.push({ file: this.file, line, reason: `has ${cells.length} CSV fields where the header has ${this.#header.length}` });
      return;
    }
    const record: Record<string, unknown> = {};
    for (let i = 0; i < cells.length; i++) {
      const key = this.#header[i]!;
      const cell = cells[i]!;
      if (key === '_extra') {
        if (cell === '') continue;
        const extra = objectOf(cell);
        if (extra === null) {
          found.push({ file: this.file, line, reason: 'its _extra field is not a JSON object' });
          return;
        }
        Object.assign(record, extra);
      } else {
        record[key] = cell === '' ? null : (objectOf(cell) ?? cell);
      }
    }
    found.push({ raw: record, file: this.file, line, position: `${this.file}:${line}` });
  }
}

/** A cell holding a JSON object, parsed; null for any other cell. */
function objectOf(cell: string): Record<string, unknown> | null {
  if (!cell.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(cell);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
