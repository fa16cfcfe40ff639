import { readFile } from 'node:fs/promises';
import { CsvRecords, looksLikeCsv } from '../dialects/common/csv-records.js';
import { type RawRecord, type Unreadable, recordsOfText } from '../dialects/common/raw-records.js';
import { normalizeCall } from '../dialects/registry.js';
import type { Call } from '../model/call.js';
import { MalformedRecordError } from '../model/errors/malformed-record-error.js';
import { datasetOf } from './calls-dataset.js';
import type { Dataset } from './dataset.js';

/** A file of call records: its path, or its name and content. */
export type DatasetSource = string | { name: string; text: string };

/**
 * Reads files of raw call records of either dialect into a dataset, as
 * `callbridge normalize` reads them: JSON arrays of records, list pages
 * (`{ "calls": [...] }`), single records, NDJSON, concatenated or
 * pretty-printed values, mixed freely; callbridge's own canonical records
 * (NDJSON, JSON) and the CSV it writes read back too. Each record's dialect is detected and
 * read with `normalizeCall`; a record or a stretch of text that cannot be read
 * throws {@link MalformedRecordError} naming the file and position, so nothing
 * is dropped silently. Calls keep their own sids and accounts; a dataset whose
 * calls all belong to one account is served under that account.
 */
export async function loadDataset(sources: DatasetSource | readonly DatasetSource[]): Promise<Dataset> {
  const list = typeof sources === 'string' || !Array.isArray(sources) ? [sources as DatasetSource] : sources;
  const calls: Call[] = [];
  for (const source of list) {
    const [text, name] = typeof source === 'string' ? [await readFile(source, 'utf8'), source] : [source.text, source.name];
    for (const found of recordsOfFile(text, name)) {
      if ('reason' in found) throw new MalformedRecordError(`${found.file}:${found.line}`, '(json)', found.reason);
      calls.push(normalizeCall(found.raw, { position: found.position }));
    }
  }
  return datasetOf(calls);
}

/** The records of one file's text: the CSV callbridge writes (told by its header), or JSON in any layout. */
function recordsOfFile(text: string, name: string): Iterable<RawRecord | Unreadable> {
  if (!looksLikeCsv(text)) return recordsOfText(text, name);
  const csv = new CsvRecords(name);
  return [...csv.push(text), ...csv.end()];
}
