/**
 * @module itm/fresnel-integral
 * Ideal knife-edge diffraction loss A(v, 0). Port of NTIA/itm `FresnelIntegral.cpp`.
 * References: [TN101v2] Rice et al., NBS Tech Note 101, vol. 2; [ERL 79-ITS 67].
 */

/**
 * Approximate knife-edge loss as a function of v².
 *
 * @param v2 - The squared Fresnel-Kirchhoff parameter v² (so 5.76 stands for v = 2.4)
 * @returns A(v, 0), dB
 */
export function fresnelIntegral(v2: number): number {
  if (v2 < 5.76) {
    // [TN101v2, Eqn III.24b] and [ERL 79-ITS 67, Eqn 3.27a & 3.27b]
    return 6.02 + 9.11 * Math.sqrt(v2) - 1.27 * v2;
  }
  // [TN101v2, Eqn III.24c] and [ERL 79-ITS 67, Eqn 3.27a & 3.27b]
  return 12.953 + 10 * Math.log10(v2);
}
