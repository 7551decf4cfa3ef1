/**
 * Links to comments as an export may publish them. A permalink that names the author's account
 * (`x.com/<handle>/status/…`, `mastodon.social/@<handle>/…`, `bsky.app/profile/<handle>/…`) would
 * undo the keyed author hash: anyone could group one person's comments. Such links are rewritten
 * to an account-free form where the site has one, and dropped where it has none.
 */

const X_HOSTS = new Set(['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com']);

/** The link to publish for a comment's stored URL, or null when it cannot be shown without its author. */
export function publicCommentLink(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null; // not a link anyone could follow; nothing is lost by leaving it out
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  parsed.username = '';
  parsed.password = '';
  const segments = parsed.pathname.split('/').filter((segment) => segment.length > 0);
  if (X_HOSTS.has(parsed.hostname)) {
    const status = segments.indexOf('status');
    const id = status >= 0 ? segments[status + 1] : undefined;
    return id && /^\d+$/.test(id) ? `https://x.com/i/web/status/${id}` : null;
  }
  // Fediverse (`/@handle/…`, `/users/handle/…`) and Bluesky (`/profile/handle/…`) paths name the account.
  if (segments.some((segment) => segment.startsWith('@') || segment.startsWith('%40'))) return null;
  if (segments[0] === 'users' || segments[0] === 'profile' || segments[0] === 'user' || segments[0] === 'u') {
    return null;
  }
  return parsed.toString();
}
