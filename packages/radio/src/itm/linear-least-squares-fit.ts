/**
 * @module itm/linear-least-squares-fit
 * Least-squares straight line through part of a terrain profile. Port of NTIA/itm
 * `LinearLeastSquaresFit.cpp`.
 */
import { fdim } from './macros.ts';

/** Outputs of linearLeastSquaresFit: the fitted line's heights at both ends of the profile. */
export interface LinearFit {
  /** Fitted height at the start of the profile (x = 0), m */
  fit_y1: number;
  /** Fitted height at the end of the profile (x = np), m */
  fit_y2: number;
}

/**
 * Fits a line to the profile points between d_start and d_end, and evaluates it at the two ends
 * of the whole profile (not of the fitted span).
 *
 * Quirks kept from the reference: the span is snapped inward to whole points by truncation; a
 * span shorter than one interval is widened by a point each side; and the sums use the
 * trapezoid-like half weights on the end points with the closed-form normal equations centred on
 * the span, so summation order matches NTIA's for bit-level agreement.
 *
 * @param pfl - Profile [np, xi, z_0..z_np]
 * @param d_start - Start of the span, m from the profile start
 * @param d_end - End of the span, m from the profile start
 * @param out - Receives fit_y1 and fit_y2
 */
export function linearLeastSquaresFit(
  pfl: Float64Array,
  d_start: number,
  d_end: number,
  out: LinearFit,
): void {
  const np = Math.trunc(pfl[0]);

  let i_start = Math.trunc(fdim(d_start / pfl[1], 0.0));
  let i_end = np - Math.trunc(fdim(np, d_end / pfl[1]));

  if (i_end <= i_start) {
    i_start = Math.trunc(fdim(i_start, 1.0));
    i_end = np - Math.trunc(fdim(np, i_end + 1.0));
  }

  const x_length = i_end - i_start;

  let mid_shifted_index = -0.5 * x_length;
  const mid_shifted_end = i_end + mid_shifted_index;

  let sum_y = 0.5 * (pfl[i_start + 2] + pfl[i_end + 2]);
  let scaled_sum_y = 0.5 * (pfl[i_start + 2] - pfl[i_end + 2]) * mid_shifted_index;

  for (let i = 2; i <= x_length; i++) {
    i_start++;
    mid_shifted_index++;
    const z = pfl[i_start + 2];
    sum_y += z;
    scaled_sum_y += z * mid_shifted_index;
  }

  sum_y = sum_y / x_length;
  scaled_sum_y = (scaled_sum_y * 12.0) / ((x_length * x_length + 2.0) * x_length);

  out.fit_y1 = sum_y - scaled_sum_y * mid_shifted_end;
  out.fit_y2 = sum_y + scaled_sum_y * (np - mid_shifted_end);
}
