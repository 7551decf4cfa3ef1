import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of one server that the test can cut and heal: a network partition between
 * the processes that connect through it and the server, while everyone else still reaches it.
 */
export interface CuttableProxy {
  port: number;
  /** `url` (one of the proxied server's: path, user and options kept) pointed at the proxy instead. */
  through(url: string): string;
  /**
   * `silent`: nothing is closed, bytes stop flowing either way, as when packets are lost, and what
   * was sent meanwhile arrives, late, once the cut heals (a new connection still opens, where a real
   * partition would lose its handshake). `reset`: every connection is closed and new ones are closed
   * as soon as they open, as when the server has gone away.
   */
  cut(how?: 'silent' | 'reset'): void;
  heal(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
  /** Piped both ways; joining twice would send every byte twice. */
  flowing: boolean;
}

function join(pair: Pair): void {
  if (pair.flowing) return;
  pair.client.pipe(pair.upstream);
  pair.upstream.pipe(pair.client);
  pair.flowing = true;
}

function part(pair: Pair): void {
  pair.client.unpipe(pair.upstream);
  pair.upstream.unpipe(pair.client);
  // Unpiped streams would otherwise go on reading into their buffers; paused, the kernel holds the bytes.
  pair.client.pause();
  pair.upstream.pause();
  pair.flowing = false;
}

const DEFAULT_PORTS: Record<string, number> = { 'redis:': 6379, 'postgres:': 5432, 'postgresql:': 5432 };

/** Starts a proxy in front of the server `serverUrl` names (redis:// or postgres://). */
export async function startCuttableProxy(serverUrl: string): Promise<CuttableProxy> {
  const server = new URL(serverUrl);
  const target = { host: server.hostname, port: Number(server.port || DEFAULT_PORTS[server.protocol]) };
  const pairs = new Set<Pair>();
  let cut: 'silent' | 'reset' | undefined;
  const listener = createServer({ noDelay: true }, (client) => {
    if (cut === 'reset') {
      client.destroy();
      return;
    }
    // No Nagle delays: the cases time locks and stalls in hundreds of milliseconds.
    const pair: Pair = { client, upstream: createConnection({ ...target, noDelay: true }), flowing: false };
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
    if (cut === 'silent') part(pair);
    else join(pair);
  });
  // An accept that fails (out of file descriptors, say) fails the case, not the test process.
  listener.on('error', () => undefined);
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    through(url) {
      const proxied = new URL(url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(port);
      return proxied.toString();
    },
    cut(how = 'silent') {
      cut = how;
      for (const pair of pairs) {
        if (how === 'silent') part(pair);
        else {
          pair.client.destroy();
          pair.upstream.destroy();
        }
      }
    },
    heal() {
      cut = undefined;
      for (const pair of pairs) join(pair);
    },
    close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      return new Promise((resolve) => listener.close(() => resolve()));
    },
  };
}
