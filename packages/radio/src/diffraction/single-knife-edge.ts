/**
 * @module Loss of the single dominant knife edge of a terrain profile.
 *
 * The profile sample with the largest ν over the terminal-to-terminal ray (Earth curvature included)
 * is treated as an isolated knife edge [ITU-R P.526-15 §4.1, eqs (26) and (31)].
 */
import { wavelengthM } from '../core/units.ts';
import { assertInRange } from '../core/assert.ts';
import { knifeEdgeLossDb } from './knife-edge.ts';
import { effectiveEarthRadiusM, maxNuBetween, normaliseProfile } from './profile.ts';
import type { EarthModel, TerrainProfile } from './profile.ts';

/** The dominant edge of a profile. */
export interface DominantEdge {
  /** Loss J(ν) of the dominant edge by eq. (31), dB. */
  readonly lossDb: number;
  /** Its diffraction parameter ν (−∞ if the profile has no intermediate sample). */
  readonly nu: number;
  /** Sample index of the edge (−1 if none). */
  readonly index: number;
  /** Distance of the edge from the transmitter, metres (NaN if none). */
  readonly distanceM: number;
  /** Height of the edge (with Earth bulge) above the direct ray, metres (negative = clearance). */
  readonly excessHeightM: number;
}

/**
 * Single dominant knife edge of a profile [ITU-R P.526-15 §4.1].
 * @param profile - terrain profile (distances and elevations, metres)
 * @param txHeightM - transmitter antenna height above the first sample's ground, metres
 * @param rxHeightM - receiver antenna height above the last sample's ground, metres
 * @param frequencyMhz - frequency, MHz
 * @param earth - k factor or effective Earth radius
 */
export function dominantKnifeEdge(
  profile: TerrainProfile,
  txHeightM: number,
  rxHeightM: number,
  frequencyMhz: number,
  earth: EarthModel = {},
): DominantEdge {
  const { d, h } = normaliseProfile(profile, 2);
  assertInRange('txHeightM', txHeightM, 0, 1e5, 'm');
  assertInRange('rxHeightM', rxHeightM, 0, 1e5, 'm');
  const n = d.length;
  const ae = effectiveEarthRadiusM(earth);
  const lambda = wavelengthM(frequencyMhz);
  const e = maxNuBetween(d, h, 0, n - 1, h[0] + txHeightM, h[n - 1] + rxHeightM, lambda, ae);
  return {
    lossDb: knifeEdgeLossDb(e.nu),
    nu: e.nu,
    index: e.index,
    distanceM: e.index < 0 ? Number.NaN : d[e.index],
    excessHeightM: e.excessHeightM,
  };
}
