/**
 * @module Radius of the n-th Fresnel ellipsoid.
 *
 * Reference: ITU-R P.526-15 §2.1, eq. (2): R_n = √(nλ d₁d₂ / (d₁ + d₂)), and eq. (3), its practical
 * form R_n = 550 √(n d₁d₂ / ((d₁ + d₂) f)) with d in km, f in MHz, R in m (550 is a rounding of
 * √(c/10⁶·10³) = 547.5).
 */
import { wavelengthM } from '../core/units.ts';
import { assertInRange, assertPositive } from '../core/assert.ts';

/**
 * Radius of the n-th Fresnel zone at a point of the path [ITU-R P.526-15 eq. (2)].
 * @param d1M - distance from one terminal, metres (≥ 0)
 * @param d2M - distance from the other terminal, metres (≥ 0)
 * @param frequencyMhz - frequency, MHz
 * @param n - zone number (default 1)
 * @returns radius, metres (0 at the terminals)
 */
export function fresnelZoneRadiusM(d1M: number, d2M: number, frequencyMhz: number, n = 1): number {
  assertInRange('d1M', d1M, 0, Infinity, 'm');
  assertInRange('d2M', d2M, 0, Infinity, 'm');
  assertPositive('n', n);
  const d = d1M + d2M;
  if (d === 0) return 0;
  return Math.sqrt((n * wavelengthM(frequencyMhz) * d1M * d2M) / d);
}
