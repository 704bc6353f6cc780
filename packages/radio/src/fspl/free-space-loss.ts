/**
 * @module Free-space basic transmission loss between isotropic antennas.
 *
 * Reference: ITU-R P.525-4 (08/2019) §2.2, eq. (4): L_bf = 32.4 + 20 log f + 20 log d dB, f in MHz and
 * d in km. P.525 prints the constant rounded; here it is 20·log10(4π·10⁹ / c) = 32.4478 dB exactly,
 * which is the same equation (L_bf = 20 log(4πd/λ)) without the rounding.
 */
import { SPEED_OF_LIGHT_M_PER_S } from '../core/constants.ts';
import { assertPositive } from '../core/assert.ts';

/** 20·log10(4π·10⁹/c): the constant of ITU-R P.525-4 eq. (4) for f in MHz and d in km, unrounded. */
export const FREE_SPACE_CONSTANT_DB = 20 * Math.log10((4 * Math.PI * 1e9) / SPEED_OF_LIGHT_M_PER_S);

/**
 * Free-space basic transmission loss [ITU-R P.525-4 eq. (4)].
 * @param frequencyMhz - frequency f, MHz (> 0)
 * @param distanceKm - path length d, km (> 0)
 * @returns loss L_bf, dB
 * @throws {RangeError} if either argument is not a positive finite number
 */
export function freeSpaceLossDb(frequencyMhz: number, distanceKm: number): number {
  assertPositive('frequencyMhz', frequencyMhz, 'MHz');
  assertPositive('distanceKm', distanceKm, 'km');
  return FREE_SPACE_CONSTANT_DB + 20 * Math.log10(frequencyMhz) + 20 * Math.log10(distanceKm);
}
