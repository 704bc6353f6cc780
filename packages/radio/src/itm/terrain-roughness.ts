/**
 * @module itm/terrain-roughness
 * Terrain irregularity seen over a given distance. Port of NTIA/itm `TerrainRoughness.cpp`.
 * Reference: [ERL 79-ITS 67] Longley & Rice, 1968.
 */

/**
 * delta_h(d): the interdecile terrain range expected over a path of length d.
 *
 * @param d__meter - Distance, m
 * @param delta_h__meter - Terrain irregularity parameter of the whole path, m
 * @returns delta_h_d, terrain irregularity over d, m
 */
export function terrainRoughness(d__meter: number, delta_h__meter: number): number {
  // [ERL 79-ITS 67, Eqn 3], with the 50 km scale distance written in metres
  return delta_h__meter * (1.0 - 0.8 * Math.exp(-d__meter / 50e3));
}
