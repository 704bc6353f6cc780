/**
 * @module itm/inverse-complementary-cumulative-distribution-function
 * Inverse of the standard normal complementary CDF, Q^-1(q). Port of NTIA/itm
 * `InverseComplementaryCumulativeDistributionFunction.cpp`. Reference: Abramowitz & Stegun,
 * Handbook of Mathematical Functions, formula 26.2.23 (|error| < 4.5e-4).
 */

const C_0 = 2.515516;
const C_1 = 0.802853;
const C_2 = 0.010328;
const D_1 = 1.432788;
const D_2 = 0.189269;
const D_3 = 0.001308;

/**
 * Q^-1(q), the standard normal deviate exceeded with probability q.
 *
 * Surprising but faithful: this is a rational approximation, so Q^-1(0.5) is not 0 but about
 * 2.4e-7 (the approximation's error at the median). ITM's loss at 50 % therefore carries a tiny
 * variability term, and an exact inverse normal would not reproduce NTIA's numbers.
 *
 * @param q - Quantile, 0 < q < 1
 * @returns Q^-1(q)
 */
export function inverseComplementaryCumulativeDistributionFunction(q: number): number {
  const x = q > 0.5 ? 1.0 - q : q;
  const T_x = Math.sqrt(-2.0 * Math.log(x));
  const zeta_x = ((C_2 * T_x + C_1) * T_x + C_0) / (((D_3 * T_x + D_2) * T_x + D_1) * T_x + 1.0);
  const Q_q = T_x - zeta_x;
  return q > 0.5 ? -Q_q : Q_q;
}
