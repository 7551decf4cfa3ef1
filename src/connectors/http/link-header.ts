/** The URL of one relation in an RFC 8288 `Link` header (`<url>; rel="next", …`), or null. */
export function linkRelation(header: string | null, rel: string): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel="?([^";]+)"?/i.exec(match[2]!)?.[1]?.split(/\s+/) ?? [];
    if (rels.includes(rel)) return match[1]!;
  }
  return null;
}
