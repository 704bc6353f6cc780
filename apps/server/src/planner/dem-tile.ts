/**
 * @module planner/dem-tile
 * Terrain as Mapbox Terrain-RGB tiles, so MapLibre draws the hillshade on the user's GPU from our
 * own elevation data (no third-party tiles). Encoding: height = −10000 + (R·65536 + G·256 + B)·0.1 m
 * [Mapbox, "Terrain-RGB v1" / MapLibre `raster-dem` encoding "mapbox"].
 *
 * The sea floor is drawn flat at 0 m: the map colours the sea itself, and SRTM30_PLUS bathymetry
 * under a hillshade would read as land relief.
 */
import type { TerrainSampler } from '@tongilnet/geodata';
import { tileColLon, tileRowLat } from './mercator.ts';

export const DEM_TILE_SIZE = 256;

/** Writes the Terrain-RGB pixel of a height (m) at `offset` in `rgba`. */
export function encodeTerrainRgb(heightM: number, rgba: Uint8Array, offset: number): void {
  const v = Math.max(0, Math.min(0xffffff, Math.round((heightM + 10000) * 10)));
  rgba[offset] = (v >> 16) & 0xff;
  rgba[offset + 1] = (v >> 8) & 0xff;
  rgba[offset + 2] = v & 0xff;
  rgba[offset + 3] = 255;
}

/** The height a Terrain-RGB pixel encodes, m. */
export function decodeTerrainRgb(r: number, g: number, b: number): number {
  return -10000 + (r * 65536 + g * 256 + b) * 0.1;
}

/**
 * The RGBA pixels of tile (z, x, y): each pixel's centre sampled bilinearly from the terrain.
 * Points no tile covers, voids and the sea are 0 m.
 */
export function demTileRgba(sampler: TerrainSampler, z: number, x: number, y: number): Uint8Array {
  const size = DEM_TILE_SIZE;
  const rgba = new Uint8Array(size * size * 4);
  const lons = new Float64Array(size);
  for (let px = 0; px < size; px++) lons[px] = tileColLon(z, x, px, size);
  for (let py = 0; py < size; py++) {
    const lat = tileRowLat(z, y, py, size);
    for (let px = 0; px < size; px++) {
      const lon = lons[px]!;
      let h = 0;
      if (sampler.covers(lat, lon)) {
        try {
          h = sampler.elevation(lat, lon);
        } catch {
          h = 0; // a void: drawn flat rather than failing the tile
        }
      }
      encodeTerrainRgb(Number.isFinite(h) && h > 0 ? h : 0, rgba, (py * size + px) * 4);
    }
  }
  return rgba;
}

/** The deepest zoom worth computing for a DEM of `arcSec` spacing (one post ≈ one pixel, +1). */
export function demMaxZoom(arcSec: number): number {
  const postsAround = (360 * 3600) / arcSec;
  return Math.max(4, Math.min(14, Math.round(Math.log2(postsAround / DEM_TILE_SIZE)) + 1));
}
