/**
 * @module itm/initialize-point-to-point
 * Surface refractivity, effective earth curvature and ground impedance. Port of NTIA/itm
 * `InitializePointToPoint.cpp` (area mode calls it too, with h_sys = 0).
 * Reference: [TN101] Rice et al., 1967, section 4.
 */
import type { Complex } from './complex.ts';
import { complexDivide, complexSqrt } from './complex.ts';
import { POLARIZATION__VERTICAL } from './constants.ts';

/** Outputs of initializePointToPoint. */
export interface PointToPointParameters {
  /** Complex ground impedance */
  Z_g: Complex;
  /** Curvature of the effective earth, 1/m */
  gamma_e: number;
  /** Surface refractivity, N-units */
  N_s: number;
}

/** Creates a zeroed output record for initializePointToPoint. */
export function createPointToPointParameters(): PointToPointParameters {
  return { Z_g: { re: 0, im: 0 }, gamma_e: 0, N_s: 0 };
}

/**
 * Initialises the parameters that depend on the system, not the path geometry.
 *
 * @param f__mhz - Frequency, MHz
 * @param h_sys__meter - Mean height of the path above sea level, m
 * @param N_0 - Sea-level refractivity, N-units
 * @param pol - Polarization, 0 horizontal or 1 vertical
 * @param epsilon - Relative permittivity
 * @param sigma - Conductivity, S/m
 * @param out - Receives Z_g, gamma_e and N_s
 */
export function initializePointToPoint(
  f__mhz: number,
  h_sys__meter: number,
  N_0: number,
  pol: number,
  epsilon: number,
  sigma: number,
  out: PointToPointParameters,
): void {
  // curvature of the actual earth, about 1 / 6370 km
  const gamma_a = 157e-9;

  // refractivity scaled to the height of the path [TN101, Eq 4.3]
  out.N_s = h_sys__meter === 0.0 ? N_0 : N_0 * Math.exp(-h_sys__meter / 9460.0);

  // curvature of the effective earth [TN101, Eq 4.4], reworked
  out.gamma_e = gamma_a * (1.0 - 0.04665 * Math.exp(out.N_s / 179.3));

  // complex relative permittivity
  const ep_r_re = epsilon;
  const ep_r_im = (18000 * sigma) / f__mhz;

  // ground impedance for horizontal polarization, divided by ep_r for vertical
  complexSqrt(ep_r_re - 1.0, ep_r_im, out.Z_g);
  if (pol === POLARIZATION__VERTICAL) {
    complexDivide(out.Z_g.re, out.Z_g.im, ep_r_re, ep_r_im, out.Z_g);
  }
}
