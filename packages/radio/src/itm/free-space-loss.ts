/**
 * @module itm/free-space-loss
 * Free-space basic transmission loss. Port of NTIA/itm `FreeSpaceLoss.cpp`.
 */

/**
 * Free-space basic transmission loss.
 *
 * @param d__meter - Path distance, m
 * @param f__mhz - Frequency, MHz
 * @returns A_fs__db, free-space basic transmission loss, dB
 */
export function freeSpaceLoss(d__meter: number, f__mhz: number): number {
  return 32.45 + 20.0 * Math.log10(f__mhz) + 20.0 * Math.log10(d__meter / 1000.0);
}
