import type { ParsedItem } from '../connector.js';

/** Which part of which file a page reads. */
export interface SliceRequest {
  path: string;
  /** File name as shown in locations and page URLs. */
  name: string;
  sha256: string;
  /** Lines already read (the next line is `startLine + 1`). */
  startLine: number;
  startByte: number;
  /** Lines to read; a CSV record that spans lines is finished even past this. */
  pageSize: number;
  maxLineBytes: number;
}

export interface FileSlice {
  items: ParsedItem[];
  /** Last line read (equals `startLine` when nothing was read). */
  lastLine: number;
  /** Byte offset just past the last line read. */
  endByte: number;
  /** SHA-256 (hex) of the slice's bytes. */
  contentHash: string;
}

/** What quarantine keeps of a raw line: enough to recognise it, bounded in size. */
export function rawPreview(text: string): string {
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
