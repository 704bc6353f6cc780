/**
 * @module terrain/sampler
 * The synchronous hot path: elevation at a point over a fixed set of loaded grids. No I/O, no
 * promises, no allocation per call, so a coverage engine can call it millions of times. Grids are
 * tried in priority order (finest first); the last grid hit is tried first, which makes walking a
 * profile or a raster row almost free of searching.
 *
 * A sampler holds references to its grids: a grid the mosaic's cache evicts stays alive (and in
 * memory) until the samplers using it are dropped.
 */
import { sampleGrid } from './bilinear.ts';
import { TerrainCoverageError, TerrainVoidError, formatLatLon } from './errors.ts';
import type { GeoBounds, TerrainGrid, VoidPolicy } from './types.ts';

export interface SamplerOptions {
  /** Void posts: `'error'` (default) throws a TerrainVoidError naming the point; `'nan'` returns NaN. */
  voids?: VoidPolicy;
  /** Describes coverage for the "outside coverage" message (the mosaic passes its tile list). */
  describeCoverage?: (lat: number, lon: number) => string;
}

function overlapsInterior(a: GeoBounds, b: GeoBounds): boolean {
  return a.south < b.north && b.south < a.north && a.west < b.east && b.west < a.east;
}

/** `37..40N 126..129E` style text for a box. */
export function formatBounds(b: GeoBounds): string {
  const r = (v: number) => String(Number(v.toFixed(6)));
  return `lat ${r(b.south)}..${r(b.north)}, lon ${r(b.west)}..${r(b.east)}`;
}

export class TerrainSampler {
  /** The grids, in priority order; walk them directly for tile-level access. */
  readonly grids: readonly TerrainGrid[];
  readonly voids: VoidPolicy;
  private readonly south: Float64Array;
  private readonly north: Float64Array;
  private readonly west: Float64Array;
  private readonly east: Float64Array;
  /** 1 when no earlier grid overlaps this one, so a cached hit needs no re-search. */
  private readonly exclusive: Uint8Array;
  private readonly describeCoverage: (lat: number, lon: number) => string;
  private last = 0;

  constructor(grids: readonly TerrainGrid[], options: SamplerOptions = {}) {
    this.grids = grids.slice();
    this.voids = options.voids ?? 'error';
    if (this.voids !== 'error' && this.voids !== 'nan') {
      throw new RangeError(`voids = ${String(this.voids)} must be 'error' or 'nan'`);
    }
    const n = this.grids.length;
    this.south = new Float64Array(n);
    this.north = new Float64Array(n);
    this.west = new Float64Array(n);
    this.east = new Float64Array(n);
    this.exclusive = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const b = this.grids[k]!.bounds;
      this.south[k] = b.south;
      this.north[k] = b.north;
      this.west[k] = b.west;
      this.east[k] = b.east;
      let alone = 1;
      for (let j = 0; j < k; j++) if (overlapsInterior(this.grids[j]!.bounds, b)) alone = 0;
      this.exclusive[k] = alone;
    }
    this.describeCoverage =
      options.describeCoverage ??
      (() =>
        n === 0
          ? 'no terrain grids are loaded'
          : `loaded grids: ${this.grids.map((g) => `${g.name} (${formatBounds(g.bounds)})`).join('; ')}`);
  }

  /** Index into `grids` of the grid that answers for (lat, lon), or -1. */
  gridIndexAt(lat: number, lon: number): number {
    const k = this.last;
    if (
      this.exclusive[k] === 1 &&
      lat >= this.south[k]! &&
      lat <= this.north[k]! &&
      lon >= this.west[k]! &&
      lon <= this.east[k]!
    ) {
      return k;
    }
    const n = this.grids.length;
    for (let j = 0; j < n; j++) {
      if (
        lat >= this.south[j]! &&
        lat <= this.north[j]! &&
        lon >= this.west[j]! &&
        lon <= this.east[j]!
      ) {
        this.last = j;
        return j;
      }
    }
    return -1;
  }

  /** The grid that answers for (lat, lon), or undefined. */
  gridAt(lat: number, lon: number): TerrainGrid | undefined {
    const k = this.gridIndexAt(lat, lon);
    return k < 0 ? undefined : this.grids[k];
  }

  /** Whether a loaded grid covers (lat, lon). */
  covers(lat: number, lon: number): boolean {
    return this.gridIndexAt(lat, lon) >= 0;
  }

  /**
   * Elevation in metres at (lat, lon), bilinear between posts.
   * @throws {TerrainCoverageError} when no loaded grid covers the point.
   * @throws {TerrainVoidError} when a void post has weight and the policy is `'error'`.
   */
  elevation(lat: number, lon: number): number {
    const k = this.gridIndexAt(lat, lon);
    if (k < 0) return this.outside(lat, lon);
    const grid = this.grids[k]!;
    const z = sampleGrid(grid, lat, lon);
    if (z !== z) return this.onVoid(grid, lat, lon);
    return z;
  }

  private outside(lat: number, lon: number): never {
    throw new TerrainCoverageError(
      `${formatLatLon(lat, lon)} is outside the terrain coverage: ${this.describeCoverage(lat, lon)}`,
      lat,
      lon,
    );
  }

  private onVoid(grid: TerrainGrid, lat: number, lon: number): number {
    if (this.voids === 'nan') return NaN;
    throw new TerrainVoidError(
      `terrain void at ${formatLatLon(lat, lon)} in ${grid.name} (${grid.file}): the data has no ` +
        "elevation there; fill the voids or ask for voids: 'nan'",
      lat,
      lon,
      grid.name,
    );
  }
}
