import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StagedRows } from './driver.js';
import { PageBuffer, PageFile, type PageRow } from './page-file.js';

/** A page of rows in one of {@link StagedPages}' files, waiting to be written into calls. */
export class StagedPage implements StagedRows {
  constructor(
    readonly file: PageFile,
    readonly length: number,
    /** The reader's line limit the page needs (see {@link PageFile.write}). */
    readonly maxLine: number,
  ) {}
}

/**
 * The files of the pages read ahead of the one being written, used in turn:
 * `ahead` pages waiting (the one being made among them), one being written,
 * and one to spare, since a file rewritten before DuckDB has read it would
 * write another page's rows. They sit in a directory of their own under the
 * system's temporary directory, removed by {@link remove}.
 */
export class StagedPages {
  readonly #dir = mkdtempSync(join(tmpdir(), 'callbridge-sync-'));
  readonly #files: PageFile[];
  #next = 0;

  constructor(ahead: number) {
    const buffer = new PageBuffer();
    this.#files = Array.from({ length: ahead + 2 }, (_, i) => new PageFile(join(this.#dir, `page-${i}.csv`), buffer));
  }

  /** Writes the rows to the next file in turn. */
  stage(rows: Iterable<PageRow>): StagedPage {
    const file = this.#files[this.#next]!;
    this.#next = (this.#next + 1) % this.#files.length;
    const written = file.write(rows);
    return new StagedPage(file, written.rows, written.maxLine);
  }

  /** Closes and removes every file and the directory. */
  remove(): void {
    for (const file of this.#files) file.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
