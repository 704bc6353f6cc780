/**
 * @module itm/find-horizons
 * Radio horizons of both terminals along a terrain profile. Port of NTIA/itm `FindHorizons.cpp`.
 * Reference: [TN101] Rice et al., 1967, section 6.
 */

/**
 * Finds each terminal's horizon: the profile point with the largest elevation angle seen from it
 * over an earth of radius a_e. With no obstruction the horizon is the other terminal.
 *
 * @param pfl - Terrain profile [np, xi, z_0..z_np], m
 * @param a_e__meter - Effective earth radius, m
 * @param h__meter - Structural terminal heights [tx, rx], m
 * @param theta_hzn - Out: horizon angles [tx, rx], rad
 * @param d_hzn__meter - Out: horizon distances [tx, rx], m
 */
export function findHorizons(
  pfl: Float64Array,
  a_e__meter: number,
  h__meter: ArrayLike<number>,
  theta_hzn: number[] | Float64Array,
  d_hzn__meter: number[] | Float64Array,
): void {
  const np = Math.trunc(pfl[0]);
  const xi = pfl[1];
  const d__meter = pfl[0] * pfl[1];

  // terminal elevations; the earth's radius cancels out of the angle differences below
  const z_tx__meter = pfl[2] + h__meter[0];
  const z_rx__meter = pfl[np + 2] + h__meter[1];

  // start as if the terminals see each other [TN101, Eq 6.15]
  const two_a_e = 2 * a_e__meter;
  let theta_0 = (z_rx__meter - z_tx__meter) / d__meter - d__meter / two_a_e;
  let theta_1 = -(z_rx__meter - z_tx__meter) / d__meter - d__meter / two_a_e;
  let d_hzn_0 = d__meter;
  let d_hzn_1 = d__meter;

  let d_tx__meter = 0.0;
  let d_rx__meter = d__meter;
  for (let i = 1; i < np; i++) {
    // distances accumulate step by step, as in the reference (not i * xi)
    d_tx__meter = d_tx__meter + xi;
    d_rx__meter = d_rx__meter - xi;
    const z = pfl[i + 2];

    const theta_tx = (z - z_tx__meter) / d_tx__meter - d_tx__meter / two_a_e;
    const theta_rx = -(z_rx__meter - z) / d_rx__meter - d_rx__meter / two_a_e;

    // strict comparisons: on a tie the horizon nearest the terminal (tx) / first found (rx) wins
    if (theta_tx > theta_0) {
      theta_0 = theta_tx;
      d_hzn_0 = d_tx__meter;
    }
    if (theta_rx > theta_1) {
      theta_1 = theta_rx;
      d_hzn_1 = d_rx__meter;
    }
  }

  theta_hzn[0] = theta_0;
  theta_hzn[1] = theta_1;
  d_hzn__meter[0] = d_hzn_0;
  d_hzn__meter[1] = d_hzn_1;
}
