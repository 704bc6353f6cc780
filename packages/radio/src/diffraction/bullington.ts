/**
 * @module Bullington diffraction loss over a general terrestrial path.
 *
 * Reference: ITU-R P.526-15 §4.5.1 (the same equations appear as ITU-R P.1812-4 §4.3.1, eqs (13)–(21),
 * and ITU-R P.452-17 §4.2.1). The construction is K. Bullington, "Radio propagation at frequencies
 * above 30 megacycles", Proc. IRE 35 (1947): the path is replaced by one knife edge at the
 * intersection of the steepest rays from each terminal (transhorizon), or at the sample with the
 * largest ν (line of sight). The Recommendation then adds an empirical correction
 * L_b = L_uc + [1 − exp(−L_uc/6)](10 + 0.02 d) with d in km; `lucDb` is the knife-edge loss before it.
 */
import { wavelengthM } from '../core/units.ts';
import { assertInRange } from '../core/assert.ts';
import { knifeEdgeLossDb } from './knife-edge.ts';
import { earthBulgeM, effectiveEarthRadiusM, normaliseProfile } from './profile.ts';
import type { EarthModel, TerrainProfile } from './profile.ts';

/** Bullington result with intermediate values. */
export interface BullingtonResult {
  /** Bullington loss L_b including the P.526 empirical correction, dB. */
  readonly lossDb: number;
  /** Knife-edge loss L_uc at the Bullington point (the uncorrected Bullington loss), dB. */
  readonly lucDb: number;
  /** Diffraction parameter of the Bullington point (ν_max on LoS paths, ν_b otherwise). */
  readonly nu: number;
  /** True when no sample rises above the direct ray's slope (S_tim < S_tr, case 1). */
  readonly lineOfSight: boolean;
  /** Distance of the Bullington point (or of the max-ν sample) from the transmitter, metres. */
  readonly pointDistanceM: number;
  /** Steepest slope from the transmitter to any sample, m/m (S_tim). */
  readonly sTim: number;
  /** Slope of the direct ray, m/m (S_tr). */
  readonly sTr: number;
}

/**
 * Bullington loss on normalised arrays (distances from 0, metres; elevations AMSL, metres) with
 * antenna heights above sea level [ITU-R P.526-15 §4.5.1]. Used directly by delta-Bullington.
 */
export function bullingtonCore(
  d: Float64Array,
  h: Float64Array,
  htsAmslM: number,
  hrsAmslM: number,
  wavelength: number,
  ae: number,
): BullingtonResult {
  const n = d.length;
  const dt = d[n - 1];
  // Steepest slope from the transmitter to an intermediate sample [P.1812-4 eq. (13)].
  let sTim = -Infinity;
  for (let i = 1; i < n - 1; i += 1) {
    const s = (h[i] + earthBulgeM(d[i], dt - d[i], ae) - htsAmslM) / d[i];
    if (s > sTim) sTim = s;
  }
  // Slope of the direct ray [eq. (14)].
  const sTr = (hrsAmslM - htsAmslM) / dt;
  let nu: number;
  let pointDistanceM: number;
  const lineOfSight = sTim < sTr;
  if (lineOfSight) {
    // Case 1: the sample with the largest ν [eq. (15)].
    nu = -Infinity;
    pointDistanceM = Number.NaN;
    for (let i = 1; i < n - 1; i += 1) {
      const di = d[i];
      const ray = (htsAmslM * (dt - di) + hrsAmslM * di) / dt;
      const v =
        (h[i] + earthBulgeM(di, dt - di, ae) - ray) *
        Math.sqrt((2 * dt) / (wavelength * di * (dt - di)));
      if (v > nu) {
        nu = v;
        pointDistanceM = di;
      }
    }
  } else {
    // Case 2: steepest slope from the receiver [eq. (17)], Bullington point [eq. (18)], ν_b [eq. (20)].
    let sRim = -Infinity;
    for (let i = 1; i < n - 1; i += 1) {
      const s = (h[i] + earthBulgeM(d[i], dt - d[i], ae) - hrsAmslM) / (dt - d[i]);
      if (s > sRim) sRim = s;
    }
    const dbp = (hrsAmslM - htsAmslM + sRim * dt) / (sTim + sRim);
    const ray = (htsAmslM * (dt - dbp) + hrsAmslM * dbp) / dt;
    nu = (htsAmslM + sTim * dbp - ray) * Math.sqrt((2 * dt) / (wavelength * dbp * (dt - dbp)));
    pointDistanceM = dbp;
  }
  const luc = knifeEdgeLossDb(nu);
  // Empirical correction [eq. (21)], d in km.
  const lossDb = luc + (1 - Math.exp(-luc / 6)) * (10 + 0.02 * (dt / 1000));
  return { lossDb, lucDb: luc, nu, lineOfSight, pointDistanceM, sTim, sTr };
}

/**
 * Bullington diffraction loss of a terrain profile [ITU-R P.526-15 §4.5.1].
 * @param profile - terrain profile, metres
 * @param txHeightM - transmitter antenna height above ground at the first sample, metres
 * @param rxHeightM - receiver antenna height above ground at the last sample, metres
 * @param frequencyMhz - frequency, MHz
 * @param earth - k factor (default 4/3) or effective Earth radius
 */
export function bullingtonLoss(
  profile: TerrainProfile,
  txHeightM: number,
  rxHeightM: number,
  frequencyMhz: number,
  earth: EarthModel = {},
): BullingtonResult {
  const { d, h } = normaliseProfile(profile, 2);
  assertInRange('txHeightM', txHeightM, 0, 1e5, 'm');
  assertInRange('rxHeightM', rxHeightM, 0, 1e5, 'm');
  const n = d.length;
  return bullingtonCore(
    d,
    h,
    h[0] + txHeightM,
    h[n - 1] + rxHeightM,
    wavelengthM(frequencyMhz),
    effectiveEarthRadiusM(earth),
  );
}
