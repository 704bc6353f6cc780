/**
 * @module Unit conversions used across the radio package.
 */
import { SPEED_OF_LIGHT_M_PER_S } from './constants.ts';
import { assertPositive } from './assert.ts';

/** Power in watts → dBm (10·log10(P / 1 mW)). */
export function wattsToDbm(powerW: number): number {
  assertPositive('powerW', powerW, 'W');
  return 10 * Math.log10(powerW * 1000);
}

/** Power in dBm → watts. */
export function dbmToWatts(powerDbm: number): number {
  return 10 ** (powerDbm / 10) / 1000;
}

/** Free-space wavelength λ = c / f, metres, for a frequency in MHz. */
export function wavelengthM(frequencyMhz: number): number {
  assertPositive('frequencyMhz', frequencyMhz, 'MHz');
  return SPEED_OF_LIGHT_M_PER_S / (frequencyMhz * 1e6);
}

/** dBd → dBi: a half-wave dipole has 2.15 dBi [IEEE Std 145-2013, dipole directivity 1.64]. */
export const DIPOLE_GAIN_DBI = 2.15;
