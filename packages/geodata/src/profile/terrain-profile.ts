/**
 * @module profile/terrain-profile
 * Terrain elevations along a geodesic path, and the ITM profile array built from them.
 *
 * `terrainProfile` is the convenient async call (it loads the tiles the path crosses);
 * `profileFromSampler` and `sampleProfile` are synchronous over tiles already loaded, for code that
 * extracts many profiles (coverage radials). `sampleProfile` can write into a caller's buffer at an
 * offset, so an ITM `pfl` array can be filled without a copy: pfl = [n, spacing, z0..zn].
 */
import type { TerrainSource } from '../terrain/mosaic.ts';
import type { TerrainSampler } from '../terrain/sampler.ts';
import type { LatLon } from '../terrain/types.ts';
import { geodesicPath, type GeodesicPath, type GeodesicPathOptions } from './geodesic-path.ts';

/** A geodesic path with the terrain elevation at each point. */
export interface TerrainProfile extends GeodesicPath {
  /** n + 1 elevations, metres (NaN at voids only under `voids: 'nan'`). */
  elevationsM: Float64Array;
}

/**
 * Elevations at each point of `path`, written to `out` from `offset` (a new array when omitted).
 * Synchronous and allocation-free when `out` is given.
 * @throws {TerrainCoverageError | TerrainVoidError} as `sampler.elevation` does.
 */
export function sampleProfile(
  sampler: TerrainSampler,
  path: Pick<GeodesicPath, 'lats' | 'lons'>,
  out?: Float64Array,
  offset = 0,
): Float64Array {
  const n = path.lats.length;
  const target = out ?? new Float64Array(n + offset);
  if (target.length < offset + n) {
    throw new RangeError(`sampleProfile: out has ${target.length} slots, need ${offset + n}`);
  }
  const lats = path.lats;
  const lons = path.lons;
  for (let i = 0; i < n; i++) target[offset + i] = sampler.elevation(lats[i]!, lons[i]!);
  return target;
}

/** A profile over tiles already loaded in `sampler` (see `TerrainSource.preload`). */
export function profileFromSampler(
  sampler: TerrainSampler,
  from: LatLon,
  to: LatLon,
  stepM: number,
  options: GeodesicPathOptions = {},
): TerrainProfile {
  const path = geodesicPath(from, to, stepM, options);
  return { ...path, elevationsM: sampleProfile(sampler, path) };
}

/**
 * The terrain profile from `from` to `to` every ≤ `stepM` metres along the geodesic, loading the
 * tiles the path crosses.
 * @throws {TerrainCoverageError} naming the first point of the path no tile covers.
 */
export async function terrainProfile(
  source: TerrainSource,
  from: LatLon,
  to: LatLon,
  stepM: number,
  options: GeodesicPathOptions = {},
): Promise<TerrainProfile> {
  const path = geodesicPath(from, to, stepM, options);
  await source.preload(path);
  return { ...path, elevationsM: sampleProfile(source.sampler(), path) };
}

/**
 * ITM's profile array: [n_intervals, spacing_m, z0..zn] (n + 3 values). [NTIA/itm v1.4, the
 * `pfl` argument of ITM_P2P_TLS: number of intervals, their length in metres, then the n + 1
 * elevations in metres; see also the `pfl` column of the shared ITM oracle (itm/itm-oracle-public.json)]
 */
export function itmPfl(
  profile: Pick<TerrainProfile, 'nIntervals' | 'spacingM' | 'elevationsM'>,
): Float64Array {
  const n = profile.nIntervals;
  if (profile.elevationsM.length !== n + 1) {
    throw new RangeError(
      `itmPfl: ${profile.elevationsM.length} elevations for ${n} intervals (need ${n + 1})`,
    );
  }
  const pfl = new Float64Array(n + 3);
  pfl[0] = n;
  pfl[1] = profile.spacingM;
  pfl.set(profile.elevationsM, 2);
  return pfl;
}

/** Samples `path` straight into an ITM pfl array (reusing `out` when it is long enough). */
export function samplePfl(
  sampler: TerrainSampler,
  path: Pick<GeodesicPath, 'lats' | 'lons' | 'nIntervals' | 'spacingM'>,
  out?: Float64Array,
): Float64Array {
  const pfl =
    out && out.length === path.nIntervals + 3 ? out : new Float64Array(path.nIntervals + 3);
  pfl[0] = path.nIntervals;
  pfl[1] = path.spacingM;
  sampleProfile(sampler, path, pfl, 2);
  return pfl;
}
