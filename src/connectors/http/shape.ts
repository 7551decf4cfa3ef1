import { MalformedPageError } from './errors/malformed-page-error.js';
import type { HttpClient } from './http-client.js';

/** A page whose envelope (not one item) has the wrong shape fails whole, as `wrong_shape`. */
export function wrongShape(client: HttpClient, url: string, detail: string): MalformedPageError {
  return new MalformedPageError(client.source, 'wrong_shape', url, detail);
}

/** Runs an envelope reader that returns the value or a description of what is wrong. */
export function shapeOrThrow<T>(
  client: HttpClient,
  url: string,
  body: unknown,
  read: (body: unknown) => T | string,
): T {
  const result = read(body);
  if (typeof result === 'string') throw wrongShape(client, url, result);
  return result;
}
