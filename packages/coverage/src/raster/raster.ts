/**
 * @module raster/raster
 * A raster: one typed array of values over a {@link Grid}, row-major, with a nodata value. Float
 * rasters use NaN for "no value" in memory (arithmetic then propagates it); writers map it to the
 * file's declared nodata. `get`/`set` are bounds-checked; hot loops index `data` directly.
 */
import { Grid, type GridSpec } from './grid.ts';

export type RasterArray = Float32Array | Float64Array | Int16Array | Int32Array | Uint8Array;

/** The plain-data form of a raster (worker messages, caches). */
export interface RasterSpec<T extends RasterArray = RasterArray> {
  grid: GridSpec;
  data: T;
  /** The value meaning "no data" (NaN for float rasters). */
  nodata: number;
}

export class Raster<T extends RasterArray = RasterArray> {
  readonly grid: Grid;
  readonly data: T;
  readonly nodata: number;

  constructor(grid: GridSpec, data: T, nodata: number) {
    this.grid = grid instanceof Grid ? grid : new Grid(grid);
    if (data.length !== this.grid.size) {
      throw new RangeError(
        `raster data has ${data.length} values for a ${this.grid.width} × ${this.grid.height} grid (${this.grid.size})`,
      );
    }
    this.data = data;
    this.nodata = nodata;
  }

  /** A float32 raster filled with NaN (no data). */
  static float32(grid: GridSpec): Raster<Float32Array> {
    const g = grid instanceof Grid ? grid : new Grid(grid);
    return new Raster(g, new Float32Array(g.size).fill(NaN), NaN);
  }

  static from<T extends RasterArray>(spec: RasterSpec<T>): Raster<T> {
    return new Raster(spec.grid, spec.data, spec.nodata);
  }

  /** True when `value` means "no data". */
  isNodata(value: number): boolean {
    return Number.isNaN(this.nodata) ? Number.isNaN(value) : value === this.nodata;
  }

  get(col: number, row: number): number {
    return this.data[this.grid.index(col, row)]!;
  }

  set(col: number, row: number, value: number): void {
    this.data[this.grid.index(col, row)] = value;
  }

  /** Value of the cell containing (lat, lon); RangeError outside the grid. */
  at(lat: number, lon: number): number {
    const col = this.grid.colAt(lon);
    const row = this.grid.rowAt(lat);
    if (!this.grid.contains(col, row)) {
      throw new RangeError(`point ${lat}, ${lon} is outside the raster ${describe(this.grid)}`);
    }
    return this.data[row * this.grid.width + col]!;
  }

  /** Minimum and maximum over valid cells (NaN, NaN when there are none). */
  range(): { min: number; max: number; count: number } {
    let min = Infinity;
    let max = -Infinity;
    let count = 0;
    const d = this.data;
    for (let i = 0; i < d.length; i++) {
      const v = d[i]!;
      if (this.isNodata(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
      count++;
    }
    return count === 0 ? { min: NaN, max: NaN, count } : { min, max, count };
  }

  toSpec(): RasterSpec<T> {
    return { grid: this.grid.toJSON(), data: this.data, nodata: this.nodata };
  }
}

function describe(g: Grid): string {
  const r = (v: number) => String(Number(v.toFixed(6)));
  return `lat ${r(g.south)}..${r(g.north)}, lon ${r(g.west)}..${r(g.east)}`;
}
