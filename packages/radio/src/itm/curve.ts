/**
 * @module itm/curve
 * Curve-fit helper of the variability model. Port of `Curve` in NTIA/itm `Variability.cpp`.
 * Reference: [TN101v2, Eqn III.69 & III.70].
 */

/**
 * (c1 + c2 / (1 + ((d_e - x2) / x3)²)) · (d_e / x1)² / (1 + (d_e / x1)²)
 *
 * @param c1 - Curve parameter, dB
 * @param c2 - Curve parameter, dB
 * @param x1 - Curve parameter, m
 * @param x2 - Curve parameter, m
 * @param x3 - Curve parameter, m
 * @param d_e__meter - Effective distance, m
 * @returns Curve value, dB
 */
export function curve(
  c1: number,
  c2: number,
  x1: number,
  x2: number,
  x3: number,
  d_e__meter: number,
): number {
  const t = (d_e__meter - x2) / x3;
  const u = d_e__meter / x1;
  const u2 = u * u;
  return ((c1 + c2 / (1.0 + t * t)) * u2) / (1.0 + u2);
}
