import { createReadStream } from 'node:fs';

/** One physical line of a file, decoded when it can be. */
export interface FileLine {
  /** 1-based line number. */
  number: number;
  /** Byte offset just past this line's newline: where the next line starts. */
  endByte: number;
  /** Length of the line in bytes, without its newline. */
  byteLength: number;
  /** The decoded line without its line ending; absent when the line has a problem. */
  text?: string | undefined;
  problem?: { code: 'invalid_utf8' | 'line_too_long'; reason: string } | undefined;
  /** The start of the line, decoded leniently, for quarantine. */
  preview: string;
}

export interface ReadLinesOptions {
  /** Byte offset to start at: always the start of a line. */
  startByte: number;
  /** Lines before `startByte`, so numbering continues. */
  startLine: number;
  /** Longer lines are reported as `line_too_long` and never held in memory whole. */
  maxLineBytes: number;
  /** Sees every byte of each line handed out, newline included (for the page's content hash). */
  onBytes?: ((bytes: Buffer) => void) | undefined;
}

const PREVIEW_BYTES = 2048;
const NEWLINE = 0x0a;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Streams a file's lines from a byte offset. Each line is decoded on its own with a fatal decoder, so one
 * bad byte costs one line, not the file. Stop early with `break`: the file is closed.
 */
export async function* readLines(path: string, options: ReadLinesOptions): AsyncGenerator<FileLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const lenient = new TextDecoder('utf-8');
  const stream = createReadStream(path, { start: options.startByte, highWaterMark: 64 * 1024 });
  let parts: Buffer[] = [];
  let held = 0;
  let length = 0;
  let preview = Buffer.alloc(0);
  let lineStart = options.startByte;
  let number = options.startLine;

  const finishLine = (newline: boolean): FileLine => {
    number += 1;
    const endByte = lineStart + length + (newline ? 1 : 0);
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    if (lineStart === 0 && bytes.subarray(0, 3).equals(UTF8_BOM)) bytes = bytes.subarray(3);
    if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    const line: FileLine = { number, endByte, byteLength: length, preview: lenient.decode(preview) };
    if (length > options.maxLineBytes) {
      line.problem = {
        code: 'line_too_long',
        reason: `line is ${length} bytes; the limit is ${options.maxLineBytes}`,
      };
    } else {
      try {
        line.text = decoder.decode(bytes);
      } catch {
        line.problem = { code: 'invalid_utf8', reason: 'line is not valid UTF-8' };
      }
    }
    parts = [];
    held = 0;
    length = 0;
    preview = Buffer.alloc(0);
    lineStart = endByte;
    return line;
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const newline = chunk.indexOf(NEWLINE, offset);
        const end = newline === -1 ? chunk.length : newline;
        const piece = Buffer.from(chunk.subarray(offset, end));
        options.onBytes?.(piece);
        if (preview.length < PREVIEW_BYTES) {
          preview = Buffer.concat([preview, piece.subarray(0, PREVIEW_BYTES - preview.length)]);
        }
        length += piece.length;
        // Past the limit the line is only counted, so a 2 GB line without newlines costs no memory.
        if (length <= options.maxLineBytes) {
          parts.push(piece);
          held += piece.length;
        } else if (held > 0) {
          parts = [];
          held = 0;
        }
        if (newline === -1) break;
        options.onBytes?.(chunk.subarray(newline, newline + 1));
        yield finishLine(true);
        offset = newline + 1;
      }
    }
    if (length > 0) yield finishLine(false);
  } finally {
    stream.destroy();
  }
}
