/**
 * @module Line of sight, first-Fresnel-zone clearance and obstruction along a terrain profile, with
 * the Earth's curvature for a k factor — what a link plot draws.
 *
 * References: ITU-R P.526-15 §2.1 eq. (2) (Fresnel radius), §4.1 eq. (26) (ν of each sample),
 * §4.5.1 (Earth bulge d₁d₂/(2a_e) added to the terrain). The usual 0.6·F1 clearance rule follows
 * from eq. (31): ν = −√2·clearance/F1, and J(ν) = 0 for ν ≤ −0.78, i.e. clearance ≥ 0.55·F1.
 * Elevation angles with curvature as ITU-R P.1812-4 eqs (77)–(78).
 */
import { wavelengthM } from '../core/units.ts';
import { assertInRange } from '../core/assert.ts';
import { earthBulgeM, effectiveEarthRadiusM, normaliseProfile } from '../diffraction/profile.ts';
import type { EarthModel, TerrainProfile } from '../diffraction/profile.ts';

/** Per-sample geometry for drawing and the summary numbers. */
export interface ProfileClearance {
  /** Distances from the transmitter, metres (re-based to start at 0). */
  readonly distancesM: Float64Array;
  /** Terrain elevation plus Earth bulge relative to the chord, metres (draw this under a straight ray). */
  readonly terrainWithBulgeM: Float64Array;
  /** Height of the straight ray between the antennas, metres AMSL. */
  readonly lineOfSightM: Float64Array;
  /** First Fresnel zone radius at each sample, metres (0 at the ends). */
  readonly fresnelRadiusM: Float64Array;
  /** Ray height minus curved terrain, metres (negative = terrain above the ray). */
  readonly clearanceM: Float64Array;
  /** Clearance as a fraction of the first Fresnel radius (NaN at the ends). */
  readonly clearanceRatio: Float64Array;
  /** Smallest clearance ratio over the interior samples, and where. */
  readonly minClearanceRatio: number;
  readonly minClearanceIndex: number;
  readonly minClearanceDistanceM: number;
  /** Smallest clearance in metres over the interior samples. */
  readonly minClearanceM: number;
  /** True if any interior sample reaches the ray (clearance ≤ 0). */
  readonly obstructed: boolean;
  /** True if every interior sample clears 0.6 of the first Fresnel zone. */
  readonly fresnel60Clear: boolean;
  /** Number of interior samples intruding into the first Fresnel zone (clearance < F1). */
  readonly samplesInFirstZone: number;
  /** Largest ν over the samples [P.526-15 eq. (26)], and where. */
  readonly maxNu: number;
  readonly maxNuIndex: number;
}

/**
 * Fresnel clearance along a profile.
 * @param profile - terrain, metres
 * @param txHeightM - transmitter antenna height above ground, metres
 * @param rxHeightM - receiver antenna height above ground, metres
 * @param frequencyMhz - frequency, MHz
 * @param earth - k factor (default 4/3) or effective radius
 */
export function profileClearance(
  profile: TerrainProfile,
  txHeightM: number,
  rxHeightM: number,
  frequencyMhz: number,
  earth: EarthModel = {},
): ProfileClearance {
  const { d, h } = normaliseProfile(profile, 2);
  assertInRange('txHeightM', txHeightM, 0, 1e5, 'm');
  assertInRange('rxHeightM', rxHeightM, 0, 1e5, 'm');
  const n = d.length;
  const ae = effectiveEarthRadiusM(earth);
  const lambda = wavelengthM(frequencyMhz);
  const dt = d[n - 1];
  const hts = h[0] + txHeightM;
  const hrs = h[n - 1] + rxHeightM;
  const terrain = new Float64Array(n);
  const los = new Float64Array(n);
  const r1 = new Float64Array(n);
  const clear = new Float64Array(n);
  const ratio = new Float64Array(n);
  let minRatio = Infinity;
  let minIdx = -1;
  let minClear = Infinity;
  let inZone = 0;
  let maxNu = -Infinity;
  let maxNuIdx = -1;
  for (let i = 0; i < n; i += 1) {
    const d1 = d[i];
    const d2 = dt - d1;
    terrain[i] = h[i] + earthBulgeM(d1, d2, ae);
    los[i] = (hts * d2 + hrs * d1) / dt;
    r1[i] = i === 0 || i === n - 1 ? 0 : Math.sqrt((lambda * d1 * d2) / dt);
    clear[i] = los[i] - terrain[i];
    if (i === 0 || i === n - 1) {
      ratio[i] = Number.NaN;
      continue;
    }
    ratio[i] = clear[i] / r1[i];
    if (ratio[i] < minRatio) {
      minRatio = ratio[i];
      minIdx = i;
    }
    if (clear[i] < minClear) minClear = clear[i];
    if (clear[i] < r1[i]) inZone += 1;
    // ν = −clearance·√(2/λ·(1/d₁ + 1/d₂)) = −√2·clearance/F1.
    const nu = -Math.SQRT2 * ratio[i];
    if (nu > maxNu) {
      maxNu = nu;
      maxNuIdx = i;
    }
  }
  return {
    distancesM: d,
    terrainWithBulgeM: terrain,
    lineOfSightM: los,
    fresnelRadiusM: r1,
    clearanceM: clear,
    clearanceRatio: ratio,
    minClearanceRatio: minRatio,
    minClearanceIndex: minIdx,
    minClearanceDistanceM: minIdx < 0 ? Number.NaN : d[minIdx],
    minClearanceM: minClear,
    obstructed: minClear <= 0,
    fresnel60Clear: minRatio >= 0.6,
    samplesInFirstZone: inZone,
    maxNu,
    maxNuIndex: maxNuIdx,
  };
}

/**
 * Elevation angle of the straight ray from one antenna toward the other, with Earth curvature,
 * degrees [ITU-R P.1812-4 eq. (78)]: atan((h_to − h_from)/d − d/(2a_e)).
 */
export function elevationAngleDeg(
  fromAmslM: number,
  toAmslM: number,
  distanceM: number,
  earth: EarthModel = {},
): number {
  const ae = effectiveEarthRadiusM(earth);
  return (Math.atan((toAmslM - fromAmslM) / distanceM - distanceM / (2 * ae)) * 180) / Math.PI;
}

/**
 * Horizon elevation angle seen from the transmitter: the largest angle to any interior sample,
 * degrees [ITU-R P.1812-4 eq. (77)], and its distance.
 */
export function horizonElevationDeg(
  profile: TerrainProfile,
  txHeightM: number,
  earth: EarthModel = {},
): { readonly angleDeg: number; readonly distanceM: number } {
  const { d, h } = normaliseProfile(profile, 2);
  const ae = effectiveEarthRadiusM(earth);
  const hts = h[0] + txHeightM;
  let best = -Infinity;
  let at = Number.NaN;
  for (let i = 1; i < d.length - 1; i += 1) {
    const a = Math.atan((h[i] - hts) / d[i] - d[i] / (2 * ae));
    if (a > best) {
      best = a;
      at = d[i];
    }
  }
  return { angleDeg: (best * 180) / Math.PI, distanceM: at };
}
