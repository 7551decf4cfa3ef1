import { StringDecoder } from 'node:string_decoder';

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/**
 * The lines of a UTF-8 stream, split at LF only; the CR of a CRLF is dropped. JSON Lines allow a bare
 * CR as whitespace inside a line, which `readline` would take for a line break and so answer one
 * input line twice. A last line without a newline is still yielded.
 */
export async function* readLfLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of input) {
    // Only the new text can hold a newline: searching from there keeps a long line linear.
    let searchFrom = pending.length;
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (let at = pending.indexOf('\n', searchFrom); at !== -1; at = pending.indexOf('\n', searchFrom)) {
      yield withoutCr(pending.slice(start, at));
      start = at + 1;
      searchFrom = start;
    }
    pending = pending.slice(start);
  }
  pending += decoder.end();
  if (pending !== '') yield withoutCr(pending);
}
