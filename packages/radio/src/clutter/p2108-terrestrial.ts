/**
 * @module Statistical clutter loss at one end of a terrestrial path.
 *
 * Reference: ITU-R P.2108-1 (09/2021) §3.2, eqs (3a)–(5b): L_ctt = −5 log(10^(−0.2 L_l) + 10^(−0.2 L_s))
 * − σ_cb Q⁻¹(p/100), with L_l = −2 log(10^(−5 log f − 12.5) + 10^(−16.5)), σ_l = 4 dB,
 * L_s = 32.98 + 23.9 log d + 3.0 log f, σ_s = 6 dB, σ_cb² the power-weighted mix of σ_l² and σ_s²;
 * f in GHz (0.5–67), d in km (≥ 0.25), p the percentage of locations. The loss is not allowed to grow
 * beyond its value at 2 km, as in the ITU-R SG3 reference implementation of §3.2.
 */
import { assertInRange, assertPositive } from '../core/assert.ts';
import { inverseComplementaryNormal } from '../math/inverse-normal.ts';

/** P.2108 §3.2 result. */
export interface ClutterLossResult {
  /** Clutter loss not exceeded for p % of locations, dB. */
  readonly lossDb: number;
  /** Applicability warnings (frequency range, path length). */
  readonly warnings: readonly string[];
}

function lctt(fGhz: number, dKm: number, q: number): number {
  const ll = -2 * Math.log10(10 ** (-5 * Math.log10(fGhz) - 12.5) + 10 ** -16.5);
  const ls = 32.98 + 23.9 * Math.log10(dKm) + 3 * Math.log10(fGhz);
  const wl = 10 ** (-0.2 * ll);
  const ws = 10 ** (-0.2 * ls);
  const sigma = Math.sqrt((16 * wl + 36 * ws) / (wl + ws));
  return -5 * Math.log10(wl + ws) - sigma * q;
}

/**
 * Terrestrial clutter loss at one terminal [ITU-R P.2108-1 §3.2].
 * @param frequencyMhz - frequency, MHz (the Recommendation covers 500–67 000 MHz)
 * @param distanceKm - path length, km (≥ 0.25; the correction may be applied at both ends only for d ≥ 1 km)
 * @param locationPercent - percentage of locations p, 0 < p < 100
 */
export function terrestrialClutterLoss(
  frequencyMhz: number,
  distanceKm: number,
  locationPercent: number,
): ClutterLossResult {
  assertPositive('frequencyMhz', frequencyMhz, 'MHz');
  assertPositive('distanceKm', distanceKm, 'km');
  assertInRange('locationPercent', locationPercent, 1e-9, 100 - 1e-9, '%');
  const warnings: string[] = [];
  if (frequencyMhz < 500 || frequencyMhz > 67_000) {
    warnings.push(`f = ${frequencyMhz} MHz is outside P.2108's 500–67000 MHz`);
  }
  if (distanceKm < 0.25) warnings.push(`d = ${distanceKm} km is below P.2108's minimum 0.25 km`);
  else if (distanceKm < 1)
    warnings.push(
      `d = ${distanceKm} km: P.2108 allows the clutter correction at one end only below 1 km`,
    );
  const fGhz = frequencyMhz / 1000;
  const q = inverseComplementaryNormal(locationPercent / 100);
  return { lossDb: Math.min(lctt(fGhz, distanceKm, q), lctt(fGhz, 2, q)), warnings };
}
