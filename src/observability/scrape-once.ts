/**
 * Shares one read among the gauges of a scrape: prom-client starts every metric's collect in the
 * same tick, so callers that arrive while a read is in flight get that read, and the next scrape
 * reads afresh.
 */
export function oncePerScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= read().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
