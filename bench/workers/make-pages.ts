/**
 * Writes the bytes of the normalization benchmark: calls from the emulator's
 * dataset generator, written in one dialect with its own writer (`toDialect`,
 * i.e. `DIALECTS[p].fromCall`) as list pages of `pageSize` records with the
 * envelope that dialect's API sends, one page of JSON text per line.
 */
import { closeSync, openSync } from 'node:fs';
import { generateDataset } from '../../src/emulator/index.js';
import { type Provider, toDialect } from '../../src/index.js';
import { params, runWorker, writeAll } from '../lib/worker.js';

export interface MakePagesParams {
  dialect: Provider;
  calls: number;
  pageSize: number;
  seed: number;
  path: string;
}

export interface MakePagesResult {
  records: number;
  pages: number;
  bytes: number;
}

type Raw = Record<string, unknown>;

/** The list page envelope each dialect's API sends (as the emulator's routes write it). */
function pageBody(dialect: Provider, account: string, page: number, pageSize: number, calls: Raw[], last: boolean): Raw {
  const firstSid = String(calls[0]?.sid ?? '');
  const lastSid = String(calls[calls.length - 1]?.sid ?? '');
  if (dialect === 'twilio') {
    const path = `/2010-04-01/Accounts/${account}/Calls.json`;
    const start = page * pageSize;
    return {
      calls,
      end: start + calls.length - 1,
      first_page_uri: `${path}?PageSize=${pageSize}&Page=0`,
      next_page_uri: last ? null : `${path}?PageSize=${pageSize}&Page=${page + 1}&PageToken=PA${lastSid}`,
      page,
      page_size: pageSize,
      previous_page_uri: page === 0 ? null : `${path}?PageSize=${pageSize}&Page=${page - 1}&PageToken=PB${firstSid}`,
      start,
      uri: `${path}?PageSize=${pageSize}&Page=${page}`,
    };
  }
  const path = `/api/laml/2010-04-01/Accounts/${account}/Calls`;
  return {
    uri: `${path}?Page=${page}&PageSize=${pageSize}`,
    first_page_uri: `${path}?Page=0&PageSize=${pageSize}`,
    next_page_uri: last ? null : `${path}?Page=${page + 1}&PageSize=${pageSize}&PageToken=PA${lastSid.replaceAll('-', '')}`,
    previous_page_uri: page === 0 ? null : `${path}?Page=${page - 1}&PageSize=${pageSize}&PageToken=PB${firstSid.replaceAll('-', '')}`,
    page,
    page_size: pageSize,
    calls,
  };
}

runWorker(async (): Promise<MakePagesResult> => {
  const p = params<MakePagesParams>();
  const dataset = generateDataset({ calls: p.calls, seed: p.seed });
  const fd = openSync(p.path, 'w');
  let bytes = 0;
  let pages = 0;
  try {
    for (let first = 0; first < dataset.size; first += p.pageSize) {
      const records: Raw[] = [];
      for (let i = first; i < Math.min(dataset.size, first + p.pageSize); i += 1) records.push(toDialect(dataset.call(i), p.dialect));
      const account = String(records[0]!.account_sid);
      const line = `${JSON.stringify(pageBody(p.dialect, account, pages, p.pageSize, records, first + p.pageSize >= dataset.size))}\n`;
      bytes += writeAll(fd, line) - 1;
      pages += 1;
    }
  } finally {
    closeSync(fd);
  }
  return { records: dataset.size, pages, bytes };
});
