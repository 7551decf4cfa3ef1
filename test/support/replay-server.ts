import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server (127.0.0.1, port 0) that answers like a source's published API: tests give
 * it a handler that builds documented responses (status, headers, body) from each request.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface ReplayResponse {
  /** @defaultValue 200 */
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait before sending the headers. */
  delayMs?: number;
  /** Send the headers, then this many bytes of body, then stall forever (a body that never ends). */
  stallAfterBytes?: number;
}

export type ReplayHandler = (request: RecordedRequest) => ReplayResponse | Promise<ReplayResponse>;

export class ReplayServer {
  readonly requests: RecordedRequest[] = [];
  private readonly open = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    public handler: ReplayHandler,
    readonly baseUrl: string,
  ) {}

  static async start(handler: ReplayHandler = () => ({ status: 404 })): Promise<ReplayServer> {
    let replay: ReplayServer | undefined;
    const server = createServer((req, res) => {
      void replay!.answer(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    replay = new ReplayServer(server, handler, `http://127.0.0.1:${port}`);
    return replay;
  }

  /** Requests whose path starts with `prefix`. */
  requestsTo(prefix: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path.startsWith(prefix));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://replay.local');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(request);
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    try {
      const reply = await this.handler(request);
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      if (res.destroyed) return;
      const body = reply.body === undefined ? Buffer.alloc(0) : Buffer.from(reply.body);
      if (reply.stallAfterBytes !== undefined) {
        res.writeHead(reply.status ?? 200, reply.headers ?? {});
        res.write(body.subarray(0, reply.stallAfterBytes));
        return;
      }
      res.writeHead(reply.status ?? 200, { 'content-length': String(body.length), ...reply.headers });
      res.end(body);
    } catch (error) {
      res.writeHead(599, { 'content-type': 'text/plain' });
      res.end(`replay handler failed: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function jsonReply(body: unknown, headers: Record<string, string> = {}, status = 200): ReplayResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** The kind of page a CDN or proxy serves in place of JSON when something upstream breaks. */
export function htmlErrorReply(status = 200): ReplayResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!DOCTYPE html><html><head><title>Service temporarily unavailable</title></head><body>Oops</body></html>',
  };
}
