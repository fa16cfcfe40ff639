import { readFile } from 'node:fs/promises';
import { normalizeCall } from '../dialects/registry.js';
import type { Call } from '../model/call.js';
import { MalformedRecordError } from '../model/errors/malformed-record-error.js';
import { datasetOf } from './calls-dataset.js';
import type { Dataset } from './dataset.js';

/** A file of call records: its path, or its name and content. */
export type DatasetSource = string | { name: string; text: string };

interface Located {
  raw: unknown;
  position: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The records of one JSON value: an array of records, a list page (`calls`), or one record. */
function recordsOf(value: unknown, where: string, out: Located[]): void {
  if (Array.isArray(value)) {
    value.forEach((raw, i) => out.push({ raw, position: `${where}[${i}]` }));
  } else if (isObject(value) && Array.isArray(value.calls)) {
    value.calls.forEach((raw, i) => out.push({ raw, position: `${where} calls[${i}]` }));
  } else if (isObject(value)) {
    out.push({ raw: value, position: where });
  } else {
    throw new MalformedRecordError(where, '(json)', 'is neither a call record, an array of records, nor a list page', value);
  }
}

/** Reads a file's text as one JSON document, or else as NDJSON (one document per line). */
function readText(text: string, name: string, out: Located[]): void {
  const trimmed = text.trim();
  if (trimmed === '') return;
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    text.split('\n').forEach((line, n) => {
      if (line.trim() === '') return;
      const where = `${name} line ${n + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new MalformedRecordError(where, '(json)', 'is not valid JSON', line.slice(0, 200));
      }
      recordsOf(value, where, out);
    });
    return;
  }
  recordsOf(whole, name, out);
}

/**
 * Reads files of raw call records of either dialect into a dataset: JSON
 * arrays of records, list pages (`{ "calls": [...] }`), single records, or
 * NDJSON of any of these. Each record's dialect is detected and read with
 * `normalizeCall`; a record that cannot be read throws
 * {@link MalformedRecordError} naming the file and position, so nothing is
 * dropped silently. Calls keep their own sids and accounts; a dataset whose
 * calls all belong to one account is served under that account.
 */
export async function loadDataset(sources: DatasetSource | readonly DatasetSource[]): Promise<Dataset> {
  const list = typeof sources === 'string' || !Array.isArray(sources) ? [sources as DatasetSource] : sources;
  const located: Located[] = [];
  for (const source of list) {
    if (typeof source === 'string') readText(await readFile(source, 'utf8'), source, located);
    else readText(source.text, source.name, located);
  }
  const calls: Call[] = located.map(({ raw, position }) => normalizeCall(raw, { position }));
  return datasetOf(calls);
}
