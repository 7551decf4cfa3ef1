/**
 * Whether a client's Accept-Encoding lets an answer go gzip-coded, and prefers that to no coding
 * (RFC 9110, 12.5.3). Hand-written rather than taken from @fastify/accept-negotiator, which (2.1)
 * matches codings case-sensitively and lets `*` override an explicit `gzip;q=0`.
 */

/**
 * The weight (qvalue) of each coding listed, lower-cased. Where the header is unclear the coding
 * counts as refused, since an answer without a coding is always acceptable: a malformed weight is
 * 0, and a coding listed twice takes the lower of its weights.
 */
function weights(header: string): Map<string, number> {
  const listed = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [coding = '', ...parameters] = entry.split(';').map((part) => part.trim());
    if (coding === '') continue;
    let weight = 1;
    for (const parameter of parameters) {
      if (!/^q\s*=/i.test(parameter)) continue;
      const match = /^q\s*=\s*([01](?:\.\d{0,3})?)$/i.exec(parameter);
      const value = match ? Number(match[1]) : Number.NaN;
      weight = value <= 1 ? value : 0;
    }
    const name = coding.toLowerCase() === 'x-gzip' ? 'gzip' : coding.toLowerCase();
    listed.set(name, Math.min(listed.get(name) ?? 1, weight));
  }
  return listed;
}

/**
 * True when gzip is acceptable (listed, or covered by `*`, with a weight above 0) and weighs at
 * least as much as identity. Identity not named (nor covered by `*`) is still acceptable, as the
 * last resort, so it never outweighs a coding the client listed (as jshttp's negotiator ranks it).
 * No header means no preference, and an answer without a coding is the safe one to send.
 */
export function prefersGzip(header: string | readonly string[] | undefined): boolean {
  if (header === undefined) return false;
  const listed = weights(typeof header === 'string' ? header : header.join(','));
  const any = listed.get('*');
  const gzip = listed.get('gzip') ?? any ?? 0;
  const identity = listed.get('identity') ?? any ?? 0;
  return gzip > 0 && gzip >= identity;
}
