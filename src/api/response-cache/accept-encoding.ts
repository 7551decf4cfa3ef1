/**
 * Whether a client's Accept-Encoding lets an answer go gzip-coded, and prefers that to no coding
 * (RFC 9110, 12.5.3). Hand-written rather than taken from @fastify/accept-negotiator, which (2.1)
 * matches codings case-sensitively and lets `*` override an explicit `gzip;q=0`.
 */

/** The weights a header gives one coding: it may list the coding, or give it a q, more than once. */
interface Weights {
  lowest: number;
  highest: number;
  /** Some q was not a qvalue (RFC 9110 12.4.2: 0 to 1, at most three decimals). */
  malformed: boolean;
}

const QVALUE = /^q\s*=\s*([01](?:\.\d{0,3})?)$/i;

/** A q parameter's weight; NaN when it is not a qvalue. */
const weightOf = (parameter: string): number => {
  const value = Number(QVALUE.exec(parameter)?.[1] ?? Number.NaN);
  return value <= 1 ? value : Number.NaN;
};

/** Per coding listed (lower-cased, x-gzip as gzip), the weights given to it. */
function weights(header: string): Map<string, Weights> {
  const listed = new Map<string, Weights>();
  for (const entry of header.split(',')) {
    const [coding = '', ...parameters] = entry.split(';').map((part) => part.trim());
    if (coding === '') continue;
    const name = coding.toLowerCase() === 'x-gzip' ? 'gzip' : coding.toLowerCase();
    const weight = listed.get(name) ?? { lowest: 1, highest: 0, malformed: false };
    const given = parameters.filter((parameter) => /^q\s*=/i.test(parameter)).map(weightOf);
    // No q means a weight of 1.
    for (const value of given.length > 0 ? given : [1]) {
      if (Number.isNaN(value)) {
        weight.malformed = true;
        continue;
      }
      weight.lowest = Math.min(weight.lowest, value);
      weight.highest = Math.max(weight.highest, value);
    }
    listed.set(name, weight);
  }
  return listed;
}

/**
 * True when gzip is acceptable (listed, or covered by `*`, with a weight above 0) and weighs at
 * least as much as identity. Identity not named (nor covered by `*`) is still acceptable, as the
 * last resort, so it never outweighs a coding the client listed (as jshttp's negotiator ranks it).
 * No header means no preference, and an answer without a coding is the safe one to send. Where the
 * header is unclear (a malformed weight, a coding weighed twice) it is read the way that sends no
 * coding: gzip at its lowest weight (0 if malformed), identity at its highest (1 if malformed).
 */
export function prefersGzip(header: string | readonly string[] | undefined): boolean {
  if (header === undefined) return false;
  const listed = weights(typeof header === 'string' ? header : header.join(','));
  const gzipWeights = listed.get('gzip') ?? listed.get('*');
  const identityWeights = listed.get('identity') ?? listed.get('*');
  const gzip = gzipWeights === undefined || gzipWeights.malformed ? 0 : gzipWeights.lowest;
  const identity = identityWeights === undefined ? 0 : identityWeights.malformed ? 1 : identityWeights.highest;
  return gzip > 0 && gzip >= identity;
}
