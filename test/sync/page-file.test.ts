import { existsSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageFile, type PageRow } from '../../src/sync/page-file.js';

describe('PageFile', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  const page = new PageFile();
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  /** Writes the rows and reads them back through DuckDB's CSV reader, as sync does. */
  async function roundTrip(rows: PageRow[]): Promise<PageRow[]> {
    const longest = page.write(rows);
    const reader = await connection.runAndReadAll(page.reader(longest));
    return reader.getRowObjectsJS().map((row) => ({ text: row.text as string, rawText: row.raw as string | null }));
  }

  it('hands DuckDB every row as it was, whatever bytes its fields hold', async () => {
    const rows: PageRow[] = [
      { text: 'twilio\x1fAC1\x1fCA1', rawText: '{"sid":"CA1"}' },
      // A pretty-printed page's records hold line ends; a text cell may hold any character but the row separators.
      { text: 'caller\nname\r\n', rawText: '{\n  "sid": "CA2",\r\n  "x": 1\n}' },
      { text: 'quote \x1c and \x1c\x1c, delimiter \x1d', rawText: null },
      { text: 'NUL \0, é, 😀, \x1e inside', rawText: '{"name":"Zoë 😀"}' },
      { text: '', rawText: '[]' },
      { text: '\x1c', rawText: '{}' },
    ];
    expect(await roundTrip(rows)).toEqual(rows);
  });

  it('replaces the page before, longer or shorter', async () => {
    await roundTrip(Array.from({ length: 500 }, (_, i) => ({ text: `long ${i} ${'x'.repeat(1000)}`, rawText: `{"i":${i}}` })));
    const rows = [{ text: 'short', rawText: '{"i":0}' }];
    expect(await roundTrip(rows)).toEqual(rows);
  });

  it('reads a row longer than DuckDB reads by default (2,000,000 bytes)', async () => {
    const rows = [
      { text: 'small', rawText: '{}' },
      { text: 'big', rawText: `{"notes":"${'é'.repeat(1_500_000)}"}` },
    ];
    expect(await roundTrip(rows)).toEqual(rows);
  });

  it('removes its file and directory', () => {
    const other = new PageFile();
    other.write([{ text: 'a', rawText: null }]);
    expect(existsSync(other.path)).toBe(true);
    other.remove();
    expect(existsSync(other.path)).toBe(false);
  });
});
