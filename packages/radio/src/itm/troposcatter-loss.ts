/**
 * @module itm/troposcatter-loss
 * Troposcatter loss. Port of NTIA/itm `TroposcatterLoss.cpp`.
 * References: [TN101] Rice et al., 1967; [Algorithm] Hufford, 1995.
 */
import { SQRT2 } from './constants.ts';
import { fFunction } from './f-function.ts';
import { h0Function } from './h0-function.ts';
import { MAX, MIN } from './macros.ts';

/** The H_0 value carried from the d_6 call to the d_5 call (NTIA's `double *h0`). */
export interface H0State {
  h0: number;
}

/**
 * Troposcatter loss at a distance beyond the horizons.
 *
 * LongleyRice calls this at d_6 first and then at d_5 with the same `h0`: once H_0 exceeds 15 dB
 * the d_5 call reuses the d_6 value ([Algorithm, page 12]). When both r_1 and r_2 are below 0.2
 * the loss is undefined and 1001 dB is returned without touching `h0`.
 *
 * @param d__meter - Path distance, m
 * @param theta_hzn - Terminal horizon angles [tx, rx], rad
 * @param d_hzn__meter - Terminal horizon distances [tx, rx], m
 * @param h_e__meter - Effective terminal heights [tx, rx], m
 * @param a_e__meter - Effective earth radius, m
 * @param N_s - Surface refractivity, N-units
 * @param f__mhz - Frequency, MHz
 * @param theta_los - Angular distance of the line-of-sight region, rad
 * @param state - In/out H_0 value, dB (start with -1)
 * @returns Troposcatter loss, dB
 */
export function troposcatterLoss(
  d__meter: number,
  theta_hzn: ArrayLike<number>,
  d_hzn__meter: ArrayLike<number>,
  h_e__meter: ArrayLike<number>,
  a_e__meter: number,
  N_s: number,
  f__mhz: number,
  theta_los: number,
  state: H0State,
): number {
  let H_0: number;
  const wn = f__mhz / 47.7;

  if (state.h0 > 15.0) {
    H_0 = state.h0;
  } else {
    let ad = d_hzn__meter[0] - d_hzn__meter[1];
    let rr = h_e__meter[1] / h_e__meter[0];
    // measure the asymmetry from the terminal with the longer horizon distance
    if (ad < 0.0) {
      ad = -ad;
      rr = 1.0 / rr;
    }

    // angular distance, rad
    const theta = theta_hzn[0] + theta_hzn[1] + d__meter / a_e__meter;

    // [TN101, Eqn 9.4a]
    const r_1 = 2.0 * wn * theta * h_e__meter[0];
    const r_2 = 2.0 * wn * theta * h_e__meter[1];

    // "If both r_1 and r_2 are less than 0.2 the function A_scat is not defined (or is
    // infinite)" [Algorithm, page 11]
    if (r_1 < 0.2 && r_2 < 0.2) return 1001;

    // asymmetry parameter; s and q are truncated at 0.1 and 10 [Algorithm, page 16], [TN101, Eqn 9.5]
    let s = (d__meter - ad) / (d__meter + ad);
    const q = MIN(MAX(0.1, rr / s), 10.0);
    s = MAX(0.1, s);

    // height of the crossover of the horizon rays [Algorithm, 4.66] [TN101v1, 9.3b]
    const h_0__meter = ((d__meter - ad) * (d__meter + ad) * theta * 0.25) / d__meter;

    // scale heights [Algorithm, 4.67]
    const Z_0__meter = 1.7556e3;
    const Z_1__meter = 8.0e3;
    // scattering efficiency factor [TN101, Eqn 9.3a]
    const eta_s =
      (h_0__meter / Z_0__meter) *
      (1.0 +
        (0.031 - N_s * 2.32e-3 + N_s * N_s * 5.67e-6) *
          Math.exp(-Math.pow(MIN(1.7, h_0__meter / Z_1__meter), 6)));

    // first term of [TN101v1, Eqn 9.5], then its asymmetry correction
    const H_00 = (h0Function(r_1, eta_s) + h0Function(r_2, eta_s)) / 2;
    const Delta_H_0 = MIN(
      H_00,
      6.0 * (0.6 - Math.log10(MAX(eta_s, 1.0))) * Math.log10(s) * Math.log10(q),
    );

    // [TN101, Eqn 9.5]; "If Delta_H_0 would make H_0 negative, use H_0 = 0" [TN101v1, p9.4]
    H_0 = H_00 + Delta_H_0;
    H_0 = MAX(H_0, 0.0);

    // below eta_s = 1, interpolate towards the special case eta_s = 0
    if (eta_s < 1.0) {
      const g = (1.0 + SQRT2 / r_1) * (1.0 + SQRT2 / r_2);
      H_0 =
        eta_s * H_0 +
        (1.0 - eta_s) * 10 * Math.log10((g * g * (r_1 + r_2)) / (r_1 + r_2 + 2 * SQRT2));
    }

    // "If, at d_5, calculations show that H_0 will exceed 15 dB, they are replaced by the value
    // it has at d_6" [Algorithm, page 12]
    if (H_0 > 15.0 && state.h0 >= 0.0) H_0 = state.h0;
  }

  state.h0 = H_0;
  const th = d__meter / a_e__meter - theta_los;

  // [Algorithm, 6.8] D_0 = 40 km; [Algorithm, 4.63] H = 47.7 m
  const D_0__meter = 40e3;
  const H__meter = 47.7;
  // [Algorithm, 4.63]
  return (
    fFunction(th * d__meter) +
    10 * Math.log10(wn * H__meter * Math.pow(th, 4)) -
    0.1 * (N_s - 301.0) * Math.exp((-th * d__meter) / D_0__meter) +
    H_0
  );
}
