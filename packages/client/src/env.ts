/**
 * @module env
 * The clock, randomness and timers the SDK uses, passed in rather than read from globals (house
 * style rule 12), so tests run on a fake clock with seeded randomness and retries can be replayed.
 * `systemEnv()` is the only place that touches `Date`, `crypto` and `setTimeout`.
 */

export interface Env {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** `n` bytes from a cryptographically secure generator. */
  randomBytes(n: number): Uint8Array;
  /** Resolves after `ms` milliseconds, or rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock, `crypto.getRandomValues` and `setTimeout` (browsers and Node ≥ 20 alike). */
export function systemEnv(): Env {
  return {
    now: () => Date.now(),
    randomBytes: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason as Error);
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal!.reason as Error);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}

/** A uniform number in [0, 1) from the environment's secure randomness (for jitter). */
export function randomUnit(env: Env): number {
  const b = env.randomBytes(4);
  return (((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!) / 2 ** 32;
}
