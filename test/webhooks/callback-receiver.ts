import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A callback as the receiver got it: the full URL it was sent to, the headers and the raw body. */
export interface ReceivedCallback {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A loopback HTTP server that records every request and answers each with the status `answer` gives its path. */
export interface CallbackReceiver {
  origin: string;
  received: ReceivedCallback[];
  /** The most requests it held unanswered at once. */
  readonly mostOpen: number;
  close(): Promise<void>;
}

/** `holdMs`: how long it holds each answer back (a slow receiver). */
export async function startReceiver(answer: (path: string) => number = () => 204, holdMs = 0): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  let origin = '';
  let open = 0;
  let mostOpen = 0;
  const server = createServer((req, res) => {
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    res.on('close', () => (open -= 1));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
      received.push({ method: req.method ?? '', url: origin + (req.url ?? '/'), headers, body: Buffer.concat(chunks).toString('utf8') });
      setTimeout(() => res.writeHead(answer(new URL(req.url ?? '/', origin).pathname)).end(), holdMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    get mostOpen() {
      return mostOpen;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
