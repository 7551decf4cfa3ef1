/**
 * Bounds a probe of a dependency: a load balancer's readiness check, or a worker asking whether its
 * store is down, wants an answer, not a hung call.
 */

/**
 * Settles as `answer` does, or rejects with "<what> within <ms> ms" once `ms` have passed first.
 * `answer` itself is not cancelled; a later rejection of it is handled here.
 */
export function answerWithin<T>(answer: Promise<T>, ms: number, what = 'no answer'): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
    answer.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
