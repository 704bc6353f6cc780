import { describe, expect, it } from 'vitest';
import { horizonIsFragile } from './kernel-fast.ts';

/** A pfl over flat ground at 100 m with one obstacle of height `bump` (m) at sample `at`. */
function profile(n: number, xi: number, at: number, bump: number): Float64Array {
  const pfl = new Float64Array(n + 3);
  pfl[0] = n;
  pfl[1] = xi;
  for (let i = 0; i <= n; i++) pfl[i + 2] = 100;
  pfl[at + 2] = 100 + bump;
  return pfl;
}

/** The bump that makes the obstacle exactly graze the line from a 30 m mast to a 1.5 m handset. */
function grazing(n: number, xi: number, at: number): number {
  const d = n * xi;
  const x = at * xi;
  // ITM's effective earth for N₀ 301 at 100 m [TN101, Eqs 4.3, 4.4].
  const nS = 301 * Math.exp(-100 / 9460);
  const twoA = 2 / (157e-9 * (1 - 0.04665 * Math.exp(nS / 179.3)));
  // Same angle from the transmitter as the receiver itself (the reference's tie).
  const thetaDirect = (101.5 - 130) / d - d / twoA;
  return 130 + (thetaDirect + x / twoA) * x - 100;
}

describe('horizonIsFragile', () => {
  it('flags an obstacle that just grazes the line of sight (within millimetres)', () => {
    const n = 200;
    const xi = 90;
    const h = grazing(n, xi, 100);
    expect(horizonIsFragile(profile(n, xi, 100, h + 0.005), 30, 1.5, 301, 0.02)).toBe(true);
    expect(horizonIsFragile(profile(n, xi, 100, h - 0.005), 30, 1.5, 301, 0.02)).toBe(true);
  });

  it('leaves a clear obstacle, or a clear line of sight, to the fast path', () => {
    const n = 200;
    const xi = 90;
    const h = grazing(n, xi, 100);
    expect(horizonIsFragile(profile(n, xi, 100, h + 20), 30, 1.5, 301, 0.02)).toBe(false);
    expect(horizonIsFragile(profile(n, xi, 100, h - 20), 30, 1.5, 301, 0.02)).toBe(false);
  });
});
