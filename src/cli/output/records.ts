import { toDialect } from '../../dialects/registry.js';
import type { Call } from '../../model/call.js';
import { PROVIDERS, type Provider } from '../../model/provider.js';
import { UsageError } from '../usage-error.js';
import { csvLine } from './csv.js';
import { cell } from './flatten.js';

/** Which form records are written in: the canonical model or a provider's raw dialect. */
export type RecordDialect = 'canonical' | Provider;

/** Output formats of record-writing commands. */
export type RecordFormat = 'table' | 'json' | 'ndjson' | 'csv';

/** Reads and checks `--dialect`. */
export function recordDialect(value: string | undefined): RecordDialect {
  const dialect = value ?? 'canonical';
  if (dialect !== 'canonical' && !PROVIDERS.includes(dialect as Provider)) {
    throw new UsageError(`--dialect must be canonical, ${PROVIDERS.join(' or ')}, not "${dialect}"`);
  }
  return dialect as RecordDialect;
}

/** Reads and checks `--output`. */
export function recordFormat(value: string | undefined, allowed: readonly RecordFormat[], fallback: RecordFormat, flag = '--output'): RecordFormat {
  const format = (value ?? fallback) as RecordFormat;
  if (!allowed.includes(format)) throw new UsageError(`${flag} must be ${allowed.join(', ')}, not "${value}"`);
  return format;
}

/**
 * A Call with every field empty: its keys are the canonical CSV columns, and
 * its dialect forms give each dialect's, so a header is known before (or
 * without) any record. Typed as Call, so a field added to the model shows here.
 */
const BLANK: Call = {
  provider: 'twilio', sid: '', accountSid: null, parentCallSid: null, phoneNumberSid: null,
  to: null, toFormatted: null, from: null, fromFormatted: null, forwardedFrom: null, callerName: null,
  status: 'completed', direction: null, directionDetail: null, answeredBy: null, answeredByDetail: null,
  startTime: null, endTime: null, dateCreated: null, dateUpdated: null, duration: null, price: null, priceUnit: null,
  apiVersion: null, groupSid: null, quality: null, providerFields: {}, uri: null, subresourceUris: null, extra: {},
};

/** The CSV columns of a form: every canonical field, or a dialect's documented fields and `_extra`. */
export function csvColumns(dialect: RecordDialect): string[] {
  return dialect === 'canonical' ? Object.keys(BLANK) : [...Object.keys(toDialect({ ...BLANK, provider: dialect }, dialect)), '_extra'];
}

/** The record as written: the canonical Call, or its raw form in a dialect. */
export function shape(call: Call, dialect: RecordDialect): Record<string, unknown> {
  return dialect === 'canonical' ? (call as unknown as Record<string, unknown>) : toDialect(call, dialect);
}

/**
 * Writes records as NDJSON, CSV or a JSON array, one at a time, so a long
 * stream never waits in memory. CSV has a fixed set of columns: every field of
 * the form written, and for a dialect an `_extra` column holding the record's
 * undocumented fields as JSON, so a column never goes missing between records.
 */
export class RecordWriter {
  #columns: string[] | null = null;
  #count = 0;
  readonly #header: boolean;

  constructor(
    private readonly format: Exclude<RecordFormat, 'table'>,
    private readonly dialect: RecordDialect,
    private readonly write: (text: string) => void,
    options: { header?: boolean } = {},
  ) {
    this.#header = options.header ?? true;
  }

  /** Writes one call. */
  add(call: Call): void {
    const record = shape(call, this.dialect);
    if (this.format === 'ndjson') {
      this.write(`${JSON.stringify(record)}\n`);
    } else if (this.format === 'json') {
      this.write(`${this.#count === 0 ? '[\n' : ',\n'}${JSON.stringify(record)}`);
    } else {
      const columns = this.#csvHeader();
      const extra = Object.keys(call.extra).length === 0 ? '' : JSON.stringify(call.extra);
      this.write(csvLine(columns.map((key) => (key === '_extra' && this.dialect !== 'canonical' ? extra : cell(record[key])))));
    }
    this.#count++;
  }

  /** The CSV columns, written as the header the first time they are asked for. */
  #csvHeader(): string[] {
    if (this.#columns === null) {
      // Fixed per form, whatever the first record's extras.
      this.#columns = csvColumns(this.dialect);
      if (this.#header) this.write(csvLine(this.#columns));
    }
    return this.#columns;
  }

  /** Closes the output: the JSON array's bracket, or a CSV header when no record came. */
  end(): void {
    if (this.format === 'json') this.write(this.#count === 0 ? '[]\n' : '\n]\n');
    if (this.format === 'csv') this.#csvHeader();
  }

  /** Records written so far. */
  get count(): number {
    return this.#count;
  }
}
