/**
 * @module borders/ring-index
 * Point-in-polygon for a set of labelled rings, built for millions of queries: a scanline fill that
 * classifies a whole regular grid at once, and a cell index that answers single points in time
 * independent of the polygons' size.
 *
 * Both use the even–odd rule per label, so a label's rings may be disjoint islands (holes, if a caller
 * keeps them, work too); rings of different labels may touch or share edges.
 *
 * - Grid fill: rows are processed north to south with an active-edge list (edges sorted by their
 *   northern end); each row's crossings are sorted once and the samples between pairs are filled.
 *   O(rows × active edges + samples). The crossing rule is the half-open one, `(y0 > lat) !== (y1 > lat)`,
 *   so a vertex lying exactly on a row is counted once (Foley, van Dam et al., *Computer Graphics*,
 *   §3.6 "Filling polygons"; the same rule as W. R. Franklin's PNPOLY).
 * - Single points: the bounding box is cut into square cells; each cell keeps the label of a reference
 *   point near its centre (from the grid fill) and the edges that touch it. A query counts, per label,
 *   the edges crossed by the segment from the reference point to the query point. Most cells hold no
 *   edge, so most queries are one array read. Ties (a vertex exactly on the segment, the query exactly
 *   on an edge or vertex) are broken by moving the query point an infinitesimal ε·(1, δ), 0 < δ ≪ 1,
 *   east then north (simulation of simplicity, Edelsbrunner & Mücke 1990): the parity stays right and
 *   boundary points get the same answer as from PNPOLY and from the grid fill (a point on an edge
 *   belongs to the ring east or north of it). Reference points are offset by an irrational fraction
 *   of a cell so they do not sit on the data's round-number coordinates.
 */

import type { LatLonGrid } from './grid.ts';
import { validateGrid } from './grid.ts';

/** A closed ring with a label. Coordinates are flat `[lon0, lat0, lon1, lat1, …]` in degrees. */
export interface LabelledRing {
  /** 1..31; 0 means "no ring" in results. */
  readonly label: number;
  /** Flat lon/lat pairs; the closing edge back to the first vertex is implied (a repeat is fine). */
  readonly coords: ArrayLike<number>;
}

export interface RingIndexOptions {
  /**
   * Side of the cells of the single-point index, degrees (default 0.02° ≈ 2 km); enlarged when the
   * rings' box would need more than a million cells.
   */
  readonly cellSizeDeg?: number;
}

/** Cells of the single-point index at most (memory: ~5 bytes each plus the edge lists). */
const MAX_CELLS = 1_000_000;
/** Labels share one 32-bit parity mask, so at most 31 of them. */
const MAX_LABEL = 31;

export class RingIndex {
  /** Number of edges. */
  readonly edgeCount: number;
  /** Largest label used. */
  readonly maxLabel: number;
  /** Bounding box of all rings, degrees. */
  readonly bounds: { south: number; west: number; north: number; east: number };
  private readonly x0: Float64Array;
  private readonly y0: Float64Array;
  private readonly x1: Float64Array;
  private readonly y1: Float64Array;
  private readonly labels: Uint8Array;
  /** Edge ids sorted by their northern end, descending: the order edges enter the scanline. */
  private readonly byNorth: Uint32Array;
  /** `max(y0, y1)` of the edges in `byNorth` order. */
  private readonly northEnds: Float64Array;
  private readonly cellSize: number;
  private point: PointIndex | null = null;

  constructor(rings: readonly LabelledRing[], options: RingIndexOptions = {}) {
    const cellSize = options.cellSizeDeg ?? 0.02;
    if (!(cellSize > 0) || !Number.isFinite(cellSize)) {
      throw new RangeError(`cellSizeDeg = ${cellSize} must be a positive number of degrees`);
    }
    this.cellSize = cellSize;
    let edges = 0;
    rings.forEach((ring, i) => {
      if (!Number.isInteger(ring.label) || ring.label < 1 || ring.label > MAX_LABEL) {
        throw new RangeError(
          `ring ${i}: label ${ring.label} must be a whole number in 1..${MAX_LABEL}`,
        );
      }
      if (ring.coords.length % 2 !== 0)
        throw new RangeError(`ring ${i}: odd number of coordinates`);
      edges += ring.coords.length / 2;
    });
    this.x0 = new Float64Array(edges);
    this.y0 = new Float64Array(edges);
    this.x1 = new Float64Array(edges);
    this.y1 = new Float64Array(edges);
    this.labels = new Uint8Array(edges);
    let n = 0;
    let south = Infinity;
    let west = Infinity;
    let north = -Infinity;
    let east = -Infinity;
    rings.forEach((ring, i) => {
      const c = ring.coords;
      const count = c.length / 2;
      for (let k = 0; k < count; k++) {
        const ax = c[2 * k];
        const ay = c[2 * k + 1];
        const next = (k + 1) % count;
        const bx = c[2 * next];
        const by = c[2 * next + 1];
        if (!Number.isFinite(ax) || !Number.isFinite(ay)) {
          throw new RangeError(`ring ${i}, vertex ${k}: coordinate ${ax},${ay} is not finite`);
        }
        if (ax === bx && ay === by) continue; // the repeated closing vertex, or a duplicate
        this.x0[n] = ax;
        this.y0[n] = ay;
        this.x1[n] = bx;
        this.y1[n] = by;
        this.labels[n] = ring.label;
        n++;
        if (ax < west) west = ax;
        if (ax > east) east = ax;
        if (ay < south) south = ay;
        if (ay > north) north = ay;
      }
    });
    this.edgeCount = n;
    this.maxLabel = rings.reduce((m, ring) => Math.max(m, ring.label), 0);
    this.bounds = { south, west, north, east };
    const ymax = new Float64Array(n);
    for (let e = 0; e < n; e++) ymax[e] = Math.max(this.y0[e], this.y1[e]);
    const order = new Uint32Array(n);
    for (let e = 0; e < n; e++) order[e] = e;
    order.sort((a, b) => ymax[b] - ymax[a]);
    this.byNorth = order;
    this.northEnds = new Float64Array(n);
    for (let i = 0; i < n; i++) this.northEnds[i] = ymax[order[i]];
  }

  /**
   * Labels every sample of `grid` with the label of the ring containing it (0 where none does).
   * @param out Reused if given (length ≥ width × height); otherwise allocated.
   * @returns `out`, row-major, row 0 north.
   */
  classifyGrid(grid: LatLonGrid, out?: Uint8Array): Uint8Array {
    validateGrid(grid);
    const { width, height, lat0, lon0, dLat, dLon } = grid;
    const size = width * height;
    if (out === undefined) out = new Uint8Array(size);
    else if (out.length < size)
      throw new RangeError(`out has ${out.length} samples, grid needs ${size}`);
    out.fill(0, 0, size);
    const { x0, y0, x1, y1, labels, byNorth, northEnds } = this;
    let active: Uint32Array<ArrayBuffer> = new Uint32Array(64);
    let activeCount = 0;
    // Crossings per label, kept apart so each sorts on the raw longitudes (no precision lost).
    const xs: Float64Array[] = Array.from(
      { length: this.maxLabel + 1 },
      () => new Float64Array(16),
    );
    const counts = new Int32Array(this.maxLabel + 1);
    let next = 0;
    for (let r = 0; r < height; r++) {
      const lat = lat0 - r * dLat;
      while (next < byNorth.length && northEnds[next] > lat) {
        if (activeCount === active.length) active = grow(active);
        active[activeCount++] = byNorth[next++];
      }
      let keep = 0;
      counts.fill(0);
      for (let i = 0; i < activeCount; i++) {
        const e = active[i];
        const ya = y0[e];
        const yb = y1[e];
        // Every active edge has ymax > lat, so "same side" means wholly north: finished.
        if (ya > lat === yb > lat) continue;
        active[keep++] = e;
        const label = labels[e];
        if (counts[label] === xs[label].length) xs[label] = growF(xs[label]);
        xs[label][counts[label]++] = x0[e] + ((lat - ya) * (x1[e] - x0[e])) / (yb - ya);
      }
      activeCount = keep;
      const base = r * width;
      for (let label = 1; label <= this.maxLabel; label++) {
        const n = counts[label];
        if (n === 0) continue;
        const row = xs[label].subarray(0, n).sort();
        for (let i = 0; i + 1 < n; i += 2) {
          // Even–odd: a sample is inside when xIn <= lon < xOut, with lon = lon0 + c * dLon
          // evaluated exactly as callers compute it.
          const c0 = firstColumnAtOrEast(row[i], lon0, dLon, width);
          const c1 = firstColumnAtOrEast(row[i + 1], lon0, dLon, width);
          if (c1 > c0) out.fill(label, base + c0, base + c1);
        }
      }
    }
    return out;
  }

  /** The label of the ring containing the point (0 if none). Degrees. */
  labelAt(lat: number, lon: number): number {
    const p = (this.point ??= this.buildPointIndex());
    const c = Math.floor((lon - p.west) / p.cell);
    const r = Math.floor((p.north - lat) / p.cell);
    if (c < 0 || r < 0 || c >= p.nx || r >= p.ny) return 0;
    const cell = r * p.nx + c;
    const start = p.cellStart[cell];
    const end = p.cellStart[cell + 1];
    const refLabel = p.refLabels[cell];
    if (start === end) return refLabel;
    // Segment from the cell's reference point R to the query Q; coordinates relative to R.
    const rx = p.refLon0 + c * p.cell;
    const ry = p.refLat0 - r * p.cell;
    const qx = lon - rx;
    const qy = lat - ry;
    let mask = refLabel === 0 ? 0 : 1 << refLabel;
    const { x0, y0, x1, y1, labels } = this;
    const ids = p.cellEdges;
    for (let i = start; i < end; i++) {
      const e = ids[i];
      const ax = x0[e] - rx;
      const ay = y0[e] - ry;
      const bx = x1[e] - rx;
      const by = y1[e] - ry;
      // A and B on different sides of the line RQ…
      let sa = qx * ay - qy * ax;
      if (sa === 0) sa = ay !== 0 ? ay : -ax;
      let sb = qx * by - qy * bx;
      if (sb === 0) sb = by !== 0 ? by : -bx;
      if (sa > 0 === sb > 0) continue;
      // …and R, Q on different sides of the line AB.
      const ex = bx - ax;
      const ey = by - ay;
      const sr = ex * -ay - ey * -ax;
      let sq = ex * (qy - ay) - ey * (qx - ax);
      if (sq === 0) sq = ey !== 0 ? -ey : ex;
      if (sr > 0 === sq > 0) continue;
      mask ^= 1 << labels[e];
    }
    return mask === 0 ? 0 : 31 - Math.clz32(mask & -mask);
  }

  private buildPointIndex(): PointIndex {
    const { south, west: w, north: nb, east } = this.bounds;
    const cell = Math.max(this.cellSize, Math.sqrt(((east - w) * (nb - south)) / MAX_CELLS));
    const west = w - cell / 2;
    const north = nb + cell / 2;
    const nx = Math.max(1, Math.ceil((east - west) / cell) + 1);
    const ny = Math.max(1, Math.ceil((north - south) / cell) + 1);
    // Irrational fractions of a cell keep reference points off the data's round coordinates.
    const refLon0 = west + cell * (0.5 + 0.0061803398875);
    const refLat0 = north - cell * (0.5 + 0.0041421356237);
    const refLabels = this.classifyGrid({
      lat0: refLat0,
      lon0: refLon0,
      dLat: cell,
      dLon: cell,
      width: nx,
      height: ny,
    });
    const cellStart = new Uint32Array(nx * ny + 1);
    const { x0, y0, x1, y1 } = this;
    const n = this.edgeCount;
    const range = (e: number): [number, number, number, number] => {
      const c0 = Math.max(0, Math.floor((Math.min(x0[e], x1[e]) - west) / cell));
      const c1 = Math.min(nx - 1, Math.floor((Math.max(x0[e], x1[e]) - west) / cell));
      const r0 = Math.max(0, Math.floor((north - Math.max(y0[e], y1[e])) / cell));
      const r1 = Math.min(ny - 1, Math.floor((north - Math.min(y0[e], y1[e])) / cell));
      return [c0, c1, r0, r1];
    };
    for (let e = 0; e < n; e++) {
      const [c0, c1, r0, r1] = range(e);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) cellStart[r * nx + c + 1]++;
    }
    for (let i = 0; i < nx * ny; i++) cellStart[i + 1] += cellStart[i];
    const fill = cellStart.slice(0, nx * ny);
    const cellEdges = new Uint32Array(cellStart[nx * ny]);
    for (let e = 0; e < n; e++) {
      const [c0, c1, r0, r1] = range(e);
      for (let r = r0; r <= r1; r++)
        for (let c = c0; c <= c1; c++) cellEdges[fill[r * nx + c]++] = e;
    }
    return { west, north, cell, nx, ny, refLon0, refLat0, refLabels, cellStart, cellEdges };
  }
}

interface PointIndex {
  west: number;
  north: number;
  cell: number;
  nx: number;
  ny: number;
  refLon0: number;
  refLat0: number;
  refLabels: Uint8Array;
  cellStart: Uint32Array;
  cellEdges: Uint32Array;
}

function growF(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/** The first column c in 0..width whose longitude `lon0 + c * dLon` is ≥ x (width if none). */
function firstColumnAtOrEast(x: number, lon0: number, dLon: number, width: number): number {
  let c = Math.min(width, Math.max(0, Math.ceil((x - lon0) / dLon)));
  // The division can round either way; settle on the exact comparison.
  while (c > 0 && lon0 + (c - 1) * dLon >= x) c--;
  while (c < width && lon0 + c * dLon < x) c++;
  return c;
}

function grow(a: Uint32Array): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
