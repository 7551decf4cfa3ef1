/**
 * Some sources' item ids name the author's account: a Bluesky post is `at://<did>/app.bsky.feed.post/<rkey>`.
 * Stored as is, the DID would group one person's posts as surely as their handle. The account part is
 * replaced by a keyed hash of it (the same key as author hashes), so the id stays stable and unique per
 * post while naming nobody.
 */
const AT_URI = /^at:\/\/(did:[a-z0-9]+:[A-Za-z0-9._:%-]+)(\/.*)?$/;

export function accountFreeExternalId(externalId: string, hashAccount: (account: string) => string): string {
  const match = AT_URI.exec(externalId);
  if (!match) return externalId;
  return `at://acct-${hashAccount(match[1]!).slice(0, 32)}${match[2] ?? ''}`;
}
