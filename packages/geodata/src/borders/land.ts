/**
 * @module borders/land
 * Land polygons of the two Koreas and their neighbours, taken from `@geo-maps/countries-land-100m`
 * (OpenStreetMap-derived country land at 100 m resolution, © OpenStreetMap contributors, ODbL 1.0).
 *
 * The package is one 121 MB GeoJSON file; `JSON.parse` on it takes seconds and ~700 MB. The file
 * holds one feature per line, so {@link extractLand} reads the bytes, finds the wanted countries'
 * `"A3":"PRK"` markers and parses only those lines (falling back to a full parse if the layout ever
 * differs). {@link loadLand} keeps the result in a small JSON cache (written atomically: temporary
 * file, then rename) and checks it against the source file's size and modification time.
 *
 * What is kept: the outer ring of every polygon. Holes are dropped on purpose — in this data they
 * are inland water (reservoirs, river stretches; 2,015 in KOR, 1,082 in PRK), and a lake in the North
 * is still the North. The neighbours (China, Russia, Japan) are clipped to {@link KOREA_REGION} so the
 * border model can tell their land from the sea without carrying all of Asia.
 */

import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { tmpdir } from 'node:os';
import type { LatLonBox } from './grid.ts';

/** ISO 3166-1 alpha-3 codes of the land the border model uses, in label order. */
export const LAND_CODES = ['PRK', 'KOR', 'CHN', 'RUS', 'JPN'] as const;

/** The box the border model answers for: the peninsula and the seas around it, degrees. */
export const KOREA_REGION: LatLonBox = { south: 32, west: 119, north: 46, east: 135 };

/** Codes whose polygons are kept whole rather than clipped to the region. */
const UNCLIPPED = new Set(['PRK', 'KOR']);

/** One country's land: outer rings as flat `[lon0, lat0, lon1, lat1, …]`, degrees (closed). */
export interface LandCountry {
  readonly code: string;
  readonly rings: readonly (readonly number[])[];
}

/** Extracted land, as stored in the cache. */
export interface LandData {
  readonly format: typeof LAND_FORMAT;
  /** The GeoJSON it came from, with size and mtime to tell when the cache is stale. */
  readonly source: { readonly file: string; readonly size: number; readonly mtimeMs: number };
  readonly region: LatLonBox;
  readonly countries: readonly LandCountry[];
  /** Inner rings (inland water) dropped, per country code. */
  readonly droppedHoles: Readonly<Record<string, number>>;
}

/** Bump when the extraction changes, so old caches are rebuilt. */
const LAND_FORMAT = 1;

export interface ExtractLandOptions {
  /** Countries to extract (default {@link LAND_CODES}). */
  readonly codes?: readonly string[];
  /** Box to clip the countries other than PRK and KOR to (default {@link KOREA_REGION}). */
  readonly region?: LatLonBox;
}

/** The path of `map.geo.json` in the installed `@geo-maps/countries-land-100m`. */
export function defaultLandSource(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('@geo-maps/countries-land-100m/map.geo.json');
}

/**
 * Where the cache goes by default: `node_modules/.cache/tongilnet` beside the installed data package
 * (the convention of find-cache-dir, Babel and ESLint), or the OS temporary directory.
 */
export function defaultCacheDir(sourceFile: string): string {
  const marker = `${sep}node_modules${sep}`;
  const at = sourceFile.lastIndexOf(marker);
  if (at >= 0) return join(sourceFile.slice(0, at + marker.length), '.cache', 'tongilnet');
  return join(tmpdir(), 'tongilnet-cache');
}

/**
 * Reads the land of the given countries from a geo-maps-style GeoJSON FeatureCollection (features
 * carrying `properties.A3`).
 * @throws Error naming the file and the country when a country is missing or its geometry is bad.
 */
export async function extractLand(
  sourceFile: string,
  options: ExtractLandOptions = {},
): Promise<LandData> {
  const codes = options.codes ?? LAND_CODES;
  const region = options.region ?? KOREA_REGION;
  const info = await stat(sourceFile);
  const bytes = await readFile(sourceFile);
  const features =
    findFeatureLines(bytes, codes) ?? findFeaturesByFullParse(bytes, codes, sourceFile);
  const droppedHoles: Record<string, number> = {};
  const countries: LandCountry[] = codes.map((code) => {
    const rings: number[][] = [];
    let holes = 0;
    for (const [fi, feature] of (features.get(code) ?? []).entries()) {
      for (const polygon of polygonsOf(feature, `${sourceFile}: ${code} feature ${fi}`)) {
        holes += polygon.length - 1;
        const flat = flatten(polygon[0]);
        const ring = UNCLIPPED.has(code) ? flat : clipRingToBox(flat, region);
        if (ring.length >= 6) rings.push(ring);
      }
    }
    if (rings.length === 0 && UNCLIPPED.has(code)) {
      throw new Error(`${sourceFile}: no land polygon for ${code}`);
    }
    droppedHoles[code] = holes;
    return { code, rings };
  });
  return {
    format: LAND_FORMAT,
    source: { file: sourceFile, size: info.size, mtimeMs: info.mtimeMs },
    region,
    countries,
    droppedHoles,
  };
}

export interface LoadLandOptions extends ExtractLandOptions {
  /** The geo-maps GeoJSON (default {@link defaultLandSource}). */
  readonly sourceFile?: string;
  /** Cache directory (default {@link defaultCacheDir}); `null` disables the cache. */
  readonly cacheDir?: string | null;
}

export interface LoadedLand {
  readonly land: LandData;
  /** The cache file used or written, or null when caching was off or the directory not writable. */
  readonly cacheFile: string | null;
  /** True when the land came from the cache without touching the 121 MB source. */
  readonly cacheHit: boolean;
}

/**
 * The land polygons, from the cache when it matches the source file, else extracted (seconds) and
 * cached for next time. An unwritable cache directory is not an error: the land is returned uncached.
 */
export async function loadLand(options: LoadLandOptions = {}): Promise<LoadedLand> {
  const sourceFile = options.sourceFile ?? defaultLandSource();
  const codes = options.codes ?? LAND_CODES;
  const region = options.region ?? KOREA_REGION;
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir(sourceFile) : options.cacheDir;
  const info = await stat(sourceFile).catch((cause: unknown) => {
    throw new Error(
      `land polygons ${sourceFile} cannot be read (is @geo-maps/countries-land-100m installed?)`,
      {
        cause,
      },
    );
  });
  const cacheFile = cacheDir === null ? null : join(cacheDir, `korea-land-v${LAND_FORMAT}.json`);
  if (cacheFile !== null) {
    const cached = await readCache(cacheFile);
    if (
      cached !== null &&
      cached.source.size === info.size &&
      cached.source.mtimeMs === info.mtimeMs &&
      sameList(
        cached.countries.map((c) => c.code),
        codes,
      ) &&
      sameBox(cached.region, region)
    ) {
      return { land: cached, cacheFile, cacheHit: true };
    }
  }
  const land = await extractLand(sourceFile, { codes, region });
  const written = cacheFile !== null && (await writeAtomically(cacheFile, JSON.stringify(land)));
  return { land, cacheFile: written ? cacheFile : null, cacheHit: false };
}

async function readCache(file: string): Promise<LandData | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const data = JSON.parse(text) as Partial<LandData> | null;
    if (data?.format !== LAND_FORMAT || !Array.isArray(data.countries) || data.source === undefined)
      return null;
    if (data.region === undefined || data.droppedHoles === undefined) return null;
    return data as LandData;
  } catch {
    return null; // a torn or foreign file: rebuild it
  }
}

/** Writes via a temporary file and rename, so readers never see half a file. False if it failed. */
async function writeAtomically(file: string, text: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temp, text);
    await rename(temp, file);
    return true;
  } catch {
    await unlink(temp).catch(() => undefined);
    return false;
  }
}

type Feature = {
  properties?: { A3?: unknown };
  geometry?: { type?: unknown; coordinates?: unknown };
};

/**
 * Fast path: each feature on its own line (the published layout). Returns null if the layout does
 * not hold for every wanted code, so the caller parses the whole file instead.
 */
function findFeatureLines(bytes: Buffer, codes: readonly string[]): Map<string, Feature[]> | null {
  const found = new Map<string, Feature[]>();
  for (const code of codes) {
    const marker = Buffer.from(`"A3":"${code}"`);
    const list: Feature[] = [];
    for (let at = bytes.indexOf(marker); at >= 0;) {
      const start = bytes.lastIndexOf(0x0a, at) + 1;
      let end = bytes.indexOf(0x0a, at);
      if (end < 0) end = bytes.length;
      const line = bytes.toString('utf8', start, end).trim().replace(/,$/, '');
      let feature: Feature;
      try {
        feature = JSON.parse(line) as Feature;
      } catch {
        return null;
      }
      if (feature?.properties?.A3 !== code) return null;
      list.push(feature);
      at = bytes.indexOf(marker, end);
    }
    if (list.length === 0) return null;
    found.set(code, list);
  }
  return found;
}

function findFeaturesByFullParse(
  bytes: Buffer,
  codes: readonly string[],
  file: string,
): Map<string, Feature[]> {
  let doc: { features?: unknown };
  try {
    doc = JSON.parse(bytes.toString('utf8')) as { features?: unknown };
  } catch (cause) {
    throw new Error(`${file}: not valid JSON`, { cause });
  }
  if (!Array.isArray(doc?.features))
    throw new Error(`${file}: not a GeoJSON FeatureCollection (no "features")`);
  const found = new Map<string, Feature[]>();
  for (const f of doc.features as Feature[]) {
    const code = f?.properties?.A3;
    if (typeof code === 'string' && codes.includes(code)) {
      const list = found.get(code) ?? [];
      list.push(f);
      found.set(code, list);
    }
  }
  for (const code of codes) {
    if (!found.has(code)) throw new Error(`${file}: no feature with properties.A3 = "${code}"`);
  }
  return found;
}

type Ring = readonly (readonly number[])[];

function polygonsOf(feature: Feature, where: string): Ring[][] {
  const g = feature.geometry;
  const bad = (what: string): Error => new Error(`${where}: ${what}`);
  if (g === undefined || g === null) throw bad('no geometry');
  const polys: unknown =
    g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : undefined;
  if (!Array.isArray(polys))
    throw bad(`geometry type ${String(g.type)} is not Polygon or MultiPolygon`);
  return polys.map((poly: unknown, pi) => {
    if (!Array.isArray(poly) || poly.length === 0) throw bad(`polygon ${pi} has no rings`);
    return poly.map((ring: unknown, ri) => {
      if (!Array.isArray(ring) || ring.length < 3)
        throw bad(`polygon ${pi} ring ${ri} has fewer than 3 points`);
      for (const p of ring as unknown[]) {
        if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
          throw bad(`polygon ${pi} ring ${ri} has a position that is not [lon, lat]`);
        }
      }
      return ring as Ring;
    });
  });
}

function flatten(ring: Ring): number[] {
  const out = new Array<number>(ring.length * 2);
  for (let i = 0; i < ring.length; i++) {
    out[2 * i] = ring[i][0];
    out[2 * i + 1] = ring[i][1];
  }
  return out;
}

/**
 * Sutherland–Hodgman clipping of a ring (flat lon/lat) to a box. A concave ring may come back with
 * zero-width spurs along the box edge; they do not change which points are inside. Empty if the
 * ring lies outside. New vertices are rounded to 1e-7° (1 cm).
 */
export function clipRingToBox(ring: readonly number[], box: LatLonBox): number[] {
  let pts = ring;
  const edges: [number, number, 1 | -1][] = [
    [0, box.west, 1],
    [0, box.east, -1],
    [1, box.south, 1],
    [1, box.north, -1],
  ];
  for (const [axis, bound, dir] of edges) {
    const n = pts.length / 2;
    if (n === 0) break;
    const out: number[] = [];
    const inside = (i: number): boolean => dir * (pts[2 * i + axis] - bound) >= 0;
    for (let i = 0; i < n; i++) {
      const j = (i + n - 1) % n;
      const iIn = inside(i);
      if (iIn !== inside(j)) {
        const t = (bound - pts[2 * j + axis]) / (pts[2 * i + axis] - pts[2 * j + axis]);
        const x = pts[2 * j] + t * (pts[2 * i] - pts[2 * j]);
        const y = pts[2 * j + 1] + t * (pts[2 * i + 1] - pts[2 * j + 1]);
        out.push(axis === 0 ? bound : round7(x), axis === 1 ? bound : round7(y));
      }
      if (iIn) out.push(pts[2 * i], pts[2 * i + 1]);
    }
    pts = out;
  }
  return pts as number[];
}

function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameBox(a: LatLonBox, b: LatLonBox): boolean {
  return a.south === b.south && a.west === b.west && a.north === b.north && a.east === b.east;
}
