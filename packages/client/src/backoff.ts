/**
 * @module backoff
 * When to try again after a failed sync: exponential backoff with "full jitter" — a uniform wait
 * in [0, min(cap, base · 2^attempt)) [Brooker, "Exponential Backoff And Jitter", AWS Architecture
 * Blog, 2015]. Jitter matters here more than usual: when a cell comes back after an outage, every
 * phone under it would otherwise retry in the same instant.
 */
import { randomUnit, type Env } from './env.ts';

export interface BackoffPolicy {
  /** First retry window, ms. */
  baseMs: number;
  /** Longest window, ms. */
  capMs: number;
}

/** 2 s doubling to 10 minutes: a few quick tries through a short fade, then patience. */
export const defaultBackoff: BackoffPolicy = { baseMs: 2_000, capMs: 600_000 };

/**
 * The wait before retry number `attempt` (0 = the first retry), ms.
 * @throws RangeError when attempt is negative or not an integer
 */
export function backoffDelayMs(attempt: number, env: Env, policy = defaultBackoff): number {
  if (!Number.isSafeInteger(attempt) || attempt < 0) {
    throw new RangeError(`backoff attempt ${attempt} is not a count`);
  }
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 40));
  return Math.floor(randomUnit(env) * window);
}
