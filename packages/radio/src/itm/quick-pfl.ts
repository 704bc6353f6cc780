/**
 * @module itm/quick-pfl
 * Path parameters from a terrain profile: horizons, effective heights, delta_h and distance.
 * Port of NTIA/itm `QuickPfl.cpp`. References: [Hufford, 1982]; [Algorithm] Hufford, 1995.
 */
import { computeDeltaH } from './compute-delta-h.ts';
import { findHorizons } from './find-horizons.ts';
import { linearLeastSquaresFit } from './linear-least-squares-fit.ts';
import type { LinearFit } from './linear-least-squares-fit.ts';
import { fdim, MAX, MIN } from './macros.ts';

/** Outputs of quickPfl. Arrays are [tx, rx]. */
export interface PathParameters {
  /** Terminal horizon angles, rad */
  theta_hzn: number[];
  /** Terminal horizon distances, m */
  d_hzn__meter: number[];
  /** Effective terminal heights, m */
  h_e__meter: number[];
  /** Terrain irregularity parameter, m */
  delta_h__meter: number;
  /** Path distance, m */
  d__meter: number;
}

/** Creates a zeroed output record for quickPfl. */
export function createPathParameters(): PathParameters {
  return {
    theta_hzn: [0.5, 0.5],
    d_hzn__meter: [0.5, 0.5],
    h_e__meter: [0.5, 0.5],
    delta_h__meter: 0,
    d__meter: 0,
  };
}

const fit: LinearFit = { fit_y1: 0, fit_y2: 0 };

/**
 * Extracts the path parameters ITM needs from a profile.
 *
 * Effective-height rules of the reference: terrain is considered from min(15 h, 0.1 d_hzn) in
 * from each end ("consideration of terrain elevations should begin at a point about 15 times the
 * tower height" [Hufford, 1982, p 25]). On a line-of-sight path (combined horizons > 1.5 d) one
 * line is fitted over that span, each effective height is the structural height plus how far the
 * ground at the terminal rises above the line (never negative), and the horizons and angles are
 * then *replaced* by smooth-earth estimates, with the heights scaled up by (d / d_L)² if those
 * horizons would not reach each other. On a trans-horizon path each terminal gets its own line
 * from its end to 0.9 of its horizon distance, and the profile horizons are kept.
 *
 * @param pfl - Terrain profile [np, xi, z_0..z_np], m
 * @param gamma_e - Curvature of the effective earth, 1/m
 * @param h__meter - Structural terminal heights [tx, rx], m
 * @param out - Receives the path parameters
 */
export function quickPfl(
  pfl: Float64Array,
  gamma_e: number,
  h__meter: ArrayLike<number>,
  out: PathParameters,
): void {
  const { theta_hzn, d_hzn__meter, h_e__meter } = out;
  const d__meter = pfl[0] * pfl[1];
  out.d__meter = d__meter;
  const np = Math.trunc(pfl[0]);
  const a_e__meter = 1 / gamma_e;

  findHorizons(pfl, a_e__meter, h__meter, theta_hzn, d_hzn__meter);

  // the lesser of 15 times the terminal height and 10 % of its horizon distance, from each end
  const d_start__meter = MIN(15.0 * h__meter[0], 0.1 * d_hzn__meter[0]);
  const d_end__meter = d__meter - MIN(15.0 * h__meter[1], 0.1 * d_hzn__meter[1]);

  const delta_h__meter = computeDeltaH(pfl, d_start__meter, d_end__meter);
  out.delta_h__meter = delta_h__meter;

  if (d_hzn__meter[0] + d_hzn__meter[1] > 1.5 * d__meter) {
    // combined horizons at least 50 % longer than the path: well within line of sight
    linearLeastSquaresFit(pfl, d_start__meter, d_end__meter, fit);
    h_e__meter[0] = h__meter[0] + fdim(pfl[2], fit.fit_y1);
    h_e__meter[1] = h__meter[1] + fdim(pfl[np + 2], fit.fit_y2);

    for (let i = 0; i < 2; i++) {
      d_hzn__meter[i] =
        Math.sqrt(2.0 * h_e__meter[i] * a_e__meter) *
        Math.exp(-0.07 * Math.sqrt(delta_h__meter / MAX(h_e__meter[i], 5.0)));
    }

    const combined_horizons__meter = d_hzn__meter[0] + d_hzn__meter[1];
    if (combined_horizons__meter <= d__meter) {
      const r = d__meter / combined_horizons__meter;
      const q = r * r;
      for (let i = 0; i < 2; i++) {
        h_e__meter[i] = h_e__meter[i] * q;
        d_hzn__meter[i] =
          Math.sqrt(2.0 * h_e__meter[i] * a_e__meter) *
          Math.exp(-0.07 * Math.sqrt(delta_h__meter / MAX(h_e__meter[i], 5.0)));
      }
    }

    for (let i = 0; i < 2; i++) {
      const q = Math.sqrt(2.0 * h_e__meter[i] * a_e__meter);
      theta_hzn[i] =
        (0.65 * delta_h__meter * (q / d_hzn__meter[i] - 1.0) - 2.0 * h_e__meter[i]) / q;
    }
  } else {
    linearLeastSquaresFit(pfl, d_start__meter, 0.9 * d_hzn__meter[0], fit);
    h_e__meter[0] = h__meter[0] + fdim(pfl[2], fit.fit_y1);

    linearLeastSquaresFit(pfl, d__meter - 0.9 * d_hzn__meter[1], d_end__meter, fit);
    h_e__meter[1] = h__meter[1] + fdim(pfl[np + 2], fit.fit_y2);
  }
}
