import { describe, expect, it } from 'vitest';
import { publicCommentLink } from '../../../src/domain/privacy/public-link.js';

describe('publicCommentLink', () => {
  it('keeps links that name no account', () => {
    expect(publicCommentLink('https://www.careopinion.org.uk/1234567')).toBe('https://www.careopinion.org.uk/1234567');
    expect(publicCommentLink('https://www.reddit.com/r/cancer/comments/abc/title/def/')).toBe(
      'https://www.reddit.com/r/cancer/comments/abc/title/def/',
    );
  });

  it('rewrites X links to the account-free form', () => {
    expect(publicCommentLink('https://x.com/someone/status/1790000000000000001')).toBe(
      'https://x.com/i/web/status/1790000000000000001',
    );
    expect(publicCommentLink('https://twitter.com/someone/status/42?s=20')).toBe('https://x.com/i/web/status/42');
    expect(publicCommentLink('https://x.com/someone')).toBeNull();
  });

  it('drops links whose path names the account', () => {
    expect(publicCommentLink('https://mastodon.social/@someone/112233')).toBeNull();
    expect(publicCommentLink('https://mastodon.social/users/someone/statuses/112233')).toBeNull();
    expect(publicCommentLink('https://bsky.app/profile/someone.bsky.social/post/3kabc')).toBeNull();
    expect(publicCommentLink('https://www.reddit.com/user/someone/comments/x')).toBeNull();
    expect(publicCommentLink('https://www.reddit.com/u/someone')).toBeNull();
  });

  it('drops credentials, odd schemes and unreadable links', () => {
    expect(publicCommentLink('https://user:secret@example.org/a')).toBe('https://example.org/a');
    expect(publicCommentLink('file://inbox/comments.csv#lines=1-2')).toBeNull();
    expect(publicCommentLink('javascript:alert(1)')).toBeNull();
    expect(publicCommentLink('not a link')).toBeNull();
    expect(publicCommentLink(undefined)).toBeNull();
  });
});
