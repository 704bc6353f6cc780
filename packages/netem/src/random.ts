/**
 * @module netem/random
 * Seeded randomness for the link emulator, so a run with `--seed N` makes the same losses,
 * resets and random outages every time. Not for anything secret.
 *
 * The generator is mulberry32 (Tommy Ettinger, public domain): 32 bits of state, period 2^32,
 * passes PractRand to 2^32 outputs — plenty for choosing which segment of a test run is lost.
 */

/** A uniform number in [0, 1). */
export type Random = () => number;

/**
 * A generator seeded with `seed` (any integer; only the low 32 bits count).
 * @throws RangeError when seed is not a safe integer
 */
export function seededRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed = ${seed} is not an integer`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * A waiting time of a Poisson process with `ratePerMs` events per millisecond (exponential
 * distribution, by inversion), ms. Infinity when the rate is 0.
 */
export function exponentialMs(random: Random, ratePerMs: number): number {
  if (ratePerMs <= 0) return Infinity;
  return -Math.log(1 - random()) / ratePerMs;
}
