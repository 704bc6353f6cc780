/**
 * @module itm/h0-curve
 * Curve fits of the troposcatter frequency-gain function H_0 for integral eta_s. Port of
 * `H0Curve` in NTIA/itm `H0Function.cpp`. Reference: [Algorithm] Hufford, 1995; [TN101v2].
 */

// [Algorithm, 6.13], one pair per eta_s = 1..5
const a = [25.0, 80.0, 177.0, 395.0, 705.0];
const b = [24.0, 45.0, 68.0, 80.0, 105.0];

/**
 * H_0 curve for eta_s = j + 1 (related to [TN101v2, Eqn III.49], values from [Algorithm, 6.13]).
 *
 * @param j - Curve index 0..4 (eta_s - 1)
 * @param r - Parameter r_1 or r_2 (dimensionless)
 * @returns H_0(r, j), dB
 */
export function h0Curve(j: number, r: number): number {
  const inv_r = 1.0 / r;
  return 10 * Math.log10(1 + a[j] * Math.pow(1 / r, 4) + b[j] * (inv_r * inv_r));
}
