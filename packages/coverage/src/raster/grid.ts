/**
 * @module raster/grid
 * A regular latitude/longitude grid (EPSG:4326) with an explicit geotransform. Cells are areas
 * (GDAL's `AREA_OR_POINT=Area`): cell (col, row) spans longitudes `west + col·stepLon ..
 * west + (col+1)·stepLon` and latitudes `north − (row+1)·stepLat .. north − row·stepLat`; row 0 is
 * the northernmost. Values belong to cell centres. The GDAL geotransform is
 * `[west, stepLon, 0, north, 0, −stepLat]`.
 */
import type { BBox } from '../plan/types.ts';

/** The plain-data form of a grid, as it crosses to worker threads and into JSON. */
export interface GridSpec {
  /** Longitude of the west edge of column 0, degrees. */
  west: number;
  /** Latitude of the north edge of row 0, degrees. */
  north: number;
  /** Column width, degrees of longitude (> 0). */
  stepLon: number;
  /** Row height, degrees of latitude (> 0; rows run south). */
  stepLat: number;
  width: number;
  height: number;
}

/** Largest grid we agree to allocate (cells): 400 M float32 = 1.6 GB. */
export const maxGridCells = 400_000_000;

export class Grid implements GridSpec {
  readonly west: number;
  readonly north: number;
  readonly stepLon: number;
  readonly stepLat: number;
  readonly width: number;
  readonly height: number;

  constructor(spec: GridSpec) {
    const { west, north, stepLon, stepLat, width, height } = spec;
    for (const [name, v] of Object.entries({ west, north, stepLon, stepLat })) {
      if (!Number.isFinite(v)) throw new RangeError(`grid ${name} = ${v} is not a finite number`);
    }
    if (!(stepLon > 0) || !(stepLat > 0)) {
      throw new RangeError(`grid steps must be > 0 (stepLon ${stepLon}, stepLat ${stepLat})`);
    }
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new RangeError(`grid size ${width} × ${height} must be whole numbers ≥ 1`);
    }
    if (width * height > maxGridCells) {
      throw new RangeError(
        `grid of ${width} × ${height} cells exceeds ${maxGridCells} cells; use a coarser resolution or a smaller area`,
      );
    }
    if (north > 90 || north - height * stepLat < -90) {
      throw new RangeError(`grid rows ${north}..${north - height * stepLat} leave -90..90`);
    }
    this.west = west;
    this.north = north;
    this.stepLon = stepLon;
    this.stepLat = stepLat;
    this.width = width;
    this.height = height;
  }

  /**
   * The grid of whole cells of step (stepLon, stepLat) covering `bbox`, aligned to multiples of the
   * step so that grids of the same step from different boxes line up (and with a DEM of that step).
   */
  static covering(bbox: BBox, stepLon: number, stepLat: number = stepLon): Grid {
    const eps = 1e-9;
    const col0 = Math.floor(bbox.west / stepLon + eps);
    const col1 = Math.ceil(bbox.east / stepLon - eps);
    const row0 = Math.floor(-bbox.north / stepLat + eps);
    const row1 = Math.ceil(-bbox.south / stepLat - eps);
    return new Grid({
      west: col0 * stepLon,
      north: -row0 * stepLat,
      stepLon,
      stepLat,
      width: Math.max(1, col1 - col0),
      height: Math.max(1, row1 - row0),
    });
  }

  get size(): number {
    return this.width * this.height;
  }

  get east(): number {
    return this.west + this.width * this.stepLon;
  }

  get south(): number {
    return this.north - this.height * this.stepLat;
  }

  get bounds(): BBox {
    return { south: this.south, west: this.west, north: this.north, east: this.east };
  }

  /** GDAL's affine geotransform. */
  get geoTransform(): [number, number, number, number, number, number] {
    return [this.west, this.stepLon, 0, this.north, 0, -this.stepLat];
  }

  /** Longitude of column `col`'s centre. */
  lonOf(col: number): number {
    return this.west + (col + 0.5) * this.stepLon;
  }

  /** Latitude of row `row`'s centre. */
  latOf(row: number): number {
    return this.north - (row + 0.5) * this.stepLat;
  }

  /** Column containing `lon` (may be outside 0..width−1). */
  colAt(lon: number): number {
    return Math.floor((lon - this.west) / this.stepLon);
  }

  /** Row containing `lat` (may be outside 0..height−1). */
  rowAt(lat: number): number {
    return Math.floor((this.north - lat) / this.stepLat);
  }

  contains(col: number, row: number): boolean {
    return col >= 0 && col < this.width && row >= 0 && row < this.height;
  }

  /** Index of (col, row) in row-major data; RangeError outside the grid. */
  index(col: number, row: number): number {
    if (!Number.isInteger(col) || !Number.isInteger(row) || !this.contains(col, row)) {
      throw new RangeError(
        `cell (col ${col}, row ${row}) is outside the ${this.width} × ${this.height} grid`,
      );
    }
    return row * this.width + col;
  }

  /**
   * Area of a cell in row `row`, km², on a sphere of the WGS 84 authalic radius (exact for the
   * spherical cell between two parallels: R²·Δλ·(sin φ₁ − sin φ₂)).
   */
  cellAreaKm2(row: number): number {
    const R = 6371.0072; // authalic radius, km
    const d = Math.PI / 180;
    const top = this.north - row * this.stepLat;
    const bottom = top - this.stepLat;
    return R * R * this.stepLon * d * (Math.sin(top * d) - Math.sin(bottom * d));
  }

  toJSON(): GridSpec {
    return {
      west: this.west,
      north: this.north,
      stepLon: this.stepLon,
      stepLat: this.stepLat,
      width: this.width,
      height: this.height,
    };
  }
}
