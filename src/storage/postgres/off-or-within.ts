import { InvalidStoreInputError } from '../errors/invalid-store-input-error.js';

/** The whole milliseconds a setting may take besides 0, which turns it off. */
export interface MsBounds {
  readonly min: number;
  readonly max: number;
}

/** Throws, naming the setting as `what`, unless `ms` is 0 or a whole number within `bounds`. */
export function checkOffOrWithin(what: string, ms: number, bounds: MsBounds): void {
  if (ms === 0 || (Number.isInteger(ms) && ms >= bounds.min && ms <= bounds.max)) return;
  throw new InvalidStoreInputError(
    `${what} must be 0, or a whole number of milliseconds from ${bounds.min} to ${bounds.max}, got ${ms}`,
  );
}
