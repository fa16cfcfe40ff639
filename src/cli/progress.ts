import type { Writable } from 'node:stream';

/**
 * A one-line progress display (count and rate) for a terminal; silent when the
 * stream is not a terminal, so piped or logged runs stay clean.
 */
export class Progress {
  readonly #started = Date.now();
  readonly #live: boolean;
  #shown = 0;

  constructor(private readonly stream: Writable & { isTTY?: boolean }, private readonly label: string, quiet = false) {
    this.#live = stream.isTTY === true && !quiet;
  }

  /** Shows the count, at most ten times a second. */
  update(count: number): void {
    const now = Date.now();
    if (!this.#live || now - this.#shown < 100) return;
    this.#shown = now;
    const rate = count / Math.max((now - this.#started) / 1000, 0.001);
    this.stream.write(`\r${this.label} ${count} calls, ${Math.round(rate)}/s   `);
  }

  /** Ends the line so later output starts clean. */
  done(): void {
    if (this.#live) this.stream.write('\n');
  }
}
