/**
 * @module itm/line-of-sight-loss
 * Loss in the line-of-sight region: a two-ray model blended with the extended diffraction line.
 * Port of NTIA/itm `LineOfSightLoss.cpp`. Reference: [Algorithm] Hufford, 1995.
 */
import type { Complex } from './complex.ts';
import { complexDivide } from './complex.ts';
import { PI } from './constants.ts';
import { MAX, MIN } from './macros.ts';
import { sigmaHFunction } from './sigma-h-function.ts';
import { terrainRoughness } from './terrain-roughness.ts';

const R_e: Complex = { re: 0, im: 0 };

/**
 * Line-of-sight loss at a distance.
 *
 * @param d__meter - Path distance, m
 * @param h_e__meter - Effective terminal heights [tx, rx], m
 * @param Z_g - Complex ground impedance
 * @param delta_h__meter - Terrain irregularity parameter, m
 * @param M_d - Slope of the diffraction line, dB/m
 * @param A_d0 - Intercept of the diffraction line, dB
 * @param d_sML__meter - Maximum line-of-sight distance over a smooth earth, m
 * @param f__mhz - Frequency, MHz
 * @returns A_los__db, loss, dB
 */
export function lineOfSightLoss(
  d__meter: number,
  h_e__meter: ArrayLike<number>,
  Z_g: Readonly<Complex>,
  delta_h__meter: number,
  M_d: number,
  A_d0: number,
  d_sML__meter: number,
  f__mhz: number,
): number {
  const delta_h_d__meter = terrainRoughness(d__meter, delta_h__meter);
  const sigma_h_d__meter = sigmaHFunction(delta_h_d__meter);

  // wavenumber k in 1/m, with 47.7 m·MHz = c / (2 pi)
  const wn = f__mhz / 47.7;

  // grazing angle [Algorithm, Eqn 4.46]
  const h_sum = h_e__meter[0] + h_e__meter[1];
  const sin_psi = h_sum / Math.sqrt(d__meter * d__meter + h_sum * h_sum);

  // effective reflection coefficient [Algorithm, Eqn 4.47]
  complexDivide(sin_psi - Z_g.re, -Z_g.im, sin_psi + Z_g.re, Z_g.im, R_e);
  const roughness = Math.exp(-MIN(10.0, wn * sigma_h_d__meter * sin_psi));
  R_e.re = R_e.re * roughness;
  R_e.im = R_e.im * roughness;

  // |R_e'|² [Algorithm, Eqn 4.48]: a small coefficient is raised back to sqrt(sin_psi)
  const q = R_e.re * R_e.re + R_e.im * R_e.im;
  if (q < 0.25 || q < sin_psi) {
    const scale = Math.sqrt(sin_psi / q);
    R_e.re = R_e.re * scale;
    R_e.im = R_e.im * scale;
  }

  // phase difference between direct and reflected rays [Algorithm, Eqn 4.49]
  let delta_phi = (wn * 2.0 * h_e__meter[0] * h_e__meter[1]) / d__meter;
  // [Algorithm, Eqn 4.50]: beyond pi/2 the phase is folded so the lobes do not repeat
  if (delta_phi > PI / 2.0) delta_phi = PI - ((PI / 2.0) * (PI / 2.0)) / delta_phi;

  // two-ray attenuation
  const rr_re = Math.cos(delta_phi) + R_e.re;
  const rr_im = -Math.sin(delta_phi) + R_e.im;
  const A_t__db = -10 * Math.log10(rr_re * rr_re + rr_im * rr_im);

  // extended diffraction line
  const A_d__db = M_d * d__meter + A_d0;

  // weighting between the two: rough terrain leans on the diffraction line
  const w = 1 / (1 + (f__mhz * delta_h__meter) / MAX(10e3, d_sML__meter));

  return w * A_t__db + (1 - w) * A_d__db;
}
