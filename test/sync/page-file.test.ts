import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageFile, type PageRow } from '../../src/sync/page-file.js';
import { StagedPages } from '../../src/sync/staged-pages.js';

describe('PageFile', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  const dir = mkdtempSync(join(tmpdir(), 'callbridge-page-file-'));
  const page = new PageFile(join(dir, "it's a page.csv"));
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
    page.close();
    rmSync(dir, { recursive: true });
  });

  /** Writes the rows (taken from `source`) and reads them back through DuckDB's CSV reader, as sync does. */
  async function roundTrip(rows: PageRow[], source: Iterable<PageRow> = rows): Promise<PageRow[]> {
    const written = page.write(source);
    expect(written.rows).toBe(rows.length);
    const reader = await connection.runAndReadAll(PageFile.reader(written.maxLine), [page.path]);
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

  it('takes its rows from an iterator, once, quoting only the rows that need it', async () => {
    const rows: PageRow[] = [
      { text: 'plain', rawText: '{"sid":"CA1"}' },
      { text: 'delimiter \x1d here', rawText: '{\n"sid":"CA2"}' },
      { text: 'plain again', rawText: null },
    ];
    let taken = 0;
    function* once() {
      for (const row of rows) {
        taken++;
        yield row;
      }
    }
    expect(await roundTrip(rows, once())).toEqual(rows);
    expect(taken).toBe(3);
    // Only the second row's fields are quoted (\x1c); the rows around it are written as they are.
    const file = readFileSync(page.path, 'utf8');
    expect(file.startsWith('plain\x1d{"sid":"CA1"}\n\x1cdelimiter')).toBe(true);
    expect(file.endsWith('\x1c\nplain again\x1d\x1e\n')).toBe(true);
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

  it('is readable by its user only', () => {
    expect(statSync(page.path).mode & 0o777).toBe(0o600);
  });
});

describe('StagedPages', () => {
  it('stages pages in files used in turn, and removes them and their directory', () => {
    const pages = new StagedPages(2);
    const staged = Array.from({ length: 5 }, (_, i) => pages.stage([{ text: `page ${i}`, rawText: null }]));
    // Two waiting, one being written, one being made: the fifth page reuses the first page's file.
    expect(new Set(staged.slice(0, 4).map((page) => page.file.path)).size).toBe(4);
    expect(staged[4]!.file).toBe(staged[0]!.file);
    expect(staged.map((page) => page.length)).toEqual([1, 1, 1, 1, 1]);
    const dir = dirname(staged[0]!.file.path);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    pages.remove();
    expect(existsSync(dir)).toBe(false);
  });
});
