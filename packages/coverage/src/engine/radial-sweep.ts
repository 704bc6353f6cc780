/**
 * @module engine/radial-sweep
 * The method SPLAT! and Signal-Server use, rebuilt on our ITM so the benchmark can time it in the
 * same process as the fast mode: one profile along the path from the emitter to every cell on the
 * edge of the window, and ITM on each prefix of it; each cell takes the value of the first prefix
 * that ends in it and is skipped by later ones [SPLAT! 1.4 itm.cpp/splat.cpp PlotLRPath: "if the
 * point is not already computed"; Signal-Server's PlotPropPath likewise]. A cell's value is thus
 * ITM on a path that ends somewhere inside the cell, along another azimuth than its own — which is
 * why it differs from the reference (exact ITM on each cell's own profile). It is a baseline for
 * the benchmark, not a mode users get.
 */
import { geodesicPath, sampleProfile, type TerrainSampler } from '@tongilnet/geodata';
import { Grid } from '../raster/grid.ts';
import { itmP2pTlsShared } from './itm-shared.ts';
import { itmInputOf, type LossJob } from './jobs.ts';
import type { WorkerPool } from './pool.ts';

/** A slice of the sweep: edge cells [edge0, edge1) of the window's perimeter, in sweep order. */
export interface SweepTask {
  job: LossJob;
  edge0: number;
  edge1: number;
}

export interface SweepResult {
  /** Window indices (row-major, ascending) of the cells this slice gave a value. */
  cells: Int32Array;
  /** Loss per frequency, parallel to `cells`. */
  losses: Float32Array[];
  /** ITM evaluations made (one per cell this slice assigned). */
  evaluations: number;
}

/**
 * The window's edge cells in SPLAT!'s order (north row west to east, east column north to south,
 * south row east to west, west column south to north), each once, as [col, row].
 */
export function perimeterCells(grid: Grid): [number, number][] {
  const w = grid.width;
  const h = grid.height;
  const out: [number, number][] = [];
  for (let c = 0; c < w; c++) out.push([c, 0]);
  for (let r = 1; r < h; r++) out.push([w - 1, r]);
  if (h > 1) for (let c = w - 2; c >= 0; c--) out.push([c, h - 1]);
  if (w > 1) for (let r = h - 2; r >= 1; r--) out.push([0, r]);
  return out;
}

/**
 * Profile spacing of the sweep, m: at most a DEM post and at most one cell, so every cell a radial
 * crosses gets a prefix ending in it, as SPLAT!'s per-pixel stepping does.
 */
export function sweepStepM(job: LossJob): number {
  const cosLat = Math.cos((job.lat * Math.PI) / 180);
  return Math.min(
    job.profileStepM,
    job.window.stepLon * 111_320 * cosLat * 0.95,
    job.window.stepLat * 110_574 * 0.95,
  );
}

/** Runs one slice of the sweep (in a worker). */
export function sweepRadials(
  sampler: TerrainSampler,
  task: SweepTask,
  onProgress?: (cells: number) => void,
): SweepResult {
  const { job } = task;
  const grid = new Grid(job.window);
  const w = grid.width;
  const losses = job.freqsMHz.map(() => new Float32Array(w * grid.height).fill(NaN));
  const done = new Uint8Array(w * grid.height);
  const edges = perimeterCells(grid);
  const site = { lat: job.lat, lon: job.lon };
  const stepM = sweepStepM(job);
  let pfl = new Float64Array(1024);
  const input = itmInputOf(job, pfl);
  let evaluations = 0;
  for (let e = task.edge0; e < Math.min(task.edge1, edges.length); e++) {
    const [col, row] = edges[e]!;
    let path;
    try {
      path = geodesicPath(site, { lat: grid.latOf(row), lon: grid.lonOf(col) }, stepM);
    } catch {
      continue; // the edge cell is the emitter's own
    }
    const n = path.nIntervals;
    if (pfl.length < n + 3) pfl = new Float64Array(2 * (n + 3));
    pfl[1] = path.spacingM;
    // Prefixes up to the first point without terrain (a void, or off the loaded tiles).
    let usable = n;
    try {
      sampleProfile(sampler, path, pfl, 2);
    } catch {
      // Some point is off the terrain (or a void the sampler refuses): find where, point by point.
      for (let i = 0; i <= n; i++) {
        try {
          pfl[i + 2] = sampler.elevation(path.lats[i]!, path.lons[i]!);
        } catch {
          pfl[i + 2] = NaN;
        }
      }
    }
    for (let i = 0; i <= n; i++) {
      if (pfl[i + 2] !== pfl[i + 2]) {
        usable = i - 1;
        break;
      }
    }
    const before = evaluations;
    for (let k = 1; k <= usable; k++) {
      if (k * path.spacingM > job.maxDistanceM) break;
      const c = grid.colAt(path.lons[k]!);
      const r = grid.rowAt(path.lats[k]!);
      if (c < 0 || r < 0 || c >= w || r >= grid.height) continue;
      const index = r * w + c;
      if (done[index]) continue;
      done[index] = 1;
      // A prefix of the same profile: ITM reads only the first k intervals.
      pfl[0] = k;
      input.pfl = pfl;
      itmP2pTlsShared(input, job.freqsMHz, losses, index);
      evaluations++;
    }
    onProgress?.(evaluations - before);
  }
  // Only the cells reached travel back: a window per slice would be 19 MB each at 100 km.
  const cells = new Int32Array(evaluations);
  let k = 0;
  for (let i = 0; i < done.length; i++)
    if (done[i] && losses[0]![i] === losses[0]![i]) cells[k++] = i;
  const reached = cells.subarray(0, k);
  return {
    cells: reached.slice(),
    losses: losses.map((l) => Float32Array.from(reached, (i) => l[i]!)),
    evaluations,
  };
}

/**
 * The whole sweep on the pool: the perimeter cut into slices in sweep order, and each cell given
 * the value of the earliest slice that reached it — SPLAT!'s "first radial wins", except that a
 * cell near the emitter crossed by radials of several slices is evaluated once per slice.
 */
export async function radialSweepRaster(
  pool: WorkerPool,
  job: LossJob,
  options: { onProgress?: (cells: number) => void } = {},
): Promise<{ losses: Float32Array[]; evaluations: number }> {
  const grid = new Grid(job.window);
  const edges = perimeterCells(grid).length;
  const slices = Math.max(1, pool.size * 8);
  const per = Math.ceil(edges / slices);
  const calls: Promise<SweepResult>[] = [];
  for (let e0 = 0; e0 < edges; e0 += per) {
    calls.push(
      pool.call(
        'sweep',
        { job, edge0: e0, edge1: Math.min(edges, e0 + per) },
        options.onProgress ? { onProgress: options.onProgress } : {},
      ),
    );
  }
  const out = job.freqsMHz.map(() => new Float32Array(grid.size).fill(NaN));
  let evaluations = 0;
  for (const r of await Promise.all(calls)) {
    evaluations += r.evaluations;
    r.losses.forEach((l, k) => {
      const o = out[k]!;
      for (let j = 0; j < r.cells.length; j++) {
        const i = r.cells[j]!;
        if (o[i] !== o[i]) o[i] = l[j]!;
      }
    });
  }
  return { losses: out, evaluations };
}
