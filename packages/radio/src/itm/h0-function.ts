/**
 * @module itm/h0-function
 * Troposcatter frequency-gain function H_0. Port of `H0Function` in NTIA/itm `H0Function.cpp`.
 * Reference: [TN101v1, Ch 9.2].
 */
import { h0Curve } from './h0-curve.ts';
import { MAX, MIN } from './macros.ts';

/**
 * H_0(r, eta_s), interpolating linearly between the integral-eta_s curves.
 *
 * @param r - Parameter r_1 or r_2 (dimensionless)
 * @param eta_s - Scattering efficiency factor; clamped to 1..5
 * @returns H_0, dB
 */
export function h0Function(r: number, eta_s: number): number {
  eta_s = MIN(MAX(eta_s, 1), 5);
  const i = Math.trunc(eta_s);
  const q = eta_s - i;
  let result = h0Curve(i - 1, r);
  if (q !== 0.0) result = (1.0 - q) * result + q * h0Curve(i, r);
  return result;
}
