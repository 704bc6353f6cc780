/**
 * @module itm/initialize-area
 * Effective heights, horizon distances and horizon angles estimated from siting criteria and
 * delta_h, for area mode. Port of NTIA/itm `InitializeArea.cpp`.
 * Reference: [Algorithm] Hufford, 1995, section 3.
 */
import { PI, SITING_CRITERIA__CAREFUL, SITING_CRITERIA__RANDOM } from './constants.ts';
import { MAX, MIN } from './macros.ts';

/**
 * Initialises the terminal geometry of an area-mode prediction.
 *
 * @param site_criteria - Siting criteria [tx, rx]: 0 random, 1 careful, 2 very careful
 * @param gamma_e - Curvature of the effective earth, 1/m
 * @param delta_h__meter - Terrain irregularity parameter, m
 * @param h__meter - Structural terminal heights [tx, rx], m
 * @param h_e__meter - Out: effective terminal heights [tx, rx], m
 * @param d_hzn__meter - Out: terminal horizon distances [tx, rx], m
 * @param theta_hzn - Out: terminal horizon angles [tx, rx], rad
 */
export function initializeArea(
  site_criteria: ArrayLike<number>,
  gamma_e: number,
  delta_h__meter: number,
  h__meter: ArrayLike<number>,
  h_e__meter: number[] | Float64Array,
  d_hzn__meter: number[] | Float64Array,
  theta_hzn: number[] | Float64Array,
): void {
  for (let i = 0; i < 2; i++) {
    if (site_criteria[i] === SITING_CRITERIA__RANDOM) {
      h_e__meter[i] = h__meter[i];
    } else {
      // anything but careful is treated as very careful; the caller has validated the value
      let B = site_criteria[i] === SITING_CRITERIA__CAREFUL ? 4.0 : 9.0;
      if (h__meter[i] < 5.0) B = B * Math.sin(0.1 * PI * h__meter[i]);
      // [Algorithm, Eqn 3.2]
      h_e__meter[i] =
        h__meter[i] +
        (1.0 + B) * Math.exp(-MIN(20.0, (2.0 * h__meter[i]) / MAX(1e-3, delta_h__meter)));
    }

    const d_Ls__meter = Math.sqrt((2.0 * h_e__meter[i]) / gamma_e);

    // [Algorithm, Eqn 3.3], with H_3 = 5 m
    const H_3__meter = 5;
    d_hzn__meter[i] =
      d_Ls__meter * Math.exp(-0.07 * Math.sqrt(delta_h__meter / MAX(h_e__meter[i], H_3__meter)));

    // [Algorithm, Eqn 3.4]
    theta_hzn[i] =
      (0.65 * delta_h__meter * (d_Ls__meter / d_hzn__meter[i] - 1.0) - 2.0 * h_e__meter[i]) /
      d_Ls__meter;
  }
}
