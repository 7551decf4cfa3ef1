/**
 * Two implementations of one per-item pass timed side by side in this process: first checked to give
 * the same output for every item, then run over the same items on alternate chunks, in both orders
 * (flipping each chunk and round), so the load of a shared machine falls on both alike. Rates are
 * items per CPU-second of this process; the ratio (second ÷ first) is the figure to quote.
 */

export type Pass<T> = (item: T) => string;

export interface PairedRates {
  first: number;
  second: number;
  /** second ÷ first, to two decimals. */
  ratio: number;
}

export interface PairedOptions<T> {
  rounds: number;
  /** Items per timed chunk. @defaultValue 250 */
  chunk?: number;
  /** The error message when the two passes disagree on an item. */
  mismatch: (item: T) => string;
}

function cpuMicros(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

export function pairedCpuRates<T>(
  items: readonly T[],
  passes: readonly [Pass<T>, Pass<T>],
  options: PairedOptions<T>,
): PairedRates {
  const chunkSize = options.chunk ?? 250;
  for (const item of items) {
    if (passes[0](item) !== passes[1](item)) throw new Error(options.mismatch(item));
  }
  const micros = [0, 0];
  let count = 0;
  for (let round = 0; round < options.rounds; round++) {
    for (let at = 0; at < items.length; at += chunkSize) {
      const chunk = items.slice(at, at + chunkSize);
      const order = (round + at / chunkSize) % 2 === 0 ? [0, 1] : [1, 0];
      for (const which of order) {
        const pass = passes[which]!;
        micros[which]! += cpuMicros(() => {
          for (const item of chunk) pass(item);
        });
      }
      count += chunk.length;
    }
  }
  const first = Math.round(count / (micros[0]! / 1e6));
  const second = Math.round(count / (micros[1]! / 1e6));
  return { first, second, ratio: Math.round((second / first) * 100) / 100 };
}
