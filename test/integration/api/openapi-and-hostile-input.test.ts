import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliWorkspace, createCliWorkspace, TEST_REDIS_URL } from '../cli/support/cli-workspace.js';
import { type ApiUnderTest, apiOver, getJson } from './support/api-harness.js';
import { type SeededStore, seededStore } from './support/seeded-store.js';

/** The served OpenAPI document, and what the API does with parameters meant to hurt it. */

let ws: CliWorkspace;
let seeded: SeededStore;
let api: ApiUnderTest;
beforeAll(async () => {
  ws = await createCliWorkspace();
  seeded = await seededStore(30);
  api = await apiOver({ store: seeded.store, redisUrl: TEST_REDIS_URL, prefix: ws.prefix });
});
afterAll(async () => {
  await api?.close();
  await seeded?.cleanup();
  await ws?.cleanup();
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every `$ref` in the document, which must all point inside it. */
function refs(value: Json, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refs(item, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refs(v, found);
    }
  }
  return found;
}

function resolvePointer(doc: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = doc;
  for (const part of ref.slice(2).split('/')) {
    const keyPart = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' && !Array.isArray(node) ? node[keyPart] : undefined;
  }
  return node;
}

describe('GET /openapi.json', () => {
  it('is a well-formed OpenAPI 3 document describing the health, comment, score and status routes', async () => {
    const { status, body } = await getJson<{
      openapi: string;
      info: { title: string; version: string };
      paths: Record<
        string,
        Record<
          string,
          { parameters?: { name: string; in: string; schema?: unknown }[]; responses: Record<string, unknown> }
        >
      >;
    }>(api.app, '/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(body.info.title).toMatch(/\S/);
    expect(body.info.version).toMatch(/\S/);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/health/live', '/health/ready', '/v1/comments', '/v1/scores', '/v1/status']),
    );
    expect(Object.keys(body.paths)).not.toContain('/openapi.json');
    for (const [path, item] of Object.entries(body.paths)) {
      expect(path).toMatch(/^\//);
      for (const [method, operation] of Object.entries(item)) {
        expect(HTTP_METHODS, `${path} ${method}`).toContain(method);
        expect(Object.keys(operation.responses).length, `${path} ${method}`).toBeGreaterThan(0);
        for (const code of Object.keys(operation.responses)) expect(code).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
        for (const parameter of operation.parameters ?? []) {
          expect(['query', 'path', 'header', 'cookie']).toContain(parameter.in);
          expect(parameter.name).toMatch(/\S/);
          expect(parameter.schema, `${path} ${parameter.name}`).toBeTypeOf('object');
        }
      }
    }
    const commentParams = (body.paths['/v1/comments']?.['get']?.parameters ?? []).map((p) => p.name).sort();
    expect(commentParams).toEqual(
      ['after', 'limit', 'odsCode', 'periodFrom', 'periodTo', 'sentiment', 'source', 'theme', 'tumourGroup'].sort(),
    );
    const scoreParams = (body.paths['/v1/scores']?.['get']?.parameters ?? []).map((p) => p.name).sort();
    expect(scoreParams).toEqual(['odsCode', 'periodFrom', 'periodTo', 'theme', 'tumourGroup']);
    for (const ref of refs(body as unknown as Json)) {
      expect(resolvePointer(body as unknown as Json, ref), ref).toBeDefined();
    }
  });
});

describe('hostile parameters', () => {
  it.each([
    ['/v1/comments?odsCode=RBV%27%20OR%201%3D1%20--', 'odsCode'],
    ['/v1/comments?source=x%27%3B%20DROP%20TABLE%20comments%3B%20--', 'source'],
    ['/v1/comments?theme=waiting_times%3B%20DELETE%20FROM%20comments', 'theme'],
    ['/v1/comments?tumourGroup=%25', 'tumourGroup'],
    ['/v1/comments?sentiment=POSITIVE', 'sentiment'],
    ['/v1/comments?limit=1e9', 'limit'],
    ['/v1/comments?limit=0', 'limit'],
    ['/v1/comments?limit=-5', 'limit'],
    ['/v1/comments?limit=2.5', 'limit'],
    ['/v1/comments?limit=ten', 'limit'],
    ['/v1/comments?periodFrom=2025-13', 'periodFrom'],
    ['/v1/comments?periodTo=2025-1', 'periodTo'],
    ['/v1/comments?periodFrom=2025-01-01', 'periodFrom'],
    ['/v1/comments?periodFrom=%27%20OR%20%27%27%3D%27', 'periodFrom'],
    ['/v1/comments?after=not%20a%20cursor%21', 'after'],
    ['/v1/comments?odsCode=RBV&odsCode=RPY', 'odsCode'],
    ['/v1/comments?includeDuplicates=true', 'includeDuplicates'],
    ['/v1/comments?foo=bar', 'foo'],
    ['/v1/scores?odsCode=rbv', 'odsCode'],
    ['/v1/scores?theme=all%27--', 'theme'],
    ['/v1/scores?periodTo=9999-99', 'periodTo'],
    ['/v1/scores?limit=10', 'limit'],
  ])('%s → 400 naming %s', async (url, parameter) => {
    const { status, body } = await getJson<{ error: string; message: string }>(api.app, url);
    expect({ status, error: body.error }).toEqual({ status: 400, error: 'bad_request' });
    expect(body.message).toContain(parameter);
  });

  it.each([
    ['AAAA', 'base64url of bytes that are not JSON'],
    ['eyJ4IjoxfQ', 'base64url of {"x":1}'],
    ['WyIyMDI1LTAxIiwxLDJd', 'base64url of ["2025-01",1,2]'],
  ])('after=%s (%s) → 400 naming the cursor, not a server error', async (cursor) => {
    const { status, body } = await getJson<{ error: string; message: string }>(api.app, `/v1/comments?after=${cursor}`);
    expect({ status, error: body.error }).toEqual({ status: 400, error: 'bad_request' });
    expect(body.message).toMatch(/cursor/i);
  });

  it('leaves the store as it was', async () => {
    expect(await seeded.store.countComments({ includeDuplicates: true })).toBe(30);
    expect((await getJson(api.app, '/v1/comments?limit=1')).status).toBe(200);
  });
});
