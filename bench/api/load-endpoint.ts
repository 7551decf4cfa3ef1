import autocannon from 'autocannon';

/**
 * Drives one URL with autocannon: `connections` clients, each sending its next request as soon as
 * the previous answer arrives, for `seconds` (after an untimed warm-up of the same length / 5, so
 * the JIT and the database's caches are warm). Latency is per request, from send to full answer.
 */

export interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers that were not 2xx, and connection errors or timeouts. */
  non2xx: number;
  errors: number;
  /** Mean bytes read per answer (as sent: gzip-coded where asked for), headers included. */
  meanBytes: number;
}

function run(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string>,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, timeout: 30, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

export async function loadEndpoint(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<LoadFigures> {
  await run(url, connections, Math.max(1, Math.round(seconds / 5)), headers);
  const result = await run(url, connections, seconds, headers);
  const total = result.requests.total;
  return {
    requests: total,
    requestsPerSecond: total / seconds,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    meanBytes: total > 0 ? result.throughput.total / total : 0,
  };
}
