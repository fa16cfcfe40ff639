import { readFile } from 'node:fs/promises';
import { recordsOfText } from '../dialects/common/raw-records.js';
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
    for (const found of recordsOfText(text, name)) {
      if ('reason' in found) throw new MalformedRecordError(`${found.file}:${found.line}`, '(json)', found.reason);
      calls.push(normalizeCall(found.raw, { position: found.position }));
    }
  }
  return datasetOf(calls);
}
