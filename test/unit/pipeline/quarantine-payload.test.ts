import { describe, expect, it } from 'vitest';
import { renderQuarantinePayload, safeJson, truncateUtf8 } from '../../../src/pipeline/quarantine-payload.js';

const maskDigits = (text: string) => ({ text: text.replace(/\d/g, '#'), redactions: [] });

describe('renderQuarantinePayload', () => {
  it('renders JSON and redacts it', () => {
    expect(renderQuarantinePayload({ phone: '07700 900123' }, maskDigits)).toBe('{"phone":"##### ######"}');
  });

  it('keeps strings as they are (a bad line of a file)', () => {
    expect(renderQuarantinePayload('not json 12', maskDigits)).toBe('not json ##');
  });

  it('truncates to 2 KB of UTF-8 without splitting characters', () => {
    const rendered = renderQuarantinePayload({ text: '🙂'.repeat(3000) }, maskDigits);
    expect(Buffer.byteLength(rendered, 'utf8')).toBeLessThanOrEqual(2048);
    expect(rendered.endsWith('…[truncated]')).toBe(true);
    expect(rendered).not.toContain('\ufffd');
    expect(rendered.replace('…[truncated]', '')).toMatch(/^\{"text":"(🙂)+$/u);
  });
});

describe('safeJson and truncateUtf8', () => {
  it('never throws on cycles or BigInt', () => {
    const cyclic: Record<string, unknown> = { n: 10n };
    cyclic['self'] = cyclic;
    expect(safeJson(cyclic)).toBe('{"n":"10","self":"[cycle]"}');
    expect(safeJson(undefined)).toBe('undefined');
  });

  it('leaves short text alone', () => {
    expect(truncateUtf8('short', 2048)).toBe('short');
  });
});

describe('quarantine payloads withhold who wrote a record', () => {
  it('drops author fields, handle-bearing links and account DIDs', () => {
    const payload = renderQuarantinePayload(
      {
        author: 'jane_smith',
        author_fullname: 't2_jane',
        account: { acct: 'jane_smith', display_name: 'Jane Smith', id: '109302' },
        url: 'https://mastodon.social/@jane_smith/1123',
        permalink: 'https://www.reddit.com/r/cancer/comments/abc/title/',
        uri: 'at://did:plc:abc123/app.bsky.feed.post/3kq',
        text: 'the ward was cold',
      },
      (text) => ({ text, redactions: [] }),
    );
    expect(payload).not.toMatch(/jane|Jane|t2_jane|did:plc:abc123/);
    expect(payload).toContain('the ward was cold');
    expect(payload).toContain('https://www.reddit.com/r/cancer/comments/abc/title/');
  });
});
