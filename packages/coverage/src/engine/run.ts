/**
 * @module engine/run
 * One coverage job, end to end: the output grid, terrain in shared memory, every emitter's path
 * loss on worker threads (reference or fast mode), the link budgets and multi-site layers, the
 * North/South split and the people inside each layer, and the summary.
 *
 * ```mermaid
 * flowchart LR
 *   plan --> grid[output grid] --> windows[emitter windows]
 *   terrain --> pool[worker pool] --> losses[path loss per emitter]
 *   windows --> pool
 *   losses --> combine[link budgets, best server, SINR] --> summary
 *   borders --> summary
 *   people --> summary
 * ```
 */
import { availableParallelism } from 'node:os';
import type { Borders, TerrainSource } from '@tongilnet/geodata';
import type { Plan } from '../plan/types.ts';
import { Grid } from '../raster/grid.ts';
import { Raster } from '../raster/raster.ts';
import {
  combine,
  maskNodata,
  type CombinedLayers,
  type EmitterLoss,
  type JammerLayers,
  type SiteLayers,
} from './combine.ts';
import { sphericalDistanceM } from './geometry.ts';
import { mdvarCode, type ItmParams, type LossJob, type RowsResult } from './jobs.ts';
import { PointLoss } from './kernel-reference.ts';
import { sampleGridOf, type PeopleCounter } from './people.ts';
import { WorkerPool, abortError } from './pool.ts';
import { summarise, type CoverageSummary } from './summary.ts';
import { technology, type TechParams } from './technology.ts';

export type EngineMode = 'fast' | 'reference';

export interface Progress {
  /** Cells computed so far, over all emitters. */
  done: number;
  total: number;
  /** What is happening: 'terrain', 'loss', 'combine', 'people'. */
  phase: string;
}

export interface RunOptions {
  terrain: TerrainSource;
  /** `fast` (default): each cell's own profile built from shared geodesics; `reference`: a full
   * geodesic profile solved per cell. The same ITM call on the same geometry either way. */
  mode?: EngineMode;
  /** Worker threads to start (default: one per core); ignored when `pool` is given. */
  workers?: number;
  /** A pool to reuse (its terrain must cover the job); the caller closes it. */
  pool?: WorkerPool;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** The North/South border model; without it nothing is counted as "the North". */
  borders?: Borders;
  people?: PeopleCounter;
  /** Overrides the plan's output resolution, arc-seconds. */
  resolutionArcSec?: number;
  /** Overrides the plan's per-emitter computation radius, km. */
  maxDistanceKm?: number;
}

export interface CoverageResult {
  plan: Plan;
  mode: EngineMode;
  grid: Grid;
  /** Ground elevation at each cell centre, m. */
  elevation: Raster<Float32Array>;
  sites: SiteLayers[];
  jammers: JammerLayers[];
  layers: CombinedLayers;
  /** geodata's side code per cell (SIDE_CODE), or null without borders. */
  sides: Uint8Array | null;
  summary: CoverageSummary;
}

const kmPerDegLat = 111.32;

/** The output grid: the plan's area (or the sites' discs), at the plan's or the DEM's spacing. */
export function outputGrid(
  plan: Plan,
  demArcSec: number,
  options: { resolutionArcSec?: number; maxDistanceKm?: number } = {},
): Grid {
  const arcSec = options.resolutionArcSec ?? plan.resolutionArcSec ?? demArcSec;
  if (!(arcSec > 0)) {
    throw new RangeError(`output resolution ${arcSec}″ is not a positive number of arc-seconds`);
  }
  const step = arcSec / 3600;
  const area = plan.area;
  let bbox;
  if (area?.kind === 'bbox') bbox = area.bbox;
  else if (area?.kind === 'circle') bbox = discBox(area.lat, area.lon, area.radiusKm);
  else {
    const r = options.maxDistanceKm ?? plan.maxDistanceKm;
    const boxes = plan.sites.map((s) => discBox(s.lat, s.lon, r));
    bbox = {
      south: Math.min(...boxes.map((b) => b.south)),
      west: Math.min(...boxes.map((b) => b.west)),
      north: Math.max(...boxes.map((b) => b.north)),
      east: Math.max(...boxes.map((b) => b.east)),
    };
  }
  return Grid.covering(bbox, step);
}

/** The latitude/longitude box around a disc of `radiusKm`. */
export function discBox(lat: number, lon: number, radiusKm: number) {
  const dLat = radiusKm / kmPerDegLat;
  const cos = Math.max(0.01, Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180));
  const dLon = radiusKm / (kmPerDegLat * cos);
  return {
    south: Math.max(-90, lat - dLat),
    north: Math.min(90, lat + dLat),
    west: lon - dLon,
    east: lon + dLon,
  };
}

/** The part of `grid` within `radiusKm` of a point, as a window (null if it misses the grid). */
export function windowAround(grid: Grid, lat: number, lon: number, radiusKm: number): Grid | null {
  const b = discBox(lat, lon, radiusKm);
  const col0 = Math.max(0, grid.colAt(b.west));
  const col1 = Math.min(grid.width - 1, grid.colAt(b.east));
  const row0 = Math.max(0, grid.rowAt(b.north));
  const row1 = Math.min(grid.height - 1, grid.rowAt(b.south));
  if (col1 < col0 || row1 < row0) return null;
  return new Grid({
    west: grid.west + col0 * grid.stepLon,
    north: grid.north - row0 * grid.stepLat,
    stepLon: grid.stepLon,
    stepLat: grid.stepLat,
    width: col1 - col0 + 1,
    height: row1 - row0 + 1,
  });
}

/** Cells of `window` the kernels will compute for an emitter (the same pre-filter they use). */
export function cellsInDisc(window: Grid, lat: number, lon: number, maxDistanceM: number): number {
  let n = 0;
  for (let row = 0; row < window.height; row++) {
    const la = window.latOf(row);
    for (let col = 0; col < window.width; col++) {
      if (sphericalDistanceM(lat, lon, la, window.lonOf(col)) <= maxDistanceM * 1.006) n++;
    }
  }
  return n;
}

export function itmParams(plan: Plan): ItmParams {
  const e = plan.environment;
  const r = plan.reliability;
  return {
    climate: e.climate,
    N_0: e.n0,
    epsilon: e.epsilon,
    sigma: e.sigma,
    pol: e.polarization === 'vertical' ? 1 : 0,
    mdvar: mdvarCode[e.variability],
    time: r.timePct,
    location: r.locationPct,
    situation: r.situationPct,
  };
}

/** Profile spacing for a DEM of `arcSec` posts: one post of latitude, m. */
export function profileStepFor(arcSec: number): number {
  return (arcSec / 3600) * 111_320;
}

export interface LossRasterOptions {
  signal?: AbortSignal;
  onProgress?: (cells: number) => void;
  /** Compute every `rowStride`-th row only (the others stay NaN); for sampled comparisons. */
  rowStride?: number;
}

/**
 * One emitter's loss over its window, on the pool, sliced into row bands so progress and
 * cancellation stay prompt. One array per frequency of the job.
 */
export async function lossRaster(
  pool: WorkerPool,
  job: LossJob,
  mode: EngineMode,
  options: LossRasterOptions = {},
): Promise<{ losses: Float32Array[]; terrainMisses: number }> {
  const { signal, onProgress } = options;
  const stride = Math.max(1, Math.floor(options.rowStride ?? 1));
  const w = job.window.width;
  const h = job.window.height;
  const out = job.freqsMHz.map(() => new Float32Array(w * h).fill(NaN));
  // About 2,000 reference cells or 20,000 fast cells per slice (~0.1–0.2 s each).
  const rowsPerSlice =
    stride > 1 ? 1 : Math.max(1, Math.ceil((mode === 'reference' ? 2000 : 20000) / w));
  const slices: Promise<RowsResult>[] = [];
  for (let row0 = 0; row0 < h; row0 += stride > 1 ? stride : rowsPerSlice) {
    const row1 = Math.min(h, row0 + rowsPerSlice);
    slices.push(
      pool.call(
        'rows',
        { job, row0, row1, mode },
        { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) },
      ),
    );
  }
  let terrainMisses = 0;
  for (const r of await Promise.all(slices)) {
    terrainMisses += r.terrainMisses;
    r.losses.forEach((l, k) => out[k]!.set(l, r.row0 * w));
  }
  return { losses: out, terrainMisses };
}

async function computeLosses(
  pool: WorkerPool,
  jobs: LossJob[],
  mode: EngineMode,
  signal: AbortSignal | undefined,
  onCells: (cells: number) => void,
): Promise<{ losses: Float32Array[][]; terrainMisses: number }> {
  let terrainMisses = 0;
  const losses = await Promise.all(
    jobs.map(async (job) => {
      const r = await lossRaster(pool, job, mode, {
        ...(signal ? { signal } : {}),
        onProgress: onCells,
      });
      terrainMisses += r.terrainMisses;
      return r.losses;
    }),
  );
  return { losses, terrainMisses };
}

/** Runs a coverage plan. Rejects with an AbortError when `signal` fires. */
export async function runCoverage(plan: Plan, options: RunOptions): Promise<CoverageResult> {
  const started = performance.now();
  const mode = options.mode ?? 'fast';
  const { terrain, signal } = options;
  if (signal?.aborted) throw abortError(signal.reason);
  const techs: TechParams[] = plan.sites.map((s, i) => {
    try {
      return technology(s.technology, s.cellRange);
    } catch (error) {
      throw new RangeError(`sites[${i}] (${s.name}): ${(error as Error).message}`, {
        cause: error,
      });
    }
  });
  const maxDistanceKm = options.maxDistanceKm ?? plan.maxDistanceKm;
  const demArcSec = terrain.resolutionArcSec;
  const grid = outputGrid(plan, demArcSec, {
    ...(options.resolutionArcSec !== undefined
      ? { resolutionArcSec: options.resolutionArcSec }
      : {}),
    maxDistanceKm,
  });
  const report = (p: Progress) => options.onProgress?.(p);

  // Terrain for every profile: the grid plus every emitter (profiles run between them).
  const emitters = [...plan.sites, ...plan.jammers];
  const lats = [grid.south, grid.north, ...emitters.map((e) => e.lat)];
  const lons = [grid.west, grid.east, ...emitters.map((e) => e.lon)];
  report({ done: 0, total: 0, phase: 'terrain' });
  const load = await terrain.preload({
    south: Math.min(...lats),
    north: Math.max(...lats),
    west: Math.min(...lons),
    east: Math.max(...lons),
  });
  if (signal?.aborted) throw abortError(signal.reason);
  const sampler = terrain.sampler();
  const ground = (lat: number, lon: number): number => {
    try {
      return sampler.elevation(lat, lon);
    } catch {
      return NaN;
    }
  };
  const elevation = Raster.float32(grid);
  for (let row = 0; row < grid.height; row++) {
    const lat = grid.latOf(row);
    for (let col = 0; col < grid.width; col++) {
      elevation.data[row * grid.width + col] = ground(lat, grid.lonOf(col));
    }
  }
  const siteGroundM = plan.sites.map((s) => ground(s.lat, s.lon));
  const jammerGroundM = plan.jammers.map((j) => ground(j.lat, j.lon));
  for (const [list, zs, what] of [
    [plan.sites, siteGroundM, 'site'],
    [plan.jammers, jammerGroundM, 'jammer'],
  ] as const) {
    list.forEach((e, i) => {
      if (Number.isNaN(zs[i]!)) {
        throw new RangeError(
          `${what} ${e.name} at ${e.lat}, ${e.lon} is outside the terrain (${terrain.path})`,
        );
      }
    });
  }

  const itm = itmParams(plan);
  const profileStepM = profileStepFor(demArcSec);
  const maxDistanceM = maxDistanceKm * 1000;
  const jobFor = (e: (typeof emitters)[number], freqsMHz: number[], window: Grid): LossJob => ({
    name: e.name,
    lat: e.lat,
    lon: e.lon,
    heightM: e.heightM,
    rxHeightM: plan.receiver.heightM,
    freqsMHz,
    model: plan.model,
    itm,
    window: window.toJSON(),
    maxDistanceM,
    profileStepM,
  });
  const emptyWindow = (lat: number, lon: number) =>
    windowAround(grid, lat, lon, 0) ??
    new Grid({
      west: grid.west,
      north: grid.north,
      stepLon: grid.stepLon,
      stepLat: grid.stepLat,
      width: 1,
      height: 1,
    });
  const siteJobs = plan.sites.map((s, i) => {
    const t = techs[i]!;
    const freqs =
      t.ulFrequencyMHz === t.dlFrequencyMHz
        ? [t.dlFrequencyMHz]
        : [t.dlFrequencyMHz, t.ulFrequencyMHz];
    return jobFor(
      s,
      freqs,
      windowAround(grid, s.lat, s.lon, maxDistanceKm) ?? emptyWindow(s.lat, s.lon),
    );
  });
  const jammerJobs = plan.jammers.map((j) =>
    jobFor(
      j,
      [j.frequencyMHz],
      windowAround(grid, j.lat, j.lon, maxDistanceKm) ?? emptyWindow(j.lat, j.lon),
    ),
  );
  const jobs = [...siteJobs, ...jammerJobs];
  const total = jobs.reduce(
    (n, job) => n + cellsInDisc(new Grid(job.window), job.lat, job.lon, maxDistanceM),
    0,
  );
  let done = 0;
  report({ done, total, phase: 'loss' });

  const pool =
    options.pool ??
    (await WorkerPool.start(terrain.sampler().grids, options.workers ?? availableParallelism()));
  let computed;
  const workers = pool.size;
  try {
    computed = await computeLosses(pool, jobs, mode, signal, (cells) => {
      done += cells;
      report({ done, total, phase: 'loss' });
    });
  } finally {
    if (!options.pool) await pool.close();
  }
  const lossSeconds = (performance.now() - started) / 1000;

  // Jammer → site paths for the uplink noise rise (a handful of point-to-point calls).
  const jammerToSiteLossDb = plan.jammers.map((j, ji) =>
    plan.sites.map((s, si) => {
      const job = {
        ...jammerJobs[ji]!,
        rxHeightM: s.heightM,
        freqsMHz: [techs[si]!.ulFrequencyMHz],
        maxDistanceM: Infinity,
      };
      const out = [new Float32Array(1).fill(NaN)];
      new PointLoss(sampler, job).compute(s.lat, s.lon, out, 0);
      return out[0]![0]!;
    }),
  );

  report({ done, total, phase: 'combine' });
  const toLoss = (job: LossJob, losses: Float32Array[]): EmitterLoss => ({
    window: new Grid(job.window),
    losses,
  });
  const combined = combine({
    plan,
    grid,
    elevation,
    siteGroundM,
    jammerGroundM,
    techs,
    siteLoss: siteJobs.map((job, i) => toLoss(job, computed.losses[i]!)),
    jammerLoss: jammerJobs.map((job, i) => toLoss(job, computed.losses[siteJobs.length + i]!)),
    jammerToSiteLossDb,
  });
  if (plan.area?.kind === 'circle') maskCircle(combined.layers, grid, plan.area);

  report({ done, total, phase: 'people' });
  const sides = options.borders ? options.borders.classifyGrid(sampleGridOf(grid)) : null;
  const summary = summarise({
    plan,
    mode,
    grid,
    techs,
    sites: combined.sites,
    jammers: combined.jammers,
    layers: combined.layers,
    sides,
    ...(options.borders ? { borders: options.borders } : {}),
    ...(options.people ? { people: options.people } : {}),
    terrain: {
      path: terrain.path,
      resolutionArcSec: demArcSec,
      missingCells: load.missingCells,
      terrainMisses: computed.terrainMisses,
    },
    timing: { seconds: (performance.now() - started) / 1000, lossSeconds, cells: total, workers },
  });
  return { plan, mode, grid, elevation, ...combined, sides, summary };
}

/** Blanks every layer outside a circular area of interest. */
function maskCircle(
  layers: CombinedLayers,
  grid: Grid,
  area: { lat: number; lon: number; radiusKm: number },
): void {
  const r = area.radiusKm * 1000;
  for (let row = 0; row < grid.height; row++) {
    const lat = grid.latOf(row);
    for (let col = 0; col < grid.width; col++) {
      if (sphericalDistanceM(area.lat, area.lon, lat, grid.lonOf(col)) <= r) continue;
      const i = row * grid.width + col;
      layers.dl.data[i] = NaN;
      layers.ulMargin.data[i] = NaN;
      layers.sinr.data[i] = NaN;
      layers.bestServer.data[i] = -1;
      layers.twoWay.data[i] = maskNodata;
      layers.servedUnderJamming.data[i] = maskNodata;
    }
  }
}
