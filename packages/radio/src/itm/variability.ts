/**
 * @module itm/variability
 * Time, location and situation variability of the loss, and the final quantile. Port of NTIA/itm
 * `Variability.cpp`. References: [Algorithm] Hufford, 1995, section 5; [TN101] Fig 10.13 and
 * [TN101v2, Eqn III.69 & III.70]; [Hufford, 1982].
 */
import {
  a_9000__meter,
  MDVAR__ACCIDENTAL_MODE,
  MDVAR__MOBILE_MODE,
  MDVAR__SINGLE_MESSAGE_MODE,
  THIRD,
  WARN__EXTREME_VARIABILITIES,
} from './constants.ts';
import { curve } from './curve.ts';
import { inverseComplementaryCumulativeDistributionFunction as Q_inv } from './inverse-complementary-cumulative-distribution-function.ts';
import { terrainRoughness } from './terrain-roughness.ts';

// Curve parameters per radio climate (index climate - 1): asymptotic values of [TN101, Fig 10.13]
// fitted by [TN101v2, Eqn III.69 & III.70]. Rows of all_year: c1, c2, x1, x2, x3 of V_med.
const all_year = [
  [-9.67, -0.62, 1.26, -9.21, -0.62, -0.39, 3.15],
  [12.7, 9.19, 15.5, 9.05, 9.19, 2.86, 857.9],
  [144.9e3, 228.9e3, 262.6e3, 84.1e3, 228.9e3, 141.7e3, 2222e3],
  [190.3e3, 205.2e3, 185.2e3, 101.1e3, 205.2e3, 315.9e3, 164.8e3],
  [133.8e3, 143.6e3, 99.8e3, 98.6e3, 143.6e3, 167.4e3, 116.3e3],
];

// sigma_T- (below the median)
const bsm1 = [2.13, 2.66, 6.11, 1.98, 2.68, 6.86, 8.51];
const bsm2 = [159.5, 7.67, 6.65, 13.11, 7.16, 10.38, 169.8];
const xsm1 = [762.2e3, 100.4e3, 138.2e3, 139.1e3, 93.7e3, 187.8e3, 609.8e3];
const xsm2 = [123.6e3, 172.5e3, 242.2e3, 132.7e3, 186.8e3, 169.6e3, 119.9e3];
const xsm3 = [94.5e3, 136.4e3, 178.6e3, 193.5e3, 133.5e3, 108.9e3, 106.6e3];

// sigma_T+ (above the median)
const bsp1 = [2.11, 6.87, 10.08, 3.68, 4.75, 8.58, 8.43];
const bsp2 = [102.3, 15.53, 9.6, 159.3, 8.12, 13.97, 8.19];
const xsp1 = [636.9e3, 138.7e3, 165.3e3, 464.4e3, 93.2e3, 216.0e3, 136.2e3];
const xsp2 = [134.8e3, 143.7e3, 225.7e3, 93.1e3, 135.9e3, 152.0e3, 188.5e3];
const xsp3 = [95.6e3, 98.6e3, 129.7e3, 94.2e3, 113.4e3, 122.7e3, 122.9e3];

// [Algorithm, Table 5.1]: C_D and z_D of the ducting tail
const C_D = [1.224, 0.801, 1.38, 1.0, 1.224, 1.518, 1.518];
const z_D = [1.282, 2.161, 1.282, 20.0, 1.282, 1.282, 1.282];

// frequency factors g-(f) and g+(f)
const bfm1 = [1.0, 1.0, 1.0, 1.0, 0.92, 1.0, 1.0];
const bfm2 = [0.0, 0.0, 0.0, 0.0, 0.25, 0.0, 0.0];
const bfm3 = [0.0, 0.0, 0.0, 0.0, 1.77, 0.0, 0.0];
const bfp1 = [1.0, 0.93, 1.0, 0.93, 0.93, 1.0, 1.0];
const bfp2 = [0.0, 0.31, 0.0, 0.19, 0.31, 0.0, 0.0];
const bfp3 = [0.0, 2.0, 0.0, 1.79, 2.0, 0.0, 0.0];

/** Receives the warning flags raised here (NTIA's `long *warnings`). */
export interface WarningSink {
  warnings: number;
}

/**
 * Variability-adjusted attenuation relative to free space: the reference attenuation less the
 * median correction and the time, location and situation deviations at the requested quantiles.
 *
 * @param time - Time percentage, 0 < time < 100
 * @param location - Location percentage, 0 < location < 100
 * @param situation - Situation percentage, 0 < situation < 100
 * @param h_e__meter - Effective terminal heights [tx, rx], m
 * @param delta_h__meter - Terrain irregularity parameter, m
 * @param f__mhz - Frequency, MHz
 * @param d__meter - Path distance, m
 * @param A_ref__db - Reference attenuation, dB
 * @param climate - Radio climate 1..7
 * @param mdvar - Mode of variability (0..3, +10, +20)
 * @param sink - Receives WARN__EXTREME_VARIABILITIES
 * @returns Attenuation relative to free space at the requested quantiles, dB
 */
export function variability(
  time: number,
  location: number,
  situation: number,
  h_e__meter: ArrayLike<number>,
  delta_h__meter: number,
  f__mhz: number,
  d__meter: number,
  A_ref__db: number,
  climate: number,
  mdvar: number,
  sink: WarningSink,
): number {
  let z_T = Q_inv(time / 100);
  let z_L = Q_inv(location / 100);
  const z_S = Q_inv(situation / 100);

  const i = climate - 1;
  const wn = f__mhz / 47.7;

  // effective distance [Algorithm, Eqn 5.3]
  const d_ex__meter =
    Math.sqrt(2 * a_9000__meter * h_e__meter[0]) +
    Math.sqrt(2 * a_9000__meter * h_e__meter[1]) +
    Math.pow(575.7e12 / wn, THIRD);
  const d_e__meter =
    d__meter < d_ex__meter ? (130e3 * d__meter) / d_ex__meter : 130e3 + d__meter - d_ex__meter;

  // mdvar >= 20: "Direct situation variability is to be eliminated as it should when considering
  // interference problems. Note that there may still be a small residual situation
  // variability" [Hufford, 1982]
  let mdvar_internal = mdvar;
  const plus20 = mdvar_internal >= 20;
  if (plus20) mdvar_internal -= 20;
  // scale distance D = 100 km [Algorithm, Eqn 5.10]
  const sigma_S = plus20 ? 0.0 : 5.0 + 3.0 * Math.exp(-d_e__meter / 100e3);

  // mdvar >= 10 (after removing 20): location variability is eliminated
  const plus10 = mdvar_internal >= 10;
  if (plus10) mdvar_internal -= 10;

  const V_med__db = curve(
    all_year[0][i],
    all_year[1][i],
    all_year[2][i],
    all_year[3][i],
    all_year[4][i],
    d_e__meter,
  );

  // the mode of variability ties deviates together
  if (mdvar_internal === MDVAR__SINGLE_MESSAGE_MODE) {
    z_T = z_S;
    z_L = z_S;
  } else if (mdvar_internal === MDVAR__ACCIDENTAL_MODE) {
    z_L = z_S;
  } else if (mdvar_internal === MDVAR__MOBILE_MODE) {
    z_L = z_T;
  }
  // else broadcast mode: all three independent

  if (Math.abs(z_T) > 3.1 || Math.abs(z_L) > 3.1 || Math.abs(z_S) > 3.1) {
    sink.warnings |= WARN__EXTREME_VARIABILITIES;
  }

  // location variability, in the context of [Algorithm, Eqn 5.9]
  let sigma_L: number;
  if (plus10) {
    sigma_L = 0.0;
  } else {
    const delta_h_d__meter = terrainRoughness(d__meter, delta_h__meter);
    sigma_L = (10.0 * wn * delta_h_d__meter) / (wn * delta_h_d__meter + 13.0);
  }
  const Y_L = sigma_L * z_L;

  // time variability
  const q = Math.log(0.133 * wn);
  const gm = bfm3[i] * q;
  const gp = bfp3[i] * q;
  const g_minus = bfm1[i] + bfm2[i] / (gm * gm + 1.0);
  const g_plus = bfp1[i] + bfp2[i] / (gp * gp + 1.0);
  const sigma_T_minus = curve(bsm1[i], bsm2[i], xsm1[i], xsm2[i], xsm3[i], d_e__meter) * g_minus;
  const sigma_T_plus = curve(bsp1[i], bsp2[i], xsp1[i], xsp2[i], xsp3[i], d_e__meter) * g_plus;
  const sigma_TD = C_D[i] * sigma_T_plus;
  const tgtd = (sigma_T_plus - sigma_TD) * z_D[i];

  let sigma_T: number;
  if (z_T < 0.0) sigma_T = sigma_T_minus;
  else if (z_T <= z_D[i]) sigma_T = sigma_T_plus;
  else sigma_T = sigma_TD + tgtd / z_T;
  const Y_T = sigma_T * z_T;

  // part of [Algorithm, Eqn 5.11]
  const z_S2 = z_S * z_S;
  const Y_S_temp = sigma_S * sigma_S + (Y_T * Y_T) / (7.8 + z_S2) + (Y_L * Y_L) / (24.0 + z_S2);

  let Y_R: number;
  let Y_S: number;
  if (mdvar_internal === MDVAR__SINGLE_MESSAGE_MODE) {
    Y_R = 0.0;
    Y_S = Math.sqrt(sigma_T * sigma_T + sigma_L * sigma_L + Y_S_temp) * z_S;
  } else if (mdvar_internal === MDVAR__ACCIDENTAL_MODE) {
    Y_R = Y_T;
    Y_S = Math.sqrt(sigma_L * sigma_L + Y_S_temp) * z_S;
  } else if (mdvar_internal === MDVAR__MOBILE_MODE) {
    Y_R = Math.sqrt(sigma_T * sigma_T + sigma_L * sigma_L) * z_T;
    Y_S = Math.sqrt(Y_S_temp) * z_S;
  } else {
    Y_R = Y_T + Y_L;
    Y_S = Math.sqrt(Y_S_temp) * z_S;
  }

  let result = A_ref__db - V_med__db - Y_R - Y_S;

  // [Algorithm, Eqn 52]: soften negative attenuations (gains) so they stay bounded
  if (result < 0.0) result = (result * (29.0 - result)) / (29.0 - 10.0 * result);

  return result;
}
