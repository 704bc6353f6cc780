/**
 * @module itm/longley-rice
 * The reference attenuation by the Longley-Rice method: a line-of-sight curve, a diffraction line
 * and a troposcatter line joined at d_sML and d_x. Port of NTIA/itm `LongleyRice.cpp` (v1.4),
 * plus the horizon-aware mode classification of an earlier NTIA revision of the same file.
 * References: [ERL 79-ITS 67] Longley & Rice, 1968; [Algorithm] Hufford, 1995.
 */
import type { Complex } from './complex.ts';
import {
  ERROR__EFFECTIVE_EARTH,
  ERROR__GROUND_IMPEDANCE,
  ERROR__SURFACE_REFRACTIVITY_LARGE,
  ERROR__SURFACE_REFRACTIVITY_SMALL,
  MODE__DIFFRACTION,
  MODE__LINE_OF_SIGHT,
  MODE__TROPOSCATTER,
  PROPMODE_V2__DIFFRACTION_DOUBLE_HORIZON,
  PROPMODE_V2__DIFFRACTION_SINGLE_HORIZON,
  PROPMODE_V2__LINE_OF_SIGHT,
  PROPMODE_V2__TROPOSCATTER_DOUBLE_HORIZON,
  PROPMODE_V2__TROPOSCATTER_SINGLE_HORIZON,
  SUCCESS,
  THIRD,
  WARN__PATH_DISTANCE_TOO_BIG_1,
  WARN__PATH_DISTANCE_TOO_BIG_2,
  WARN__PATH_DISTANCE_TOO_SMALL_1,
  WARN__PATH_DISTANCE_TOO_SMALL_2,
  WARN__RX_HORIZON_ANGLE,
  WARN__RX_HORIZON_DISTANCE_1,
  WARN__RX_HORIZON_DISTANCE_2,
  WARN__SURFACE_REFRACTIVITY,
  WARN__TX_HORIZON_ANGLE,
  WARN__TX_HORIZON_DISTANCE_1,
  WARN__TX_HORIZON_DISTANCE_2,
} from './constants.ts';
import { diffractionLoss } from './diffraction-loss.ts';
import { lineOfSightLoss } from './line-of-sight-loss.ts';
import { DIM, MAX, MIN } from './macros.ts';
import type { H0State } from './troposcatter-loss.ts';
import { troposcatterLoss } from './troposcatter-loss.ts';

/** Outputs of longleyRice (NTIA's A_ref__db, warnings and propmode pointers). */
export interface ReferenceAttenuation {
  /** Reference attenuation, dB */
  A_ref__db: number;
  /** Warning flags; longleyRice ORs its own into the existing word */
  warnings: number;
  /** v1.4 mode: MODE__LINE_OF_SIGHT, MODE__DIFFRACTION or MODE__TROPOSCATTER */
  propmode: number;
  /** Horizon-aware mode: PROPMODE_V2__* (10, 20, 21, 30, 31) */
  propmode_v2: number;
}

const h0: H0State = { h0: -1 };

/**
 * Computes the reference attenuation of a path (point-to-point or area mode).
 *
 * @param theta_hzn - Terminal horizon angles [tx, rx], rad
 * @param f__mhz - Frequency, MHz
 * @param Z_g - Complex ground impedance
 * @param d_hzn__meter - Terminal horizon distances [tx, rx], m
 * @param h_e__meter - Effective terminal heights [tx, rx], m
 * @param gamma_e - Curvature of the effective earth, 1/m
 * @param N_s - Surface refractivity, N-units
 * @param delta_h__meter - Terrain irregularity parameter, m
 * @param h__meter - Structural terminal heights [tx, rx], m
 * @param d__meter - Path distance, m
 * @param mode - MODE__P2P or MODE__AREA
 * @param out - Receives A_ref__db, propmode and propmode_v2; warnings are OR-ed in
 * @returns SUCCESS or an ERROR__* code (N_s, effective earth radius, ground impedance)
 */
export function longleyRice(
  theta_hzn: ArrayLike<number>,
  f__mhz: number,
  Z_g: Readonly<Complex>,
  d_hzn__meter: ArrayLike<number>,
  h_e__meter: ArrayLike<number>,
  gamma_e: number,
  N_s: number,
  delta_h__meter: number,
  h__meter: ArrayLike<number>,
  d__meter: number,
  mode: number,
  out: ReferenceAttenuation,
): number {
  const a_e__meter = 1 / gamma_e;

  // smooth-earth horizon distances of the terminals
  const d_hzn_s_0__meter = Math.sqrt(2.0 * h_e__meter[0] * a_e__meter);
  const d_hzn_s_1__meter = Math.sqrt(2.0 * h_e__meter[1] * a_e__meter);

  // maximum line-of-sight distance over a smooth earth, and for the actual path
  const d_sML__meter = d_hzn_s_0__meter + d_hzn_s_1__meter;
  const d_ML__meter = d_hzn__meter[0] + d_hzn__meter[1];

  // angular distance of the line-of-sight region
  const theta_los = -MAX(theta_hzn[0] + theta_hzn[1], -d_ML__meter / a_e__meter);

  // validity of the small-angle approximation
  if (Math.abs(theta_hzn[0]) > 200e-3) out.warnings |= WARN__TX_HORIZON_ANGLE;
  if (Math.abs(theta_hzn[1]) > 200e-3) out.warnings |= WARN__RX_HORIZON_ANGLE;

  // the actual horizon should lie between 1/10 and 3 times the smooth-earth horizon
  if (d_hzn__meter[0] < 0.1 * d_hzn_s_0__meter) out.warnings |= WARN__TX_HORIZON_DISTANCE_1;
  if (d_hzn__meter[1] < 0.1 * d_hzn_s_1__meter) out.warnings |= WARN__RX_HORIZON_DISTANCE_1;
  if (d_hzn__meter[0] > 3.0 * d_hzn_s_0__meter) out.warnings |= WARN__TX_HORIZON_DISTANCE_2;
  if (d_hzn__meter[1] > 3.0 * d_hzn_s_1__meter) out.warnings |= WARN__RX_HORIZON_DISTANCE_2;

  // Note the order: the horizon warnings above survive into an error return below.
  if (N_s < 150) return ERROR__SURFACE_REFRACTIVITY_SMALL;
  if (N_s > 400) return ERROR__SURFACE_REFRACTIVITY_LARGE;
  if (N_s < 250) out.warnings |= WARN__SURFACE_REFRACTIVITY;

  if (a_e__meter < 4000000 || a_e__meter > 13333333) return ERROR__EFFECTIVE_EARTH;

  if (Z_g.re <= Math.abs(Z_g.im)) return ERROR__GROUND_IMPEDANCE;

  // two distances far into the diffraction region
  const scale__meter = Math.pow((a_e__meter * a_e__meter) / f__mhz, THIRD);
  const d_3__meter = MAX(d_sML__meter, d_ML__meter + 5.0 * scale__meter);
  const d_4__meter = d_3__meter + 10.0 * scale__meter;

  const A_3__db = diffractionLoss(
    d_3__meter,
    d_hzn__meter,
    h_e__meter,
    Z_g,
    a_e__meter,
    delta_h__meter,
    h__meter,
    mode,
    theta_los,
    d_sML__meter,
    f__mhz,
  );
  const A_4__db = diffractionLoss(
    d_4__meter,
    d_hzn__meter,
    h_e__meter,
    Z_g,
    a_e__meter,
    delta_h__meter,
    h__meter,
    mode,
    theta_los,
    d_sML__meter,
    f__mhz,
  );

  // slope and intercept of the diffraction line
  const M_d = (A_4__db - A_3__db) / (d_4__meter - d_3__meter);
  const A_d0__db = A_3__db - M_d * d_3__meter;

  const d_min__meter = Math.abs(h_e__meter[0] - h_e__meter[1]) / 200e-3;
  if (d__meter < d_min__meter) out.warnings |= WARN__PATH_DISTANCE_TOO_SMALL_1;
  if (d__meter < 1e3) out.warnings |= WARN__PATH_DISTANCE_TOO_SMALL_2;
  if (d__meter > 1000e3) out.warnings |= WARN__PATH_DISTANCE_TOO_BIG_1;
  if (d__meter > 2000e3) out.warnings |= WARN__PATH_DISTANCE_TOO_BIG_2;

  let A_ref__db: number;
  // the diffraction-troposcatter transition; stays 0 on line-of-sight paths (used by propmode_v2)
  let d_x__meter = 0;

  // Surprising but faithful: v1.4 calls a path "line of sight" when it is shorter than the
  // *smooth-earth* line-of-sight distance d_sML, even if the profile's own horizons (d_ML) are
  // shorter than the path. propmode_v2 below classifies by the actual horizons instead.
  if (d__meter < d_sML__meter) {
    // diffraction loss at the smooth-earth line-of-sight distance
    const A_sML__db = d_sML__meter * M_d + A_d0__db;

    // [ERL 79-ITS 67, Eqn 3.16a], in metres instead of km, with the MIN() part below
    let d_0__meter = 0.04 * f__mhz * h_e__meter[0] * h_e__meter[1];

    let d_1__meter: number;
    if (A_d0__db >= 0.0) {
      d_0__meter = MIN(d_0__meter, 0.5 * d_ML__meter); // other part of [ERL 79-ITS 67, Eqn 3.16a]
      d_1__meter = d_0__meter + 0.25 * (d_ML__meter - d_0__meter); // [ERL 79-ITS 67, Eqn 3.16d]
    } else {
      d_1__meter = MAX(-A_d0__db / M_d, 0.25 * d_ML__meter);
    }

    const A_1__db = lineOfSightLoss(
      d_1__meter,
      h_e__meter,
      Z_g,
      delta_h__meter,
      M_d,
      A_d0__db,
      d_sML__meter,
      f__mhz,
    );

    let flag = false;
    let kHat_1__db_per_meter = 0;
    let kHat_2__db_per_meter = 0;

    if (d_0__meter < d_1__meter) {
      const A_0__db = lineOfSightLoss(
        d_0__meter,
        h_e__meter,
        Z_g,
        delta_h__meter,
        M_d,
        A_d0__db,
        d_sML__meter,
        f__mhz,
      );
      const q = Math.log(d_sML__meter / d_0__meter);

      // [ERL 79-ITS 67, Eqn 3.20]
      kHat_2__db_per_meter = MAX(
        0.0,
        ((d_sML__meter - d_0__meter) * (A_1__db - A_0__db) -
          (d_1__meter - d_0__meter) * (A_sML__db - A_0__db)) /
          ((d_sML__meter - d_0__meter) * Math.log(d_1__meter / d_0__meter) -
            (d_1__meter - d_0__meter) * q),
      );

      flag = A_d0__db > 0.0 || kHat_2__db_per_meter > 0.0;

      if (flag) {
        // [ERL 79-ITS 67, Eqn 3.21]
        kHat_1__db_per_meter =
          (A_sML__db - A_0__db - kHat_2__db_per_meter * q) / (d_sML__meter - d_0__meter);

        if (kHat_1__db_per_meter < 0.0) {
          kHat_1__db_per_meter = 0.0;
          kHat_2__db_per_meter = DIM(A_sML__db, A_0__db) / q;
          if (kHat_2__db_per_meter === 0.0) kHat_1__db_per_meter = M_d;
        }
      }
    }

    if (!flag) {
      kHat_1__db_per_meter = DIM(A_sML__db, A_1__db) / (d_sML__meter - d_1__meter);
      kHat_2__db_per_meter = 0.0;
      if (kHat_1__db_per_meter === 0.0) kHat_1__db_per_meter = M_d;
    }

    const A_o__db =
      A_sML__db -
      kHat_1__db_per_meter * d_sML__meter -
      kHat_2__db_per_meter * Math.log(d_sML__meter);

    // [ERL 79-ITS 67, Eqn 3.19]
    A_ref__db =
      A_o__db + kHat_1__db_per_meter * d__meter + kHat_2__db_per_meter * Math.log(d__meter);
    out.propmode = MODE__LINE_OF_SIGHT;
  } else {
    // trans-horizon path: two distances far into the troposcatter region
    const d_5__meter = d_ML__meter + 200e3;
    const d_6__meter = d_ML__meter + 400e3;

    // d_6 first: its H_0 may replace d_5's (see troposcatterLoss)
    h0.h0 = -1;
    const A_6__db = troposcatterLoss(
      d_6__meter,
      theta_hzn,
      d_hzn__meter,
      h_e__meter,
      a_e__meter,
      N_s,
      f__mhz,
      theta_los,
      h0,
    );
    const A_5__db = troposcatterLoss(
      d_5__meter,
      theta_hzn,
      d_hzn__meter,
      h_e__meter,
      a_e__meter,
      N_s,
      f__mhz,
      theta_los,
      h0,
    );

    let M_s: number;
    let A_s0__db: number;
    if (A_5__db < 1000.0) {
      // slope of the troposcatter line
      M_s = (A_6__db - A_5__db) / 200e3;
      // diffraction-troposcatter transition distance
      d_x__meter = MAX(
        MAX(d_sML__meter, d_ML__meter + 1.088 * scale__meter * Math.log(f__mhz)),
        (A_5__db - A_d0__db - M_s * d_5__meter) / (M_d - M_s),
      );
      // intercept of the troposcatter line
      A_s0__db = (M_d - M_s) * d_x__meter + A_d0__db;
    } else {
      // troposcatter undefined (1001 dB): the diffraction line stands in for it
      M_s = M_d;
      A_s0__db = A_d0__db;
      d_x__meter = 10e6;
    }

    if (d__meter > d_x__meter) {
      A_ref__db = M_s * d__meter + A_s0__db;
      out.propmode = MODE__TROPOSCATTER;
    } else {
      A_ref__db = M_d * d__meter + A_d0__db;
      out.propmode = MODE__DIFFRACTION;
    }
  }

  // Horizon-aware mode, as the earlier NTIA revision set it: line of sight when the horizon
  // distances (as QuickPfl or InitializeArea left them) reach past each other, otherwise
  // diffraction up to d_x and troposcatter beyond, with one horizon when d_ML equals d. The C++
  // truncates d - d_ML with int(), so any path within 1 m of d_ML, on either side, counts as
  // single-horizon, and LOS needs d_ML > d by at least a metre. (Math.trunc equals int() for all
  // distances below 2^31 m.)
  const delta__meter = Math.trunc(d__meter - d_ML__meter);
  if (delta__meter < 0) out.propmode_v2 = PROPMODE_V2__LINE_OF_SIGHT;
  else if (d__meter <= d_sML__meter || d__meter <= d_x__meter) {
    out.propmode_v2 =
      delta__meter === 0
        ? PROPMODE_V2__DIFFRACTION_SINGLE_HORIZON
        : PROPMODE_V2__DIFFRACTION_DOUBLE_HORIZON;
  } else {
    out.propmode_v2 =
      delta__meter === 0
        ? PROPMODE_V2__TROPOSCATTER_SINGLE_HORIZON
        : PROPMODE_V2__TROPOSCATTER_DOUBLE_HORIZON;
  }

  // no negative loss
  out.A_ref__db = MAX(A_ref__db, 0.0);

  return SUCCESS;
}
