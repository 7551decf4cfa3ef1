import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../../../src/connectors/errors/rate-limited-error.js';
import { MalformedPageError } from '../../../../src/connectors/http/errors/malformed-page-error.js';
import { RequestTimeoutError } from '../../../../src/connectors/http/errors/request-timeout-error.js';
import { UpstreamError } from '../../../../src/connectors/http/errors/upstream-error.js';
import { HttpClient, redactUrl } from '../../../../src/connectors/http/http-client.js';
import { jsonReply, ReplayServer } from '../../../support/replay-server.js';

let server: ReplayServer;
const client = (extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({ source: 'test', timeoutMs: 500, maxBodyBytes: 1024, ...extra });

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: Error) => error,
  );
}

beforeEach(async () => {
  server = await ReplayServer.start();
});
afterEach(async () => {
  await server.close();
});

describe('HttpClient', () => {
  it('parses JSON, hashes the raw body and names CareVoice in the User-Agent', async () => {
    server.handler = () => jsonReply({ ok: true }, { etag: '"v1"' });
    const response = await client().getJson({ url: `${server.baseUrl}/x` });
    expect(response.body).toEqual({ ok: true });
    expect(response.contentHash).toBe('4062edaf750fb8074e7e83e0c9028c94e32468a8b6f1614774328ef045150f93');
    expect(response.etag).toBe('"v1"');
    expect(server.requests[0]!.headers['user-agent']).toMatch(/^CareVoice\//);
    expect(server.requests[0]!.headers.accept).toBe('application/json');
  });

  it('cancels a streamed body as soon as it passes the cap, with no Content-Length to go by', async () => {
    server.handler = () => ({
      headers: { 'content-type': 'application/json' },
      body: ' '.repeat(4096),
      stallAfterBytes: 4096,
    });
    const error = await failure(client({ timeoutMs: 5_000 }).getJson({ url: `${server.baseUrl}/big` }));
    expect(error).toBeInstanceOf(MalformedPageError);
    expect((error as MalformedPageError).code).toBe('body_too_large');
  });

  it('times out a body that starts but never ends', async () => {
    server.handler = () => ({ headers: { 'content-type': 'application/json' }, body: '{"a": 1', stallAfterBytes: 3 });
    const error = await failure(client({ timeoutMs: 200 }).getJson({ url: `${server.baseUrl}/slow` }));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).retryable).toBe(true);
  });

  it('turns 503 with an HTTP-date Retry-After into a pause, and 503 without one into a retryable error', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    server.handler = () => ({ status: 503, headers: { 'retry-after': at } });
    const paused = await failure(client().getJson({ url: `${server.baseUrl}/a` }));
    expect(paused).toBeInstanceOf(RateLimitedError);
    expect((paused as RateLimitedError).retryAfterMs).toBeGreaterThan(115_000);
    expect((paused as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(120_000);
    server.handler = () => ({ status: 503, body: 'maintenance' });
    const failed = await failure(client().getJson({ url: `${server.baseUrl}/a` }));
    expect(failed).toBeInstanceOf(UpstreamError);
    expect(failed).toMatchObject({ status: 503, retryable: true, code: 'upstream_unavailable' });
    expect(failed.message).toContain('maintenance');
  });

  it('reports an unreachable source as a retryable network error', async () => {
    const url = server.baseUrl;
    await server.close();
    server = await ReplayServer.start();
    const error = await failure(client().getJson({ url: `${url}/gone` }));
    expect(error).toMatchObject({ name: 'UpstreamError', status: 0, code: 'network_error', retryable: true });
  });

  it('sends validators and reports 304 as not modified', async () => {
    server.handler = (request) =>
      request.headers['if-none-match'] === '"v1"' ? { status: 304, headers: { etag: '"v1"' } } : jsonReply({});
    const response = await client().getXml({
      url: `${server.baseUrl}/feed`,
      conditional: { etag: '"v1"', lastModified: 'Sun, 01 Mar 2026 10:00:00 GMT' },
    });
    expect(response.notModified).toBe(true);
    expect(response.body).toBeNull();
    expect(server.requests[0]!.headers['if-modified-since']).toBe('Sun, 01 Mar 2026 10:00:00 GMT');
  });

  it('refuses the wrong content type and invalid XML with clear codes', async () => {
    server.handler = () => ({ headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(await failure(client().getJson({ url: `${server.baseUrl}/a` }))).toMatchObject({
      code: 'wrong_content_type',
    });
    server.handler = () => ({ headers: { 'content-type': 'application/rss+xml' }, body: '<rss><channel></rss>' });
    expect(await failure(client().getXml({ url: `${server.baseUrl}/a` }))).toMatchObject({ code: 'invalid_xml' });
  });

  it('masks credentials in URLs it reports', async () => {
    expect(redactUrl('https://x.example/api?key=secret&take=10')).toBe('https://x.example/api?key=***&take=10');
    server.handler = () => ({ status: 500 });
    const error = await failure(client().getJson({ url: `${server.baseUrl}/a?key=secret` }));
    expect(error.message).not.toContain('secret');
  });
});
