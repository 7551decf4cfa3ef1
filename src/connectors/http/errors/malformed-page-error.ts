/** Stable codes of a page that arrived but cannot be read. */
export type MalformedPageCode =
  | 'invalid_json'
  | 'invalid_xml'
  | 'html_error_page'
  | 'wrong_content_type'
  | 'wrong_shape'
  | 'body_too_large'
  | 'invalid_utf8';

/**
 * A page came back but its body is unusable (bad JSON, an HTML error page, fields of the wrong type,
 * too large, not UTF-8). The whole page fails so its cursor does not move; earlier pages are unaffected.
 */
export class MalformedPageError extends Error {
  readonly retryable = true;
  constructor(
    readonly source: string,
    readonly code: MalformedPageCode,
    readonly url: string,
    detail: string,
  ) {
    super(`${source}: malformed page (${code}) from ${url}: ${detail}`);
    this.name = 'MalformedPageError';
  }
}
