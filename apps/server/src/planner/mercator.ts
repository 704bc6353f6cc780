/**
 * @module planner/mercator
 * Web Mercator for the planner's map: the XYZ tile scheme MapLibre asks tiles in, and the row
 * resampling that lets a latitude/longitude raster lie correctly on a Mercator map.
 *
 * MapLibre's image source places an image by its four corners and interpolates linearly in
 * Mercator space. A raster whose rows are equal steps of latitude is not linear in Mercator y
 * (y = ln tan(π/4 + φ/2)), so laid on the map unchanged it would drift: over 33–43°N the middle
 * row lands 0.16° (18 km) too far north. Resampling the rows to equal steps of Mercator y first
 * makes the corners' linear placement exact. [EPSG Guidance Note 7-2 §1.3.3.2, Popular
 * Visualisation Pseudo-Mercator]
 */

/** Mercator y (radians of the unit sphere) of a latitude in degrees. */
export function mercatorY(latDeg: number): number {
  const phi = (latDeg * Math.PI) / 180;
  return Math.log(Math.tan(Math.PI / 4 + phi / 2));
}

/** Latitude in degrees of a Mercator y. */
export function latOfMercatorY(y: number): number {
  return ((2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180) / Math.PI;
}

/** The latitude/longitude box of XYZ tile (z, x, y) [OSM "Slippy map tilenames"]. */
export function tileBounds(
  z: number,
  x: number,
  y: number,
): { west: number; east: number; north: number; south: number } {
  const n = 2 ** z;
  return {
    west: (x / n) * 360 - 180,
    east: ((x + 1) / n) * 360 - 180,
    north: latOfMercatorY(Math.PI * (1 - (2 * y) / n)),
    south: latOfMercatorY(Math.PI * (1 - (2 * (y + 1)) / n)),
  };
}

/** Latitude of the centre of pixel row `py` (of `size`) in tile (z, y). */
export function tileRowLat(z: number, y: number, py: number, size: number): number {
  const n = 2 ** z;
  return latOfMercatorY(Math.PI * (1 - (2 * (y + (py + 0.5) / size)) / n));
}

/** Longitude of the centre of pixel column `px` (of `size`) in tile (z, x). */
export function tileColLon(z: number, x: number, px: number, size: number): number {
  const n = 2 ** z;
  return ((x + (px + 0.5) / size) / n) * 360 - 180;
}

/**
 * Resamples an RGBA image whose rows are equal steps of latitude from `north` to `south` into
 * `outHeight` rows of equal Mercator y between the same edges (nearest row: the classes and
 * colours of a coverage map must not be blended).
 */
export function toMercatorRows(
  rgba: Uint8Array,
  width: number,
  height: number,
  north: number,
  south: number,
  outHeight = height,
): Uint8Array {
  const out = new Uint8Array(width * outHeight * 4);
  const yN = mercatorY(north);
  const yS = mercatorY(south);
  const rowBytes = width * 4;
  for (let r = 0; r < outHeight; r++) {
    const lat = latOfMercatorY(yN + ((r + 0.5) / outHeight) * (yS - yN));
    const src = Math.min(
      height - 1,
      Math.max(0, Math.floor(((north - lat) / (north - south)) * height)),
    );
    out.set(rgba.subarray(src * rowBytes, (src + 1) * rowBytes), r * rowBytes);
  }
  return out;
}
