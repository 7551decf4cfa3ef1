import { MalformedPageError } from './errors/malformed-page-error.js';

/**
 * Reads a response body as bytes, refusing more than `maxBytes`: a declared Content-Length over the
 * cap fails before reading, and a streamed body is cancelled as soon as it passes the cap.
 */
export async function readCappedBody(
  response: Response,
  maxBytes: number,
  where: { source: string; url: string },
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const tooLarge = (size: string) =>
    new MalformedPageError(where.source, 'body_too_large', where.url, `${size}; the limit is ${maxBytes} bytes`);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(`Content-Length is ${declared} bytes`);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(`the body passed ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
