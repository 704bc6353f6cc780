/**
 * @module itm/compute-delta-h
 * The terrain irregularity parameter delta_h of a profile. Port of NTIA/itm `ComputeDeltaH.cpp`.
 * Reference: [ERL 79-ITS 67] Longley & Rice, 1968.
 */
import { linearLeastSquaresFit } from './linear-least-squares-fit.ts';
import type { LinearFit } from './linear-least-squares-fit.ts';
import { nthElement } from './nth-element.ts';

// At most 10 * 25 - 5 = 245 resampled points, plus the two pfl header slots.
const s = new Float64Array(247);
const diffs = new Float64Array(245);
const fit: LinearFit = { fit_y1: 0, fit_y2: 0 };

/**
 * delta_h: the interdecile range of terrain heights about a least-squares line, over the part of
 * the profile between d_start and d_end, scaled up to the asymptotic value for a long path.
 *
 * How the reference does it, quirks included: the span is resampled by linear interpolation onto
 * n = 10·p10 - 5 equally spaced points (p10 = 10 % of the span's length in intervals, plus 0.8,
 * truncated and clamped to 4..25), so a long span is decimated to at most 245 samples however
 * many points it has; each sample is interpolated back from the profile point after it; a line is
 * fitted to the samples; the deviations are ranked and the p10-th largest minus the
 * (p90 + 1)-th largest (p90 = n - p10) is the interdecile range of the span.
 *
 * @param pfl - Terrain profile [np, xi, z_0..z_np], m
 * @param d_start__meter - Start of the span, m from the tx end
 * @param d_end__meter - End of the span, m from the tx end
 * @returns delta_h__meter, m (0 when the span holds fewer than 2 intervals)
 */
export function computeDeltaH(
  pfl: Float64Array,
  d_start__meter: number,
  d_end__meter: number,
): number {
  const np = Math.trunc(pfl[0]);
  // span ends as fractional point indices
  let x_start = d_start__meter / pfl[1];
  let x_end = d_end__meter / pfl[1];

  if (x_end - x_start < 2.0) return 0;

  let p10 = Math.trunc(0.1 * (x_end - x_start + 8.0));
  p10 = Math.min(Math.max(4, p10), 25);

  const n = 10 * p10 - 5;
  const p90 = n - p10;

  // the resampled span in pfl layout: n - 1 intervals of 1 unit
  const np_s = n - 1;
  s[0] = np_s;
  s[1] = 1.0;

  x_end = (x_end - x_start) / np_s; // now the resampling step, in profile intervals
  let i = Math.trunc(x_start);
  // NTIA writes float(i + 1.0): a single-precision cast, exact for any realistic index
  x_start -= Math.fround(i + 1.0);

  for (let j = 0; j < n; j++) {
    // advance until the sample lies between points i and i + 1 (x_start in (-1, 0])
    while (x_start > 0.0 && i + 1 < np) {
      x_start--;
      i++;
    }
    s[j + 2] = pfl[i + 3] + (pfl[i + 3] - pfl[i + 2]) * x_start;
    x_start += x_end;
  }

  linearLeastSquaresFit(s, 0.0, np_s, fit);
  let fit_y1 = fit.fit_y1;
  const fit_y2 = (fit.fit_y2 - fit_y1) / np_s; // slope per sample

  // deviations from the fitted line, accumulated along the line as the reference does
  for (let j = 0; j < n; j++) {
    diffs[j] = s[j + 2] - fit_y1;
    fit_y1 += fit_y2;
  }

  // NTIA ranks with std::nth_element in descending order and takes the values at positions
  // p10 - 1 and p90; those are order statistics, so any exact selection gives the same numbers.
  // In ascending order they sit at n - p10 and n - 1 - p90 = p10 - 1. Selection rather than a
  // full sort: this was half the run time of a point-to-point call.
  nthElement(diffs, 0, n, n - p10);
  const q10 = diffs[n - p10];
  // the p10 - 1 smallest all sit left of n - p10 now
  nthElement(diffs, 0, n - p10, p10 - 1);
  const q90 = diffs[n - 1 - p90];

  const delta_h_d__meter = q10 - q90;

  // [ERL 79-ITS 67, Eqn 3], inverted: from the span's irregularity to the asymptotic delta_h
  return delta_h_d__meter / (1.0 - 0.8 * Math.exp(-(d_end__meter - d_start__meter) / 50e3));
}
