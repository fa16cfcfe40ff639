import { readFile } from 'node:fs/promises';
import { type RawRecord, type Unreadable, recordsOf, recordsOfText } from '../dialects/common/raw-records.js';
import { normalizeCall } from '../dialects/registry.js';
import type { Call } from '../model/call.js';
import { MalformedRecordError } from '../model/errors/malformed-record-error.js';
import { datasetOf } from './calls-dataset.js';
import type { Dataset } from './dataset.js';

/** A file of call records: its path, or its name and content. */
export type DatasetSource = string | { name: string; text: string };

/**
 * The records of a file. One JSON document is read whole, however it is laid
 * out (the splitter takes a `{` opening a line inside a value for the start of
 * a new record, as a cut-off line would look); anything else is split as
 * `callbridge normalize` splits it.
 */
function recordsOfFile(text: string, name: string): Iterable<RawRecord | Unreadable> {
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    return recordsOfText(text, name);
  }
  const values = Array.isArray(whole) ? whole : [whole];
  const index = Array.isArray(whole) ? (i: number) => i : () => null;
  return recordsOf(values.map((value, i) => ({ text: '', value, line: 1, index: index(i) })), name);
}

/**
 * Reads files of raw call records of either dialect into a dataset, as
 * `callbridge normalize` reads them: JSON arrays of records, list pages
 * (`{ "calls": [...] }`), single records, NDJSON, concatenated or
 * pretty-printed values, mixed freely. Each record's dialect is detected and
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
