/**
 * @module Terrain profiles as typed arrays, and the effective-Earth geometry shared by the
 * diffraction methods.
 *
 * References: ITU-R P.834-9 §1 and P.526-15 §1 (profiles are traced with the effective Earth radius
 * a_e = k·a); ITU-R P.526-15 §4.5.1 (the Earth-bulge term 500·C_e·d_i(d − d_i) with C_e = 1/a_e in
 * km⁻¹, written here as d_i(d − d_i)/(2a_e) in metres).
 */
import { EARTH_RADIUS_M, STANDARD_K_FACTOR } from '../core/constants.ts';
import { assertInRange, assertPositive } from '../core/assert.ts';

/** A terrain profile along a great circle: two arrays of equal length. */
export interface TerrainProfile {
  /** Distance of each sample from the first terminal, metres, strictly increasing. */
  readonly distancesM: ArrayLike<number>;
  /** Terrain elevation of each sample above mean sea level, metres. */
  readonly elevationsM: ArrayLike<number>;
}

/** How to obtain the effective Earth radius: a k factor (default 4/3) or the radius itself. */
export interface EarthModel {
  /** Effective-Earth-radius factor k (default 4/3). Ignored if `effectiveEarthRadiusM` is set. */
  readonly kFactor?: number;
  /** Effective Earth radius a_e, metres. */
  readonly effectiveEarthRadiusM?: number;
}

/** Effective Earth radius a_e = k·a, metres [ITU-R P.834-9 §1]. */
export function effectiveEarthRadiusM(earth: EarthModel = {}): number {
  if (earth.effectiveEarthRadiusM !== undefined) {
    assertPositive('effectiveEarthRadiusM', earth.effectiveEarthRadiusM, 'm');
    return earth.effectiveEarthRadiusM;
  }
  const k = earth.kFactor ?? STANDARD_K_FACTOR;
  assertInRange('kFactor', k, 0.1, 1000);
  return k * EARTH_RADIUS_M;
}

/**
 * Height of the effective Earth's surface above the chord between the profile ends at distances
 * d₁ and d₂ from them: d₁d₂/(2a_e) [ITU-R P.526-15 §4.5.1].
 */
export function earthBulgeM(d1M: number, d2M: number, effectiveRadiusM: number): number {
  return (d1M * d2M) / (2 * effectiveRadiusM);
}

/**
 * Checks a profile and returns it as Float64Arrays re-based so that the first distance is 0.
 * @throws {RangeError} naming the offending index when lengths differ, there are fewer than
 *   `minPoints` samples, a value is not finite, or distances do not strictly increase
 */
export function normaliseProfile(
  profile: TerrainProfile,
  minPoints = 2,
): { d: Float64Array; h: Float64Array } {
  const n = profile.distancesM.length;
  if (profile.elevationsM.length !== n) {
    throw new RangeError(
      `profile.elevationsM has ${profile.elevationsM.length} samples but profile.distancesM has ${n}`,
    );
  }
  if (n < minPoints) {
    throw new RangeError(`profile has ${n} samples; at least ${minPoints} are needed`);
  }
  const d = new Float64Array(n);
  const h = new Float64Array(n);
  const d0 = profile.distancesM[0];
  for (let i = 0; i < n; i += 1) {
    const di = profile.distancesM[i];
    const hi = profile.elevationsM[i];
    if (!Number.isFinite(di))
      throw new RangeError(`profile.distancesM[${i}] = ${di} is not finite`);
    if (!Number.isFinite(hi))
      throw new RangeError(`profile.elevationsM[${i}] = ${hi} is not finite`);
    d[i] = di - d0;
    h[i] = hi;
    if (i > 0 && !(d[i] > d[i - 1])) {
      throw new RangeError(
        `profile.distancesM[${i}] = ${di} does not increase from profile.distancesM[${i - 1}] = ${profile.distancesM[i - 1]}`,
      );
    }
  }
  return { d, h };
}

/**
 * Index, ν and excess height of the sample with the largest diffraction parameter ν between samples
 * `a` and `b` (exclusive), for a ray from height `ha` at `a` to `hb` at `b` (metres above sea level),
 * with Earth curvature relative to the sub-path chord [ITU-R P.526-15 §4.5.1 (case 1), eq. (26)].
 * Returns index −1 and ν = −∞ when there is no sample between them.
 */
export function maxNuBetween(
  d: Float64Array,
  h: Float64Array,
  a: number,
  b: number,
  ha: number,
  hb: number,
  wavelength: number,
  ae: number,
): { index: number; nu: number; excessHeightM: number } {
  let best = -1;
  let bestNu = -Infinity;
  let bestH = -Infinity;
  const da = d[a];
  const span = d[b] - da;
  for (let i = a + 1; i < b; i += 1) {
    const d1 = d[i] - da;
    const d2 = d[b] - d[i];
    const ray = (ha * d2 + hb * d1) / span;
    const excess = h[i] + earthBulgeM(d1, d2, ae) - ray;
    const nu = excess * Math.sqrt((2 * span) / (wavelength * d1 * d2));
    if (nu > bestNu) {
      bestNu = nu;
      best = i;
      bestH = excess;
    }
  }
  return { index: best, nu: bestNu, excessHeightM: bestH };
}
