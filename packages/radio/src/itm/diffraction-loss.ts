/**
 * @module itm/diffraction-loss
 * Diffraction loss: a weighted blend of knife-edge and smooth-earth diffraction plus terrain
 * clutter. Port of NTIA/itm `DiffractionLoss.cpp`. Reference: [ERL 79-ITS 67].
 */
import type { Complex } from './complex.ts';
import { MODE__P2P } from './constants.ts';
import { knifeEdgeDiffraction } from './knife-edge-diffraction.ts';
import { MIN } from './macros.ts';
import { sigmaHFunction } from './sigma-h-function.ts';
import { smoothEarthDiffraction } from './smooth-earth-diffraction.ts';
import { terrainRoughness } from './terrain-roughness.ts';

/**
 * Diffraction loss at a distance in the diffraction region.
 *
 * @param d__meter - Path distance, m
 * @param d_hzn__meter - Terminal horizon distances [tx, rx], m
 * @param h_e__meter - Effective terminal heights [tx, rx], m
 * @param Z_g - Complex ground impedance
 * @param a_e__meter - Effective earth radius, m
 * @param delta_h__meter - Terrain irregularity parameter, m
 * @param h__meter - Structural terminal heights [tx, rx], m
 * @param mode - MODE__P2P or MODE__AREA
 * @param theta_los - Angular distance of the line-of-sight region, rad
 * @param d_sML__meter - Maximum line-of-sight distance over a smooth earth, m
 * @param f__mhz - Frequency, MHz
 * @returns A_d__db, diffraction loss, dB
 */
export function diffractionLoss(
  d__meter: number,
  d_hzn__meter: ArrayLike<number>,
  h_e__meter: ArrayLike<number>,
  Z_g: Readonly<Complex>,
  a_e__meter: number,
  delta_h__meter: number,
  h__meter: ArrayLike<number>,
  mode: number,
  theta_los: number,
  d_sML__meter: number,
  f__mhz: number,
): number {
  const A_k__db = knifeEdgeDiffraction(d__meter, f__mhz, a_e__meter, theta_los, d_hzn__meter);
  const A_se__db = smoothEarthDiffraction(
    d__meter,
    f__mhz,
    a_e__meter,
    theta_los,
    d_hzn__meter,
    h_e__meter,
    Z_g,
  );

  // Terrain clutter, with the roughness taken over d_sML [ERL 79-ITS 67, page 3-13]
  const delta_h_dsML__meter = terrainRoughness(d_sML__meter, delta_h__meter);
  const sigma_h_d__meter = sigmaHFunction(delta_h_dsML__meter);
  // clutter factor [ERL 79-ITS 67, Eqn 3.38c]
  const A_fo__db = MIN(
    15.0,
    5 * Math.log10(1.0 + 1e-5 * h__meter[0] * h__meter[1] * f__mhz * sigma_h_d__meter),
  );

  // weight between smooth-earth and knife-edge
  const delta_h_d__meter = terrainRoughness(d__meter, delta_h__meter);
  let q = h__meter[0] * h__meter[1];
  const qk = h_e__meter[0] * h_e__meter[1] - q;
  // "For low antennas with known path parameters, C ~= 10" [ERL 79-ITS 67, page 3-8]
  if (mode === MODE__P2P) q += 10.0;
  // square-root term of [ERL 79-ITS 67, Eqn 3.23]
  const term1 = Math.sqrt(1.0 + qk / q);
  const d_ML__meter = d_hzn__meter[0] + d_hzn__meter[1];
  q =
    (term1 + (-theta_los * a_e__meter + d_ML__meter) / d__meter) *
    MIN((delta_h_d__meter * f__mhz) / 47.7, 6283.2);
  // weighting factor [ERL 79-ITS 67, Eqn 3.23] (NTIA's comment says "ERL 17-ITS 67")
  const w = 25.1 / (25.1 + Math.sqrt(q));

  return w * A_se__db + (1.0 - w) * A_k__db + A_fo__db;
}
