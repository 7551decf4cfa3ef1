import { describe, expect, it } from 'vitest';
import { accountFreeExternalId } from '../../../src/domain/privacy/account-free-id.js';
import { prepareItem } from '../../../src/pipeline/collect/prepare-item.js';

const hash = (account: string) => `h${account.length.toString().padStart(63, '0')}`;

describe('account-free ids and links', () => {
  it('replaces the DID of a Bluesky AT URI with a keyed hash, keeping the post path', () => {
    const id = accountFreeExternalId('at://did:plc:abc123xyz/app.bsky.feed.post/3kq2', hash);
    expect(id).toBe(`at://acct-${hash('did:plc:abc123xyz').slice(0, 32)}/app.bsky.feed.post/3kq2`);
    expect(id).not.toContain('did:plc');
  });

  it('leaves ids that name no account alone', () => {
    expect(accountFreeExternalId('t3_abc123', hash)).toBe('t3_abc123');
    expect(accountFreeExternalId('sample-42-7', hash)).toBe('sample-42-7');
  });

  it('stores neither the DID nor a handle-bearing permalink of a collected post', () => {
    const prepared = prepareItem(
      {
        ok: true,
        item: {
          externalId: 'at://did:plc:abc123xyz/app.bsky.feed.post/3kq2',
          text: 'The oncology day unit was kind',
          url: 'https://bsky.app/profile/did:plc:abc123xyz/post/3kq2',
          authorHandle: 'someone.bsky.social',
        },
      },
      {
        source: 'bluesky',
        page: { url: 'https://api.example/x', fetchedAt: '2026-01-01T00:00:00Z', contentHash: 'c'.repeat(64) },
        redact: (text) => ({ text, redactions: [] }),
        authorHashKey: 'k'.repeat(32),
        maxTextLength: 1000,
        receivedAt: '2026-01-01T00:00:00Z',
      },
    );
    expect(prepared.kind).toBe('comment');
    const stored = JSON.stringify(prepared);
    expect(stored).not.toContain('did:plc:abc123xyz');
    expect(stored).not.toContain('someone.bsky.social');
  });
});
