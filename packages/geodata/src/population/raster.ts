/**
 * @module population/raster
 * Gridded population the user supplies: a GeoTIFF of persons per pixel on EPSG:4326 (WorldPop's
 * "ppp" products, GHS-POP reprojected to 4326, LandScan, …). Only a window is read, so a national
 * 100 m raster costs the memory of the area asked for.
 *
 * Sums count whole pixels by their centre for polygons; for masks on a grid, each pixel is split
 * into k × k sub-points (k = pixel size / grid cell, at most 16) and counted by the fraction that
 * falls on selected cells, so a 1 km population raster under a 90 m coverage mask is shared out by
 * area rather than all-or-nothing.
 */

import { fromFile } from 'geotiff';
import type { LatLonBox, LatLonGrid } from '../borders/grid.ts';
import { validateGrid } from '../borders/grid.ts';
import type { RingIndex } from '../borders/ring-index.ts';
import { readGeoTiffHeader } from '../terrain/geotiff.ts';
import type { MaskSelect } from './places.ts';
import type { PopulationSource, PopulationSum } from './source.ts';
import { rasterSource } from './source.ts';

/**
 * Population per pixel, in memory. The grid's samples are the pixel centres; each stands for its
 * `dLat × dLon` pixel.
 */
export interface PopulationRaster extends LatLonGrid {
  /** Persons per pixel, row-major, row 0 north; NaN where the file has no data. */
  readonly values: Float32Array;
  /** The area the pixels cover, degrees. */
  readonly bounds: LatLonBox;
  readonly source: PopulationSource;
  /** Pixels without data (the file's nodata value, negatives, NaN). */
  readonly noDataCount: number;
}

export interface ReadPopulationOptions {
  /** Read only the pixels touching this box (default: the whole file). */
  readonly bounds?: LatLonBox;
  /** Label for outputs (default names the file). */
  readonly label?: string;
  /** Refuse windows larger than this (default 200 M pixels, 800 MB as float32). */
  readonly maxPixels?: number;
}

/**
 * Reads persons-per-pixel from a GeoTIFF (first band), optionally only the window over `bounds`.
 * @throws Error naming the file when it is not EPSG:4326, does not cover `bounds`, or is too big.
 */
export async function readPopulationRaster(
  file: string,
  options: ReadPopulationOptions = {},
): Promise<PopulationRaster> {
  const header = await readGeoTiffHeader(file);
  const { lat0, lon0, dLat, dLon, width, height } = header;
  let r0 = 0;
  let r1 = height; // exclusive
  let c0 = 0;
  let c1 = width;
  const b = options.bounds;
  if (b !== undefined) {
    // Pixels whose cell touches the box.
    r0 = Math.max(0, Math.floor((lat0 - b.north) / dLat + 0.5));
    r1 = Math.min(height, Math.floor((lat0 - b.south) / dLat + 0.5) + 1);
    c0 = Math.max(0, Math.floor((b.west - lon0) / dLon + 0.5));
    c1 = Math.min(width, Math.floor((b.east - lon0) / dLon + 0.5) + 1);
    if (r1 <= r0 || c1 <= c0) {
      throw new RangeError(`${file} (${formatBox(header.bounds)}) does not cover ${formatBox(b)}`);
    }
  }
  const pixels = (r1 - r0) * (c1 - c0);
  const maxPixels = options.maxPixels ?? 200_000_000;
  if (pixels > maxPixels) {
    throw new RangeError(
      `${file}: reading ${c1 - c0} × ${r1 - r0} pixels exceeds ${maxPixels}; pass bounds to read a window`,
    );
  }
  const tiff = await fromFile(file);
  let raw: ArrayLike<number>;
  try {
    const image = await tiff.getImage(0);
    raw = (await image.readRasters({
      window: [c0, r0, c1, r1],
      samples: [0],
      interleave: true,
    })) as unknown as ArrayLike<number>;
  } catch (cause) {
    throw new Error(`${file}: cannot decode its pixels (${(cause as Error).message})`, { cause });
  } finally {
    await tiff.close();
  }
  const values = new Float32Array(pixels);
  const noData = header.noData;
  const noDataMatch =
    noData === null ? NaN : raw instanceof Float32Array ? Math.fround(noData) : noData;
  let noDataCount = 0;
  for (let i = 0; i < pixels; i++) {
    const v = raw[i];
    if (v === noDataMatch || !(v >= 0)) {
      values[i] = NaN;
      noDataCount++;
    } else {
      values[i] = v;
    }
  }
  const w = c1 - c0;
  const h = r1 - r0;
  const gLat0 = lat0 - r0 * dLat;
  const gLon0 = lon0 + c0 * dLon;
  return {
    lat0: gLat0,
    lon0: gLon0,
    dLat,
    dLon,
    width: w,
    height: h,
    values,
    bounds: {
      north: gLat0 + dLat / 2,
      south: gLat0 - (h - 0.5) * dLat,
      west: gLon0 - dLon / 2,
      east: gLon0 + (w - 0.5) * dLon,
    },
    source: rasterSource(file, options.label),
    noDataCount,
  };
}

/** A raster sum, with what it could and could not see. */
export interface RasterSum extends PopulationSum {
  /** Pixels that contributed (any part of them selected). */
  readonly pixels: number;
  /** Pixels without data that would have contributed. */
  readonly noDataPixels: number;
  /**
   * Share of the area asked about (the selected grid samples, or the polygon) that lies inside the
   * raster: 1 when it covers it all; less means the total misses the people outside it.
   */
  readonly coveredFraction: number;
}

/**
 * Persons on the selected cells of a grid mask (e.g. coverage × the North).
 * @param mask One value per grid sample, row-major; `select` picks the ones that count.
 */
export function sumRasterInGrid(
  raster: PopulationRaster,
  grid: LatLonGrid,
  mask: ArrayLike<number>,
  select: MaskSelect = (v) => v !== 0,
): RasterSum {
  validateGrid(grid);
  const gw = grid.width;
  const gh = grid.height;
  if (mask.length < gw * gh)
    throw new RangeError(`mask has ${mask.length} samples, the grid has ${gw * gh}`);
  // The grid's cells, as a box, and the raster pixels that touch it.
  const north = grid.lat0 + grid.dLat / 2;
  const south = grid.lat0 - (gh - 0.5) * grid.dLat;
  const west = grid.lon0 - grid.dLon / 2;
  const east = grid.lon0 + (gw - 0.5) * grid.dLon;
  const pr0 = Math.max(0, Math.floor((raster.lat0 - north) / raster.dLat + 0.5));
  const pr1 = Math.min(raster.height, Math.floor((raster.lat0 - south) / raster.dLat + 0.5) + 1);
  const pc0 = Math.max(0, Math.floor((west - raster.lon0) / raster.dLon + 0.5));
  const pc1 = Math.min(raster.width, Math.floor((east - raster.lon0) / raster.dLon + 0.5) + 1);
  const k = Math.min(
    16,
    Math.max(1, Math.ceil(Math.max(raster.dLat / grid.dLat, raster.dLon / grid.dLon) - 1e-9)),
  );
  const share = 1 / (k * k);
  let total = 0;
  let pixels = 0;
  let noDataPixels = 0;
  for (let pr = pr0; pr < pr1; pr++) {
    const pLat = raster.lat0 - pr * raster.dLat;
    for (let pc = pc0; pc < pc1; pc++) {
      const pLon = raster.lon0 + pc * raster.dLon;
      let hits = 0;
      for (let i = 0; i < k; i++) {
        const lat = pLat + (0.5 - (i + 0.5) / k) * raster.dLat;
        const r = Math.round((grid.lat0 - lat) / grid.dLat);
        if (r < 0 || r >= gh) continue;
        for (let j = 0; j < k; j++) {
          const lon = pLon + ((j + 0.5) / k - 0.5) * raster.dLon;
          const c = Math.round((lon - grid.lon0) / grid.dLon);
          if (c >= 0 && c < gw && select(mask[r * gw + c])) hits++;
        }
      }
      if (hits === 0) continue;
      const v = raster.values[pr * raster.width + pc];
      if (Number.isNaN(v)) {
        noDataPixels++;
        continue;
      }
      pixels++;
      total += v * hits * share;
    }
  }
  let selected = 0;
  let inside = 0;
  const rb = raster.bounds;
  for (let r = 0; r < gh; r++) {
    const lat = grid.lat0 - r * grid.dLat;
    const latIn = lat >= rb.south && lat <= rb.north;
    for (let c = 0; c < gw; c++) {
      if (!select(mask[r * gw + c])) continue;
      selected++;
      const lon = grid.lon0 + c * grid.dLon;
      if (latIn && lon >= rb.west && lon <= rb.east) inside++;
    }
  }
  return {
    total,
    source: raster.source,
    pixels,
    noDataPixels,
    coveredFraction: selected === 0 ? 1 : inside / selected,
  };
}

/** Persons in the pixels whose centre lies inside a polygon (a {@link RingIndex}). */
export function sumRasterInPolygon(raster: PopulationRaster, polygon: RingIndex): RasterSum {
  const b = polygon.bounds;
  // The raster's pixel centres over the polygon's box.
  const r0 = Math.max(0, Math.ceil((raster.lat0 - b.north) / raster.dLat));
  const r1 = Math.min(raster.height, Math.floor((raster.lat0 - b.south) / raster.dLat) + 1);
  const c0 = Math.max(0, Math.ceil((b.west - raster.lon0) / raster.dLon));
  const c1 = Math.min(raster.width, Math.floor((b.east - raster.lon0) / raster.dLon) + 1);
  let total = 0;
  let pixels = 0;
  let noDataPixels = 0;
  if (r1 > r0 && c1 > c0) {
    const sub: LatLonGrid = {
      lat0: raster.lat0 - r0 * raster.dLat,
      lon0: raster.lon0 + c0 * raster.dLon,
      dLat: raster.dLat,
      dLon: raster.dLon,
      width: c1 - c0,
      height: r1 - r0,
    };
    const inside = polygon.classifyGrid(sub);
    for (let r = 0; r < sub.height; r++) {
      for (let c = 0; c < sub.width; c++) {
        if (inside[r * sub.width + c] === 0) continue;
        const v = raster.values[(r0 + r) * raster.width + c0 + c];
        if (Number.isNaN(v)) noDataPixels++;
        else {
          pixels++;
          total += v;
        }
      }
    }
  }
  return {
    total,
    source: raster.source,
    pixels,
    noDataPixels,
    coveredFraction: polygonCover(polygon, raster.bounds),
  };
}

/** Share of a polygon's area (sampled on a 256 × 256 grid over its box) inside a box. */
function polygonCover(polygon: RingIndex, box: LatLonBox): number {
  const b = polygon.bounds;
  if (b.south >= box.south && b.north <= box.north && b.west >= box.west && b.east <= box.east)
    return 1;
  const n = 256;
  const grid: LatLonGrid = {
    lat0: b.north - (b.north - b.south) / (2 * n),
    lon0: b.west + (b.east - b.west) / (2 * n),
    dLat: (b.north - b.south) / n || 1e-9,
    dLon: (b.east - b.west) / n || 1e-9,
    width: n,
    height: n,
  };
  const inside = polygon.classifyGrid(grid);
  let total = 0;
  let covered = 0;
  for (let r = 0; r < n; r++) {
    const lat = grid.lat0 - r * grid.dLat;
    for (let c = 0; c < n; c++) {
      if (inside[r * n + c] === 0) continue;
      total++;
      const lon = grid.lon0 + c * grid.dLon;
      if (lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east) covered++;
    }
  }
  return total === 0 ? 0 : covered / total;
}

/** `38.2..38.3N, 126.2..126.4E`, without float noise. */
function formatBox(b: LatLonBox): string {
  const f = (v: number): string => String(Number(v.toFixed(6)));
  return `${f(b.south)}..${f(b.north)}N, ${f(b.west)}..${f(b.east)}E`;
}
