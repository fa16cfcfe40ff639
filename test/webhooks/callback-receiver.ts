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
  close(): Promise<void>;
}

export async function startReceiver(answer: (path: string) => number = () => 204): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
      received.push({ method: req.method ?? '', url: origin + (req.url ?? '/'), headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer(new URL(req.url ?? '/', origin).pathname)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
