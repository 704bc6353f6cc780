/**
 * @module borders/grid
 * The regular latitude/longitude sample grid that the batch classifiers and population sums work on.
 * It uses the terrain grids' convention (row 0 north, samples at posts), so a terrain or coverage
 * grid can be passed as it is.
 */

/**
 * A regular grid of sample points on WGS 84 (EPSG:4326), decimal degrees.
 *
 * Sample (row r, column c) sits at latitude `lat0 - r * dLat`, longitude `lon0 + c * dLon`, and is
 * stored at index `r * width + c`. Where a sample stands for an area (population sums), that area is
 * the cell of `dLat × dLon` centred on it.
 */
export interface LatLonGrid {
  /** Latitude of row 0 (the northernmost), degrees. */
  readonly lat0: number;
  /** Longitude of column 0 (the westernmost), degrees. */
  readonly lon0: number;
  /** Degrees between rows (> 0; rows run south). */
  readonly dLat: number;
  /** Degrees between columns (> 0). */
  readonly dLon: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Checks a grid's fields.
 * @throws RangeError naming the field and the value received.
 */
export function validateGrid(grid: LatLonGrid, what = 'grid'): void {
  for (const key of ['lat0', 'lon0', 'dLat', 'dLon'] as const) {
    if (!Number.isFinite(grid[key]))
      throw new RangeError(`${what}.${key} = ${grid[key]} is not a finite number`);
  }
  if (!(grid.dLat > 0)) throw new RangeError(`${what}.dLat = ${grid.dLat} must be > 0 degrees`);
  if (!(grid.dLon > 0)) throw new RangeError(`${what}.dLon = ${grid.dLon} must be > 0 degrees`);
  for (const key of ['width', 'height'] as const) {
    const n = grid[key];
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`${what}.${key} = ${n} must be a whole number ≥ 0`);
  }
  if (grid.lat0 > 90 || grid.lat0 - (grid.height - 1) * grid.dLat < -90) {
    throw new RangeError(
      `${what} reaches beyond ±90° latitude (lat0 = ${grid.lat0}, ${grid.height} rows of ${grid.dLat}°)`,
    );
  }
}

/** A latitude/longitude box in decimal degrees. */
export interface LatLonBox {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

/** `38.0167,126.5333`: the CLI's LAT,LON form, without float noise, for error messages. */
export function formatPoint(lat: number, lon: number): string {
  const f = (v: number): string => (Number.isFinite(v) ? String(Number(v.toFixed(6))) : String(v));
  return `${f(lat)},${f(lon)}`;
}

/**
 * Checks one coordinate pair.
 * @throws RangeError naming the coordinate.
 */
export function validatePoint(lat: number, lon: number): void {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw new RangeError(`latitude ${lat} at ${formatPoint(lat, lon)} is outside -90..90°`);
  }
  if (!Number.isFinite(lon) || lon < -180 || lon > 360) {
    throw new RangeError(`longitude ${lon} at ${formatPoint(lat, lon)} is outside -180..180°`);
  }
}
