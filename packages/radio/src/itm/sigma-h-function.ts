/**
 * @module itm/sigma-h-function
 * RMS terrain deviation within the first Fresnel zone. Port of NTIA/itm `SigmaHFunction.cpp`.
 * Reference: [ERL 79-ITS 67] Longley & Rice, 1968.
 */

/**
 * sigma_h: RMS deviation of terrain and clutter within the first Fresnel zone of the dominant
 * reflecting plane.
 *
 * @param delta_h__meter - Terrain irregularity, m
 * @returns sigma_h, m [ERL 79-ITS 67, Eqn 3.6a]
 */
export function sigmaHFunction(delta_h__meter: number): number {
  return 0.78 * delta_h__meter * Math.exp(-0.5 * Math.pow(delta_h__meter, 0.25));
}
