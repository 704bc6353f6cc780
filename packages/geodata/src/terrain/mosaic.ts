/**
 * @module terrain/mosaic
 * A terrain source made of tiles: a directory (or a single file) of SRTM `.hgt`/`.hgt.gz` tiles and
 * EPSG:4326 GeoTIFFs. Opening reads only names and GeoTIFF headers; posts load lazily, on
 * `preload` or the first `elevation` call, into a cache bounded by bytes (least recently used
 * tiles go first). Where tiles overlap, the finest resolution wins (then the name, A–Z).
 *
 * Two ways to ask for elevations:
 * - `await mosaic.elevation(lat, lon)` loads what it needs; fine for a handful of points.
 * - `await mosaic.preload(area)` then `mosaic.sampler()` gives a synchronous, allocation-free
 *   `TerrainSampler` over the loaded grids; this is the path for profiles and coverage.
 *
 * Nothing is silently zeroed: a point without a tile throws a TerrainCoverageError naming it and the
 * coverage there is; void posts throw a TerrainVoidError (or read NaN with `voids: 'nan'`), and
 * `voidReport()`/`preload()` count them per tile. SRTM's sea level 0 is data, not a void.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { TerrainCoverageError, TerrainFormatError, formatLatLon } from './errors.ts';
import { readGeoTiffFile, readGeoTiffHeader } from './geotiff.ts';
import { cellName, hgtBounds, hgtTileName, parseHgtName } from './hgt.ts';
import { peekHgtResolution, readHgtFile } from './hgt-file.ts';
import { ByteLru } from './lru.ts';
import { TerrainSampler, formatBounds } from './sampler.ts';
import type {
  GeoBounds,
  LoadReport,
  PointSet,
  TerrainFormat,
  TerrainGrid,
  TileInfo,
  VoidPolicy,
  VoidReportEntry,
} from './types.ts';

/**
 * Default cache bound, 128 MiB: a 3×3 SRTM3 mosaic takes 26 MB (9 × 1201² × 2 bytes) and fits many
 * times over, while four SRTM1 tiles (26 MB each) still fit; raise it for larger 1″ areas.
 */
export const DEFAULT_TERRAIN_CACHE_BYTES = 128 * 1024 * 1024;

export interface TerrainSourceOptions {
  /** Void posts: `'error'` (default) throws naming the point; `'nan'` reads NaN. */
  voids?: VoidPolicy;
  /** Bound on the bytes of loaded posts; default DEFAULT_TERRAIN_CACHE_BYTES. */
  maxCacheBytes?: number;
  /**
   * Keep posts in SharedArrayBuffers, so `sampler().grids` can be posted to worker threads without a
   * copy (each worker then builds `new TerrainSampler(grids)`). Default false.
   */
  shared?: boolean;
}

/** Elevation data over some area, loaded lazily; see Mosaic. */
export interface TerrainSource {
  /** Where the data came from (a directory, a file, or a label). */
  readonly path: string;
  /** Every tile, loaded or not, in priority order. */
  readonly tiles: readonly TileInfo[];
  /** The box around all tiles (there may be holes; see `covers`). */
  readonly bounds: GeoBounds;
  /** Finest post spacing among the tiles, arc-seconds. */
  readonly resolutionArcSec: number;
  /** Tiles whose bounds contain (lat, lon), in priority order. */
  tilesAt(lat: number, lon: number): TileInfo[];
  /** Whether any tile (loaded or not) contains (lat, lon). */
  covers(lat: number, lon: number): boolean;
  /** Elevation at a point in metres, loading its tile if needed. */
  elevation(lat: number, lon: number): Promise<number>;
  /** Loads the tiles an area or a set of points needs; see LoadReport. */
  preload(area: GeoBounds | PointSet): Promise<LoadReport>;
  /** A synchronous sampler over the tiles loaded now. */
  sampler(): TerrainSampler;
  /** Void counts of every tile loaded so far. */
  voidReport(): VoidReportEntry[];
}

const HGT_FILE = /\.hgt(\.gz)?$/i;
const TIFF_FILE = /\.(tiff?|gtiff)$/i;
const SRTM3_BYTES = 1201 * 1201 * 2;

class Tile implements TileInfo {
  voidCount: number | null = null;
  posts = 0;
  constructor(
    readonly key: string,
    readonly name: string,
    readonly file: string,
    readonly format: TerrainFormat,
    readonly bounds: GeoBounds,
    public resolutionArcSec: number,
    public bytes: number,
    readonly read: () => Promise<TerrainGrid>,
    private readonly isLoaded: (key: string) => boolean,
  ) {}

  get loaded(): boolean {
    return this.isLoaded(this.key);
  }

  contains(lat: number, lon: number): boolean {
    const b = this.bounds;
    return lat >= b.south && lat <= b.north && lon >= b.west && lon <= b.east;
  }
}

function byPriority(a: Tile, b: Tile): number {
  const ra = Number.isNaN(a.resolutionArcSec) ? Infinity : a.resolutionArcSec;
  const rb = Number.isNaN(b.resolutionArcSec) ? Infinity : b.resolutionArcSec;
  return ra - rb || a.name.localeCompare(b.name) || a.file.localeCompare(b.file);
}

function checkLatLon(lat: number, lon: number): void {
  if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 360)) {
    throw new RangeError(
      `${formatLatLon(lat, lon)} is not a coordinate (lat -90..90, lon -180..360)`,
    );
  }
}

function isPointSet(area: GeoBounds | PointSet): area is PointSet {
  return 'lats' in area;
}

/** Intersection of closed intervals where a zero-width query still counts as touching. */
function spans(lo: number, hi: number, tileLo: number, tileHi: number): boolean {
  return lo === hi ? tileLo <= lo && lo <= tileHi : lo < tileHi && tileLo < hi;
}

export class Mosaic implements TerrainSource {
  readonly tiles: readonly Tile[];
  readonly bounds: GeoBounds;
  readonly resolutionArcSec: number;
  readonly voids: VoidPolicy;
  private readonly cache: ByteLru<TerrainGrid>;
  private readonly inflight = new Map<string, Promise<TerrainGrid>>();
  private readonly overlapCache = new Map<Tile, boolean>();
  private version = 0;
  private cachedSampler: { version: number; sampler: TerrainSampler } | null = null;

  private constructor(
    readonly path: string,
    specs: ((isLoaded: (key: string) => boolean) => Tile)[],
    options: TerrainSourceOptions,
  ) {
    this.voids = options.voids ?? 'error';
    if (this.voids !== 'error' && this.voids !== 'nan') {
      throw new RangeError(`voids = ${String(this.voids)} must be 'error' or 'nan'`);
    }
    this.cache = new ByteLru<TerrainGrid>(
      options.maxCacheBytes ?? DEFAULT_TERRAIN_CACHE_BYTES,
      () => {
        this.version++;
      },
    );
    const isLoaded = (key: string) => this.cache.has(key);
    this.tiles = specs.map((make) => make(isLoaded)).sort(byPriority);
    if (this.tiles.length === 0) throw new TerrainFormatError(`${path}: no terrain tiles`, path);
    this.bounds = {
      south: Math.min(...this.tiles.map((t) => t.bounds.south)),
      west: Math.min(...this.tiles.map((t) => t.bounds.west)),
      north: Math.max(...this.tiles.map((t) => t.bounds.north)),
      east: Math.max(...this.tiles.map((t) => t.bounds.east)),
    };
    const known = this.tiles.map((t) => t.resolutionArcSec).filter((r) => !Number.isNaN(r));
    this.resolutionArcSec = known.length ? Math.min(...known) : NaN;
  }

  /**
   * Opens a directory of tiles (not recursive; files other than .hgt, .hgt.gz, .tif, .tiff are
   * ignored) or a single tile file. Reads names and GeoTIFF headers, no posts.
   * @throws {TerrainFormatError} for a missing path, an empty directory, an HGT file whose name is
   *   not a tile name, or a GeoTIFF that is unreadable or not EPSG:4326.
   */
  static async open(path: string, options: TerrainSourceOptions = {}): Promise<Mosaic> {
    const root = resolve(path);
    let files: string[];
    try {
      const info = await stat(root);
      files = info.isDirectory()
        ? (await readdir(root))
            .filter((f) => !f.startsWith('.') && (HGT_FILE.test(f) || TIFF_FILE.test(f)))
            .sort()
            .map((f) => join(root, f))
        : [root];
    } catch (error) {
      throw new TerrainFormatError(`${root}: no such terrain file or directory`, root, {
        cause: error,
      });
    }
    if (files.length === 0) {
      throw new TerrainFormatError(
        `${root}: no terrain files in this directory (looked for .hgt, .hgt.gz, .tif, .tiff)`,
        root,
      );
    }
    const shared = options.shared === true;
    const specs = await Promise.all(files.map((file) => tileSpec(file, shared)));
    return new Mosaic(root, specs, options);
  }

  /** A mosaic over grids already in memory (a worker's copy, a test fixture). */
  static fromGrids(
    grids: readonly TerrainGrid[],
    options: TerrainSourceOptions = {},
    label = 'memory',
  ): Mosaic {
    const specs = grids.map(
      (grid, i) => (isLoaded: (key: string) => boolean) =>
        new Tile(
          `${i}:${grid.file}`,
          grid.name,
          grid.file,
          grid.format,
          grid.bounds,
          Math.min(grid.dLat, grid.dLon) * 3600,
          grid.data.byteLength,
          () => Promise.resolve(grid),
          isLoaded,
        ),
    );
    return new Mosaic(label, specs, options);
  }

  tilesAt(lat: number, lon: number): TileInfo[] {
    return this.tiles.filter((t) => t.contains(lat, lon));
  }

  covers(lat: number, lon: number): boolean {
    return this.tiles.some((t) => t.contains(lat, lon));
  }

  async elevation(lat: number, lon: number): Promise<number> {
    checkLatLon(lat, lon);
    await this.preload({ lats: [lat], lons: [lon] });
    return this.sampler().elevation(lat, lon);
  }

  /**
   * Loads the tiles needed for `area`: a box (tiles overlapping it; parts no tile covers are listed
   * in `missingCells`) or a set of points (each must be covered, else a TerrainCoverageError names
   * the first that is not).
   * @throws {RangeError} when the tiles needed exceed the cache bound.
   */
  async preload(area: GeoBounds | PointSet): Promise<LoadReport> {
    const needed = isPointSet(area) ? this.tilesForPoints(area) : this.tilesForBounds(area);
    const bytes = needed.reduce((sum, t) => sum + t.bytes, 0);
    if (bytes > this.cache.maxBytes) {
      throw new RangeError(
        `terrain for this area needs ${needed.length} tiles (${mb(bytes)}), more than the cache bound ` +
          `of ${mb(this.cache.maxBytes)}; ask for a smaller area or raise maxCacheBytes`,
      );
    }
    // Touch the cached ones first so loading the rest evicts other tiles, never these.
    for (const t of needed) this.cache.get(t.key);
    const missing = needed.filter((t) => !this.cache.has(t.key));
    await mapLimit(missing, 2, (t) => this.load(t));
    for (const t of needed) if (!this.cache.has(t.key)) await this.load(t);
    return {
      tiles: needed.map((t) => t.name),
      missingCells: isPointSet(area) ? [] : this.missingCells(area),
      voids: needed.map((t) => voidEntry(t)),
      cacheBytes: this.cache.bytes,
    };
  }

  sampler(): TerrainSampler {
    if (this.cachedSampler?.version === this.version) return this.cachedSampler.sampler;
    const grids: TerrainGrid[] = [];
    for (const t of this.tiles) {
      const grid = this.cache.peek(t.key);
      if (grid) grids.push(grid);
    }
    const sampler = new TerrainSampler(grids, {
      voids: this.voids,
      describeCoverage: (lat, lon) => this.describeCoverage(lat, lon),
    });
    this.cachedSampler = { version: this.version, sampler };
    return sampler;
  }

  voidReport(): VoidReportEntry[] {
    return this.tiles.filter((t) => t.voidCount !== null).map((t) => voidEntry(t));
  }

  /** Bytes of posts held in the cache now. */
  get cacheBytes(): number {
    return this.cache.bytes;
  }

  /** The cache bound in bytes. */
  get maxCacheBytes(): number {
    return this.cache.maxBytes;
  }

  private load(tile: Tile): Promise<TerrainGrid> {
    const pending = this.inflight.get(tile.key);
    if (pending) return pending;
    const promise = tile
      .read()
      .then((grid) => {
        tile.voidCount = grid.voidCount;
        tile.posts = grid.width * grid.height;
        tile.bytes = grid.data.byteLength;
        tile.resolutionArcSec = Math.min(grid.dLat, grid.dLon) * 3600;
        this.cache.set(tile.key, grid, grid.data.byteLength);
        this.version++;
        return grid;
      })
      .finally(() => this.inflight.delete(tile.key));
    this.inflight.set(tile.key, promise);
    return promise;
  }

  private tilesForPoints(points: PointSet): Tile[] {
    const n = points.lats.length;
    if (points.lons.length !== n) {
      throw new RangeError(`preload: ${n} latitudes but ${points.lons.length} longitudes`);
    }
    const found = new Set<Tile>();
    let last: Tile | undefined;
    for (let i = 0; i < n; i++) {
      const lat = points.lats[i]!;
      const lon = points.lons[i]!;
      if (last && last.contains(lat, lon) && !this.overlapped(last)) continue;
      last = this.tiles.find((t) => t.contains(lat, lon));
      if (!last) {
        checkLatLon(lat, lon);
        throw new TerrainCoverageError(
          `${formatLatLon(lat, lon)} is outside the terrain coverage: ${this.describeCoverage(lat, lon)}`,
          lat,
          lon,
        );
      }
      found.add(last);
    }
    return this.tiles.filter((t) => found.has(t));
  }

  /** Whether a higher-priority tile overlaps `tile` (then a cached hit must be re-checked). */
  private overlapped(tile: Tile): boolean {
    let result = this.overlapCache.get(tile);
    if (result === undefined) {
      const b = tile.bounds;
      result = false;
      for (const t of this.tiles) {
        if (t === tile) break;
        const o = t.bounds;
        if (o.south < b.north && b.south < o.north && o.west < b.east && b.west < o.east)
          result = true;
      }
      this.overlapCache.set(tile, result);
    }
    return result;
  }

  private tilesForBounds(area: GeoBounds): Tile[] {
    const { south, west, north, east } = area;
    for (const v of [south, west, north, east]) {
      if (!Number.isFinite(v))
        throw new RangeError(`preload: bounds ${JSON.stringify(area)} are not finite`);
    }
    if (south > north || west > east) {
      throw new RangeError(
        `preload: bounds ${formatBounds(area)} are empty (south > north or west > east)`,
      );
    }
    return this.tiles.filter(
      (t) =>
        spans(south, north, t.bounds.south, t.bounds.north) &&
        spans(west, east, t.bounds.west, t.bounds.east),
    );
  }

  /** 1° cells touching `area` with a point (on a 9×9 lattice per cell) no tile covers. */
  private missingCells(area: GeoBounds): string[] {
    const out: string[] = [];
    const steps = 8;
    for (
      let lat = Math.floor(area.south);
      lat < Math.max(area.north, Math.floor(area.south) + 1);
      lat++
    ) {
      for (
        let lon = Math.floor(area.west);
        lon < Math.max(area.east, Math.floor(area.west) + 1);
        lon++
      ) {
        const s = Math.max(lat, area.south);
        const n = Math.min(lat + 1, area.north);
        const w = Math.max(lon, area.west);
        const e = Math.min(lon + 1, area.east);
        let hole = false;
        for (let i = 0; i <= steps && !hole; i++) {
          for (let j = 0; j <= steps && !hole; j++) {
            if (!this.covers(s + ((n - s) * i) / steps, w + ((e - w) * j) / steps)) hole = true;
          }
        }
        if (hole) out.push(cellName(lat, lon));
      }
    }
    return out;
  }

  /** Why (lat, lon) cannot be answered: not loaded, or what coverage exists. */
  private describeCoverage(lat: number, lon: number): string {
    const here = this.tilesAt(lat, lon);
    if (here.length > 0) {
      const t = here[0]!;
      return `tile ${t.name} (${t.file}) covers it but is not loaded; await preload() first`;
    }
    const n = this.tiles.length;
    let text = `${this.path} has ${n} tile${n === 1 ? '' : 's'} covering ${formatBounds(this.bounds)}`;
    if (n <= 4)
      text += ` (${this.tiles.map((t) => `${t.name}: ${formatBounds(t.bounds)}`).join('; ')})`;
    const b = this.bounds;
    if (lat >= b.south && lat <= b.north && lon >= b.west && lon <= b.east) {
      text += `; no tile for cell ${cellName(Math.floor(lat), Math.floor(lon))}`;
    }
    return text;
  }
}

function voidEntry(t: Tile): VoidReportEntry {
  return { name: t.name, file: t.file, voids: t.voidCount ?? 0, posts: t.posts };
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

/** Runs `fn` over `items` with at most `limit` at a time (bounds peak memory while decoding). */
async function mapLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function tileSpec(
  file: string,
  shared: boolean,
): Promise<(isLoaded: (key: string) => boolean) => Tile> {
  const name = basename(file);
  if (HGT_FILE.test(name)) {
    const tileName = hgtTileName(name);
    if (!tileName) {
      throw new TerrainFormatError(
        `${file}: cannot tell the tile's position from its name; SRTM tiles are named like N37E126.hgt`,
        file,
      );
    }
    const corner = parseHgtName(tileName, file);
    const arcSec = await peekHgtResolution(file);
    const side = arcSec === 1 ? 3601 : 1201;
    return (isLoaded) =>
      new Tile(
        file,
        tileName,
        file,
        'hgt',
        hgtBounds(corner.lat, corner.lon),
        arcSec,
        Number.isNaN(arcSec) ? SRTM3_BYTES : side * side * 2,
        () => readHgtFile(file, tileName, { shared }),
        isLoaded,
      );
  }
  const header = await readGeoTiffHeader(file);
  return (isLoaded) =>
    new Tile(
      file,
      header.name,
      file,
      'geotiff',
      header.bounds,
      Math.min(header.dLat, header.dLon) * 3600,
      header.bytes,
      () => readGeoTiffFile(file, { shared }),
      isLoaded,
    );
}

/** Opens terrain at `path` (directory or file); same as `Mosaic.open`. */
export function openTerrain(path: string, options: TerrainSourceOptions = {}): Promise<Mosaic> {
  return Mosaic.open(path, options);
}
