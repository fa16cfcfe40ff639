import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Where a command reads and writes: the process's streams, or a test's. */
export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
}

const FLUSH_AT = 64 * 1024;

/**
 * Buffers text for a stream and respects its backpressure, so a command that
 * writes millions of lines keeps memory flat when the reader is slow.
 */
export class Output {
  #buffer = '';

  constructor(private readonly stream: Writable) {}

  /** Queues text; call {@link flushIfFull} in loops. */
  write = (text: string): void => {
    this.#buffer += text;
  };

  /** Writes the queue out once it is large, waiting for the stream to drain. */
  async flushIfFull(): Promise<void> {
    if (this.#buffer.length >= FLUSH_AT) await this.flush();
  }

  /** Writes everything queued, waiting for the stream to drain. */
  async flush(): Promise<void> {
    if (this.#buffer === '') return;
    const text = this.#buffer;
    this.#buffer = '';
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}
