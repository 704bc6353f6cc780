/**
 * @module Physical constants shared by the radio package.
 *
 * References: CODATA (speed of light, exact by SI definition); ITU-R P.834-9 §1 and
 * ITU-R P.452-17 §4.3 (mean Earth radius a = 6 371 km, effective radius a_e = k·a, median k = 4/3).
 */

/** Speed of light in vacuum, m/s (exact, SI definition). */
export const SPEED_OF_LIGHT_M_PER_S = 299_792_458;

/** Mean Earth radius a, metres [ITU-R P.834-9 §1; ITU-R P.452-17 eq. (6a) uses 6 371 km]. */
export const EARTH_RADIUS_M = 6_371_000;

/** Median effective-Earth-radius factor k for a standard atmosphere [ITU-R P.834-9 §1]. */
export const STANDARD_K_FACTOR = 4 / 3;
