import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver does with one request: answer with a status (and body), or never answer. */
export type Reply = { status: number; body?: string } | 'hang';

export interface ReceivedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookServer {
  url: string;
  received: ReceivedRequest[];
  /** Replies for the next requests, in order; after them every request gets `fallback`. */
  script(replies: Reply[], fallback?: Reply): void;
  close(): Promise<void>;
}

/** A real HTTP receiver on a free local port that answers as scripted and records every request. */
export async function startWebhookServer(): Promise<WebhookServer> {
  const received: ReceivedRequest[] = [];
  let replies: Reply[] = [];
  let fallback: Reply = { status: 200 };
  const hanging = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() });
      const reply = replies.shift() ?? fallback;
      if (reply === 'hang') {
        const release = () => response.destroy();
        hanging.add(release);
        return;
      }
      response.writeHead(reply.status, { 'Content-Type': 'text/plain' });
      response.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/carevoice`,
    received,
    script(next, otherwise = { status: 200 }) {
      replies = [...next];
      fallback = otherwise;
    },
    async close() {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
