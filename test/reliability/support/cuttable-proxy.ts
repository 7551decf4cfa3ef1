import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of one server that the test can cut and heal: a network partition between
 * the processes that connect through it and the server, while everyone else still reaches it. A
 * cut drops nothing and closes nothing: bytes stop flowing either way, as when packets are lost,
 * and what was sent meanwhile arrives, late, once the cut heals.
 */
export interface CuttableProxy {
  port: number;
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
}

function join({ client, upstream }: Pair): void {
  client.pipe(upstream);
  upstream.pipe(client);
}

function part({ client, upstream }: Pair): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  // Unpiped streams would otherwise go on reading into their buffers; paused, the kernel holds the bytes.
  client.pause();
  upstream.pause();
}

export async function startCuttableProxy(target: { host: string; port: number }): Promise<CuttableProxy> {
  const pairs = new Set<Pair>();
  let cut = false;
  const server = createServer((client) => {
    const pair: Pair = { client, upstream: createConnection(target) };
    pairs.add(pair);
    for (const socket of [pair.client, pair.upstream]) {
      // A peer gone is the other side's business; the proxy only closes the pair.
      socket.on('error', () => undefined);
      socket.on('close', () => {
        pair.client.destroy();
        pair.upstream.destroy();
        pairs.delete(pair);
      });
    }
    if (cut) part(pair);
    else join(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    cut() {
      cut = true;
      for (const pair of pairs) part(pair);
    },
    heal() {
      cut = false;
      for (const pair of pairs) join(pair);
    },
    close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
