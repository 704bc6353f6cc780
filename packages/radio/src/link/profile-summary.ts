/**
 * @module One-line facts about a terrain profile, for printing.
 *
 * Δh here is the interdecile range (90th − 10th percentile) of the elevations over the whole path,
 * the roughness measure of Longley–Rice [ERL 79-ITS 67, Eqn 3.1] taken without the trimming of the
 * ends the ITM applies; use the ITM's own value where the ITM is run.
 */
import { normaliseProfile } from '../diffraction/profile.ts';
import type { TerrainProfile } from '../diffraction/profile.ts';

/** Summary of a profile. */
export interface ProfileSummary {
  readonly lengthM: number;
  readonly samples: number;
  /** Mean sample spacing, metres. */
  readonly meanSpacingM: number;
  readonly minElevationM: number;
  readonly maxElevationM: number;
  /** Distance of the highest sample from the transmitter, metres. */
  readonly maxElevationDistanceM: number;
  readonly meanElevationM: number;
  /** Interdecile range of elevations, metres. */
  readonly deltaHM: number;
  readonly txGroundM: number;
  readonly rxGroundM: number;
  readonly txAntennaAmslM: number;
  readonly rxAntennaAmslM: number;
}

function percentile(sorted: Float64Array, p: number): number {
  const x = (sorted.length - 1) * p;
  const lo = Math.floor(x);
  const hi = Math.ceil(x);
  return sorted[lo] + (x - lo) * (sorted[hi] - sorted[lo]);
}

/** Summarises a profile for antenna heights above ground at each end. */
export function summariseProfile(
  profile: TerrainProfile,
  txHeightM: number,
  rxHeightM: number,
): ProfileSummary {
  const { d, h } = normaliseProfile(profile, 2);
  const n = d.length;
  let min = Infinity;
  let max = -Infinity;
  let maxAt = 0;
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    if (h[i] < min) min = h[i];
    if (h[i] > max) {
      max = h[i];
      maxAt = d[i];
    }
    sum += h[i];
  }
  const sorted = Float64Array.from(h).sort();
  return {
    lengthM: d[n - 1],
    samples: n,
    meanSpacingM: d[n - 1] / (n - 1),
    minElevationM: min,
    maxElevationM: max,
    maxElevationDistanceM: maxAt,
    meanElevationM: sum / n,
    deltaHM: percentile(sorted, 0.9) - percentile(sorted, 0.1),
    txGroundM: h[0],
    rxGroundM: h[n - 1],
    txAntennaAmslM: h[0] + txHeightM,
    rxAntennaAmslM: h[n - 1] + rxHeightM,
  };
}
