/**
 * @module The delta-Bullington diffraction method for a general terrestrial path.
 *
 * Reference: ITU-R P.526-15 §4.5.2 ("complete method"): L_d = L_ba + max(L_sph − L_bs, 0), where L_ba
 * is the Bullington loss of the actual profile (§4.5.1), L_bs the Bullington loss of the same path
 * with all heights set to zero and the antennas at their heights above the smooth surface, and L_sph
 * the spherical-Earth loss (§3.2) for those heights. The same method is ITU-R P.1812-6 §4.3.4,
 * eqs (37)–(39), and ITU-R P.452-17 §4.2.3. Validated against the ITU-R SG3 "Validation examples for
 * the delta Bullington diffraction prediction method" (see test/).
 */
import { wavelengthM } from '../core/units.ts';
import { assertInRange } from '../core/assert.ts';
import { bullingtonCore } from './bullington.ts';
import type { BullingtonResult } from './bullington.ts';
import { effectiveEarthRadiusM, normaliseProfile } from './profile.ts';
import type { EarthModel, TerrainProfile } from './profile.ts';
import { smoothSurfaceHeights } from './smooth-surface.ts';
import type { SmoothSurfaceHeights } from './smooth-surface.ts';
import { sphericalEarthDiffraction } from './spherical-earth.ts';
import type { SphericalEarthOptions, SphericalEarthResult } from './spherical-earth.ts';

/** Delta-Bullington result with every intermediate term. */
export interface DeltaBullingtonResult {
  /** Diffraction loss L_d, dB (to be added to free-space loss). */
  readonly lossDb: number;
  /** Bullington loss of the actual profile, L_ba. */
  readonly actual: BullingtonResult;
  /** Bullington loss of the smooth (zero-height) path, L_bs. */
  readonly smooth: BullingtonResult;
  /** Spherical-Earth loss of the smooth path, L_sph. */
  readonly spherical: SphericalEarthResult;
  /** Smooth-surface heights at the terminals. */
  readonly surface: SmoothSurfaceHeights;
  /** Transmitter height above the smooth surface h'_ts, metres. */
  readonly txEffectiveHeightM: number;
  /** Receiver height above the smooth surface h'_rs, metres. */
  readonly rxEffectiveHeightM: number;
}

/**
 * Delta-Bullington diffraction loss [ITU-R P.526-15 §4.5.2].
 * @param profile - terrain profile, metres (distances from the transmitter, elevations AMSL)
 * @param txHeightM - transmitter antenna height above ground, metres
 * @param rxHeightM - receiver antenna height above ground, metres
 * @param frequencyMhz - frequency, MHz
 * @param options - Earth model (k, default 4/3) and surface (polarisation, ground) for §3.2
 */
export function deltaBullingtonLoss(
  profile: TerrainProfile,
  txHeightM: number,
  rxHeightM: number,
  frequencyMhz: number,
  options: EarthModel & SphericalEarthOptions = {},
): DeltaBullingtonResult {
  const { d, h } = normaliseProfile(profile, 2);
  assertInRange('txHeightM', txHeightM, 0, 1e5, 'm');
  assertInRange('rxHeightM', rxHeightM, 0, 1e5, 'm');
  const n = d.length;
  const ae = effectiveEarthRadiusM(options);
  const lambda = wavelengthM(frequencyMhz);
  const hts = h[0] + txHeightM;
  const hrs = h[n - 1] + rxHeightM;
  const actual = bullingtonCore(d, h, hts, hrs, lambda, ae);
  const surface = smoothSurfaceHeights(d, h, hts, hrs);
  const htsP = hts - surface.hStdM;
  const hrsP = hrs - surface.hSrdM;
  const smooth = bullingtonCore(d, new Float64Array(n), htsP, hrsP, lambda, ae);
  const spherical = sphericalEarthDiffraction(d[n - 1], htsP, hrsP, frequencyMhz, ae, options);
  return {
    lossDb: actual.lossDb + Math.max(spherical.lossDb - smooth.lossDb, 0),
    actual,
    smooth,
    spherical,
    surface,
    txEffectiveHeightM: htsP,
    rxEffectiveHeightM: hrsP,
  };
}
