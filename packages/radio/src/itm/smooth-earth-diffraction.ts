/**
 * @module itm/smooth-earth-diffraction
 * Smooth-earth diffraction loss by Vogler's three-radii method. Port of NTIA/itm
 * `SmoothEarthDiffraction.cpp`. References: [Vogler 1964]; [TN101]; [Algorithm] Hufford, 1995.
 */
import type { Complex } from './complex.ts';
import { complexAbs } from './complex.ts';
import { a_0__meter, THIRD } from './constants.ts';
import { heightFunction } from './height-function.ts';

/**
 * Smooth-earth diffraction loss at a distance in the diffraction region.
 *
 * @param d__meter - Path distance, m
 * @param f__mhz - Frequency, MHz
 * @param a_e__meter - Effective earth radius, m
 * @param theta_los - Angular distance of the line-of-sight region, rad
 * @param d_hzn__meter - Terminal horizon distances [tx, rx], m
 * @param h_e__meter - Effective terminal heights [tx, rx], m
 * @param Z_g - Complex ground impedance
 * @returns A_r__db, smooth-earth diffraction loss, dB
 */
export function smoothEarthDiffraction(
  d__meter: number,
  f__mhz: number,
  a_e__meter: number,
  theta_los: number,
  d_hzn__meter: ArrayLike<number>,
  h_e__meter: ArrayLike<number>,
  Z_g: Readonly<Complex>,
): number {
  // [Algorithm, Eqn 4.12]
  const theta_nlos = d__meter / a_e__meter - theta_los;
  const d_ML__meter = d_hzn__meter[0] + d_hzn__meter[1];

  // The three radii: the diffraction path between the horizons, then each terminal's own earth
  // radius from its horizon distance and effective height [Vogler 1964, Eqn 3] rearranged. The
  // first equals a_e__meter when theta_los = d_ML / a_e.
  const a_0 = (d__meter - d_ML__meter) / (d__meter / a_e__meter - theta_los);
  const a_1 = (0.5 * (d_hzn__meter[0] * d_hzn__meter[0])) / h_e__meter[0];
  const a_2 = (0.5 * (d_hzn__meter[1] * d_hzn__meter[1])) / h_e__meter[1];

  const d_0__km = (a_0 * theta_nlos) / 1000.0;
  const d_1__km = d_hzn__meter[0] / 1000.0;
  const d_2__km = d_hzn__meter[1] / 1000.0;

  // C_0 = (4 / 3k)^(1/3), the 4/3-earth to effective-earth ratio [Vogler 1964, Eqn 2];
  // K [Vogler 1964, Eqn 6a / 7a]; B_0 read off [Vogler 1964, Fig 4].
  const abs_Z_g = complexAbs(Z_g.re, Z_g.im);
  const f_third = Math.pow(f__mhz, THIRD);
  const f_minus_third = Math.pow(f__mhz, -THIRD);
  const C_0_0 = Math.pow(((4.0 / 3.0) * a_0__meter) / a_0, THIRD);
  const C_0_1 = Math.pow(((4.0 / 3.0) * a_0__meter) / a_1, THIRD);
  const C_0_2 = Math.pow(((4.0 / 3.0) * a_0__meter) / a_2, THIRD);
  const K_0 = (0.017778 * C_0_0 * f_minus_third) / abs_Z_g;
  const K_1 = (0.017778 * C_0_1 * f_minus_third) / abs_Z_g;
  const K_2 = (0.017778 * C_0_2 * f_minus_third) / abs_Z_g;
  const B_0_0 = 1.607 - K_0;
  const B_0_1 = 1.607 - K_1;
  const B_0_2 = 1.607 - K_2;

  // normalised distances [Vogler 1964, Eqn 2]
  const x_1__km = B_0_1 * (C_0_1 * C_0_1) * f_third * d_1__km;
  const x_2__km = B_0_2 * (C_0_2 * C_0_2) * f_third * d_2__km;
  const x_0__km = B_0_0 * (C_0_0 * C_0_0) * f_third * d_0__km + x_1__km + x_2__km;

  // height-gain functions of the two terminals
  const F_x_0__db = heightFunction(x_1__km, K_1);
  const F_x_1__db = heightFunction(x_2__km, K_2);

  // distance function [TN101, Eqn 8.4] & [Vogler 1964, Eqn 13]
  const G_x__db = 0.05751 * x_0__km - 10.0 * Math.log10(x_0__km);

  // [Algorithm, Eqn 4.20] & [Vogler 1964]
  return G_x__db - F_x_0__db - F_x_1__db - 20;
}
