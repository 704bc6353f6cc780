/**
 * @module terrain/types
 * The shapes shared by the terrain readers, the mosaic and the sampler. Angles are decimal degrees
 * on WGS 84 (EPSG:4326); elevations are metres above the data's vertical datum (EGM96 for SRTM).
 */

/** A point in decimal degrees, WGS 84. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** A latitude/longitude box in decimal degrees; edges are inclusive. */
export interface GeoBounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** Points given as parallel arrays (a profile's `lats`/`lons`), for preloading along a path. */
export interface PointSet {
  lats: ArrayLike<number>;
  lons: ArrayLike<number>;
}

/** What to do when interpolation touches a void post (SRTM -32768, GeoTIFF nodata). */
export type VoidPolicy = 'error' | 'nan';

/** The file formats a terrain tile can come from. */
export type TerrainFormat = 'hgt' | 'geotiff';

/**
 * One loaded elevation grid: the raw posts and where they sit, for code that walks a tile directly.
 *
 * Post (row r, column c) sits at latitude `lat0 - r * dLat`, longitude `lon0 + c * dLon`, its value at
 * `data[r * width + c]`; row 0 is the northernmost. For SRTM tiles the posts include both edges, so
 * neighbouring tiles share their edge posts. For pixel-is-area GeoTIFFs the posts are the pixel
 * centres and `bounds` reaches half a pixel beyond them; there the sampler holds the edge value.
 */
export interface TerrainGrid {
  /** Tile name (`N37E126`) or file name without extension. */
  readonly name: string;
  /** The file it was read from (or a label for grids built in memory). */
  readonly file: string;
  readonly format: TerrainFormat;
  /** Posts in row-major order: Int16Array for HGT and int16 GeoTIFF, Float32Array otherwise. */
  readonly data: Int16Array | Float32Array;
  readonly width: number;
  readonly height: number;
  /** Latitude of row 0 (north), degrees. */
  readonly lat0: number;
  /** Longitude of column 0 (west), degrees. */
  readonly lon0: number;
  /** Degrees between rows (> 0; rows run south). */
  readonly dLat: number;
  /** Degrees between columns (> 0). */
  readonly dLon: number;
  /**
   * The stored value that marks a void: -32768 for HGT, the GDAL_NODATA value for int16 GeoTIFFs,
   * NaN when there is none. Float grids store voids as NaN (nodata is converted on load).
   */
  readonly voidValue: number;
  /** The box this grid answers for. */
  readonly bounds: GeoBounds;
  /** Number of void posts in the grid (counted once on load). */
  readonly voidCount: number;
}

/** A tile the source knows about, loaded or not. */
export interface TileInfo {
  readonly name: string;
  readonly file: string;
  readonly format: TerrainFormat;
  readonly bounds: GeoBounds;
  /** Finest post spacing in arc-seconds (3 for SRTM3, 1 for SRTM1); NaN until known. */
  readonly resolutionArcSec: number;
  /** Bytes the posts take in memory once loaded (estimate before the first load). */
  readonly bytes: number;
  /** Void posts counted when it was last loaded, or null if it never was. */
  readonly voidCount: number | null;
  readonly loaded: boolean;
}

/** Void counts per tile, for the "voids are reported" requirement. */
export interface VoidReportEntry {
  name: string;
  file: string;
  voids: number;
  posts: number;
}

/** What `preload` did: which tiles it loaded and which parts of the area have no tile. */
export interface LoadReport {
  /** Names of the tiles now loaded for the area, in priority order. */
  tiles: string[];
  /**
   * 1° cells (named like SRTM tiles, `N38E125`) touching the area that no tile fully covers; queries
   * there throw (outside coverage) rather than read as 0.
   */
  missingCells: string[];
  /** Void posts in the loaded tiles. */
  voids: VoidReportEntry[];
  /** Bytes held by the cache after loading. */
  cacheBytes: number;
}
