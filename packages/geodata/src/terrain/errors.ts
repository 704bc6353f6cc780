/**
 * @module terrain/errors
 * Errors the terrain code throws. Each message names the place (coordinate, file, tile) so the CLI
 * can print it as one line; the fields carry the same facts for programs.
 */

/** `38.0167,126.5333` — the same LAT,LON form the CLI accepts, without float noise. */
export function formatLatLon(lat: number, lon: number): string {
  return `${roundDeg(lat)},${roundDeg(lon)}`;
}

function roundDeg(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toFixed(6))) : String(value);
}

/** A query at a point no tile covers (or whose tile is not loaded in this sampler). */
export class TerrainCoverageError extends RangeError {
  override readonly name = 'TerrainCoverageError';
  constructor(
    message: string,
    readonly lat: number,
    readonly lon: number,
  ) {
    super(message);
  }
}

/** Interpolation touched a void post and the void policy is `'error'`. */
export class TerrainVoidError extends RangeError {
  override readonly name = 'TerrainVoidError';
  constructor(
    message: string,
    readonly lat: number,
    readonly lon: number,
    readonly tile: string,
  ) {
    super(message);
  }
}

/** A terrain file that cannot be used: wrong size, corrupt, unsupported CRS or layout. */
export class TerrainFormatError extends Error {
  override readonly name = 'TerrainFormatError';
  constructor(
    message: string,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
