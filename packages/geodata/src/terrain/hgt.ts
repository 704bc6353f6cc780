/**
 * @module terrain/hgt
 * SRTM `.hgt` tiles: a square grid of big-endian signed 16-bit metres, no header. The file name gives
 * the south-west corner (`N37E126` covers 37–38°N, 126–127°E); the first row is the northern edge and
 * the posts include both edges, so a tile's last row and column repeat the first of its neighbours.
 * The post count follows from the size: 1201² (3 arc-seconds) or 3601² (1 arc-second). -32768 marks a
 * void; the sea is 0. [NASA/JPL, "SRTM Topography" (SRTM_Topo.pdf, 2005), on the .hgt format]
 *
 * This module is pure (bytes in, grid out) so it also runs in a browser or worker; file and gzip
 * handling live in `hgt-file.ts`.
 */
import { TerrainFormatError } from './errors.ts';
import type { GeoBounds, TerrainGrid } from './types.ts';

/** The void marker in SRTM tiles. */
export const HGT_VOID = -32768;

/** Post counts per side of the two SRTM products, keyed by arc-seconds per post. */
const SIDES: ReadonlyMap<number, number> = new Map([
  [3, 1201],
  [1, 3601],
]);

/** Byte sizes a tile may have: 1201²×2 = 2,884,802 (SRTM3), 3601²×2 = 25,934,402 (SRTM1). */
export const HGT_SIZES: readonly number[] = [1201 * 1201 * 2, 3601 * 3601 * 2];

const NAME = /^([NS])(\d{1,2})([EW])(\d{1,3})$/i;

/** The tile name in a file name (`/x/N37E126.hgt.gz` → `N37E126`), or null if it has none. */
export function hgtTileName(fileName: string): string | null {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.gz$/i, '');
  const match = /^([NS]\d{1,2}[EW]\d{1,3})\.hgt$/i.exec(base);
  return match ? match[1]!.toUpperCase() : null;
}

/** The south-west corner named by `N37E126` (or `S05W070`), degrees; throws on a bad name. */
export function parseHgtName(name: string, file = name): { lat: number; lon: number } {
  const match = NAME.exec(name);
  if (!match) {
    throw new TerrainFormatError(
      `${file}: cannot tell the tile's position from its name; SRTM tiles are named like N37E126.hgt`,
      file,
    );
  }
  const lat = Number(match[2]) * (match[1]!.toUpperCase() === 'S' ? -1 : 1);
  const lon = Number(match[4]) * (match[3]!.toUpperCase() === 'W' ? -1 : 1);
  if (lat < -90 || lat > 89 || lon < -180 || lon > 179) {
    throw new TerrainFormatError(`${file}: tile name ${name} is not a 1° cell on the globe`, file);
  }
  return { lat, lon };
}

/** The SRTM-style name of the 1° cell whose south-west corner is (lat, lon): `N37E126`. */
export function cellName(lat: number, lon: number): string {
  const ns = lat < 0 ? 'S' : 'N';
  const ew = lon < 0 ? 'W' : 'E';
  return `${ns}${String(Math.abs(lat)).padStart(2, '0')}${ew}${String(Math.abs(lon)).padStart(3, '0')}`;
}

/** The box an SRTM tile covers, from its south-west corner. */
export function hgtBounds(lat: number, lon: number): GeoBounds {
  return { south: lat, west: lon, north: lat + 1, east: lon + 1 };
}

/** Arc-seconds per post for a tile of `byteLength` bytes, or null if no SRTM product has that size. */
export function hgtResolutionForSize(byteLength: number): number | null {
  for (const [arcSec, side] of SIDES) if (side * side * 2 === byteLength) return arcSec;
  return null;
}

/**
 * Decodes an uncompressed tile. `name` is the tile name (`N37E126`), `file` is used in messages.
 * With `inPlace`, the posts reuse `bytes`' memory (when it owns a whole, aligned buffer), which
 * halves the transient memory of a load; `bytes` is then overwritten. With `shared`, the posts live
 * in a SharedArrayBuffer, so the grid can be posted to worker threads without a copy.
 * @throws {TerrainFormatError} when the size is not 1201²×2 or 3601²×2 bytes.
 */
export function decodeHgt(
  bytes: Uint8Array,
  name: string,
  file: string,
  options: { inPlace?: boolean; shared?: boolean } = {},
): TerrainGrid {
  const corner = parseHgtName(name, file);
  const arcSec = hgtResolutionForSize(bytes.byteLength);
  if (arcSec === null) {
    throw new TerrainFormatError(
      `${file}: ${bytes.byteLength} bytes is not an SRTM tile ` +
        `(expected ${HGT_SIZES[0]} bytes for 3″ or ${HGT_SIZES[1]} for 1″ posts)`,
      file,
    );
  }
  const side = SIDES.get(arcSec)!;
  const count = side * side;
  const reuse =
    options.inPlace === true &&
    options.shared !== true &&
    bytes.byteOffset === 0 &&
    bytes.buffer.byteLength === bytes.byteLength &&
    !(bytes.buffer instanceof SharedArrayBuffer);
  const data = reuse
    ? new Int16Array(bytes.buffer, 0, count)
    : new Int16Array(
        options.shared ? new SharedArrayBuffer(count * 2) : new ArrayBuffer(count * 2),
      );
  let voids = 0;
  // Big-endian to host order by hand: portable (no Buffer), and it counts voids in the same pass.
  // In place is safe: post i is read from bytes 2i, 2i+1 before the same two bytes are written.
  for (let i = 0, j = 0; i < count; i++, j += 2) {
    const v = ((bytes[j]! << 24) >> 16) | bytes[j + 1]!;
    data[i] = v;
    if (v === HGT_VOID) voids++;
  }
  const step = 1 / (side - 1);
  return {
    name,
    file,
    format: 'hgt',
    data,
    width: side,
    height: side,
    lat0: corner.lat + 1,
    lon0: corner.lon,
    dLat: step,
    dLon: step,
    voidValue: HGT_VOID,
    bounds: hgtBounds(corner.lat, corner.lon),
    voidCount: voids,
  };
}
