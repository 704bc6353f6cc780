/**
 * @module terrain/bilinear
 * Bilinear interpolation between the four posts around a point. Posts are point samples (SRTM's
 * convention: a value belongs to the exact grid intersection, and a tile's edge posts are shared
 * with its neighbours), so on a plane z = a + b·lon + c·lat the result is exact. Outside the posts
 * but inside the grid's bounds (the outer half pixel of a pixel-is-area GeoTIFF) the edge value is
 * held. [Press et al., Numerical Recipes 3rd ed., §3.6.1, eq. 3.6.5]
 */
import type { TerrainGrid } from './types.ts';

/**
 * Elevation at (lat, lon) in `grid`, metres, or NaN when a post with a (non-negligible) weight is void.
 * Does not check that the point is inside `grid.bounds`; out-of-grid points take the nearest edge.
 * Allocation-free; this is the inner step of every profile and coverage ray.
 */
export function sampleGrid(grid: TerrainGrid, lat: number, lon: number): number {
  const w = grid.width;
  const h = grid.height;
  let x = (lon - grid.lon0) / grid.dLon;
  let y = (grid.lat0 - lat) / grid.dLat;
  if (x < 0) x = 0;
  else if (x > w - 1) x = w - 1;
  if (y < 0) y = 0;
  else if (y > h - 1) y = h - 1;
  let c = Math.floor(x);
  if (c > w - 2) c = w - 2;
  let r = Math.floor(y);
  if (r > h - 2) r = h - 2;
  const fx = x - c;
  const fy = y - r;
  const d = grid.data;
  const i = r * w + c;
  const v00 = d[i]!;
  const v01 = d[i + 1]!;
  const v10 = d[i + w]!;
  const v11 = d[i + w + 1]!;
  const nd = grid.voidValue;
  if (v00 === nd || v01 === nd || v10 === nd || v11 === nd) {
    return withVoids(v00, v01, v10, v11, fx, fy, nd);
  }
  const north = v00 + (v01 - v00) * fx;
  const south = v10 + (v11 - v10) * fx;
  const z = north + (south - north) * fy;
  // NaN here means a float void somewhere among the four; a zero-weight one must not spoil it.
  return z === z ? z : withVoids(v00, v01, v10, v11, fx, fy, nd);
}

/**
 * Weights below this count as zero when looking for voids: a point meant to lie on a good post
 * lands a rounding error (~1e-13) away from it, and must not pick up the void next door.
 */
const NEGLIGIBLE_WEIGHT = 1e-9;

/** The slow path: a void only matters if its weight is not negligible (a point on a good post). */
function withVoids(
  v00: number,
  v01: number,
  v10: number,
  v11: number,
  fx: number,
  fy: number,
  nd: number,
): number {
  let z = 0;
  let sum = 0;
  let wt = (1 - fx) * (1 - fy);
  if (wt > NEGLIGIBLE_WEIGHT) {
    if (v00 === nd || v00 !== v00) return NaN;
    z += v00 * wt;
    sum += wt;
  }
  wt = fx * (1 - fy);
  if (wt > NEGLIGIBLE_WEIGHT) {
    if (v01 === nd || v01 !== v01) return NaN;
    z += v01 * wt;
    sum += wt;
  }
  wt = (1 - fx) * fy;
  if (wt > NEGLIGIBLE_WEIGHT) {
    if (v10 === nd || v10 !== v10) return NaN;
    z += v10 * wt;
    sum += wt;
  }
  wt = fx * fy;
  if (wt > NEGLIGIBLE_WEIGHT) {
    if (v11 === nd || v11 !== v11) return NaN;
    z += v11 * wt;
    sum += wt;
  }
  // Renormalise over the posts kept, so dropping a negligible weight leaves no bias.
  return z / sum;
}
