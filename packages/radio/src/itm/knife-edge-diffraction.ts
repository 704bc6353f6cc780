/**
 * @module itm/knife-edge-diffraction
 * Double knife-edge diffraction loss over the two horizons. Port of NTIA/itm
 * `KnifeEdgeDiffraction.cpp`. References: [TN101] Rice et al., 1967; [Algorithm] Hufford, 1995.
 */
import { fresnelIntegral } from './fresnel-integral.ts';

/**
 * Knife-edge diffraction loss at a distance in the diffraction region.
 *
 * @param d__meter - Distance of interest, m
 * @param f__mhz - Frequency, MHz
 * @param a_e__meter - Effective earth radius, m
 * @param theta_los - Angular distance of the line-of-sight region, rad
 * @param d_hzn__meter - Terminal horizon distances [tx, rx], m
 * @returns A_k__db, knife-edge diffraction loss, dB
 */
export function knifeEdgeDiffraction(
  d__meter: number,
  f__mhz: number,
  a_e__meter: number,
  theta_los: number,
  d_hzn__meter: ArrayLike<number>,
): number {
  const d_ML__meter = d_hzn__meter[0] + d_hzn__meter[1];
  // [Algorithm, Eqn 4.12]
  const theta_nlos = d__meter / a_e__meter - theta_los;
  const d_nlos__meter = d__meter - d_ML__meter;

  // 0.0795775 = 1 / (4 pi); [TN101, Eqn I.7]
  const theta_nlos2 = theta_nlos * theta_nlos;
  const v_1 =
    (0.0795775 * (f__mhz / 47.7) * theta_nlos2 * d_hzn__meter[0] * d_nlos__meter) /
    (d_nlos__meter + d_hzn__meter[0]);
  const v_2 =
    (0.0795775 * (f__mhz / 47.7) * theta_nlos2 * d_hzn__meter[1] * d_nlos__meter) /
    (d_nlos__meter + d_hzn__meter[1]);

  // [TN101, Eqn I.1]
  return fresnelIntegral(v_1) + fresnelIntegral(v_2);
}
