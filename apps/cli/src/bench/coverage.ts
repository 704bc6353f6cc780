/**
 * @module bench/coverage
 * `tongilnet bench coverage [--radius 50|100] [--json]`: the standard coverage benchmark job of
 * ../shared/data/README.md — bench-terrain (nine synthetic SRTM3 tiles), a transmitter at 38.3N
 * 127.5E 30 m above ground, receiver 1.5 m, 900 MHz, vertical polarisation, ε 15, σ 0.005 S/m,
 * N₀ 301, climate 5, 50 % time / location / situation, ITM point to point along every path, a 3″
 * output grid over a disc of the given radius.
 *
 * It times the fast mode over every cell and the reference mode (exact ITM on each cell's own full
 * profile) in the same process — over every cell at 50 km, every 4th row at larger radii, with the
 * time scaled to the whole disc and said so — and prints cells per second, the distribution of
 * |fast − reference| per cell, and the process's peak resident memory. Worker start-up and terrain
 * loading are timed apart from the computation. SPLAT! and Signal-Server figures are the stated
 * constants measured on the project machine (they cannot run in this process); their method —
 * ITM on every prefix of a radial to each edge cell, first radial to reach a cell wins — is also
 * timed here on our ITM and the same workers (engine/radial-sweep), with its own agreement with
 * the reference, so the comparison holds on whatever machine runs it.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  Grid,
  WorkerPool,
  benchmarkJob,
  cellsInDisc,
  lossRaster,
  radialSweepRaster,
} from '@tongilnet/coverage';
import { Mosaic } from '@tongilnet/geodata';
import { parseBoundedNumber } from '../args.ts';
import { dataDir } from '../data.ts';
import type { Bench, BenchFigure, BenchResult } from './harness.ts';

/** Wall seconds of the established tools on the project machine (../shared/data/README.md). */
export const SPLAT_SECONDS: Record<number, number> = { 50: 8, 100: 31 };
export const SIGNAL_SERVER_SECONDS: Record<number, number> = { 50: 7.3, 100: 30 };

export interface Agreement {
  cells: number;
  p50: number;
  p99: number;
  max: number;
  over01: number;
  over1: number;
  /** Cells with a value in one mode and none in the other. */
  missing: number;
}

/** |a − b| statistics over the cells where `b` has a value. */
export function agreement(a: Float32Array, b: Float32Array): Agreement {
  const diffs: number[] = [];
  let missing = 0;
  for (let i = 0; i < b.length; i++) {
    const vb = b[i]!;
    const va = a[i]!;
    if (Number.isNaN(vb)) continue;
    if (Number.isNaN(va)) {
      missing++;
      continue;
    }
    diffs.push(Math.abs(va - vb));
  }
  diffs.sort((x, y) => x - y);
  const q = (p: number) =>
    diffs.length ? diffs[Math.min(diffs.length - 1, Math.floor(p * diffs.length))]! : NaN;
  return {
    cells: diffs.length,
    p50: q(0.5),
    p99: q(0.99),
    max: diffs.length ? diffs[diffs.length - 1]! : NaN,
    over01: diffs.filter((d) => d > 0.1).length,
    over1: diffs.filter((d) => d > 1).length,
    missing,
  };
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

export const coverageBench: Bench = {
  name: 'coverage',
  description:
    'standard coverage job (bench-terrain, 38.3N 127.5E, 900 MHz, 3″): fast vs reference',
  async run(context): Promise<BenchResult> {
    const radiusKm =
      typeof context.options.radius === 'string'
        ? parseBoundedNumber(context.options.radius, '--radius', 1, 200, 'km')
        : 50;
    const started = performance.now();
    const terrain = await Mosaic.open(
      join(dataDir({ ...(context.data ? { data: context.data } : {}) }), 'bench-terrain'),
      {
        shared: true,
      },
    );
    const job = benchmarkJob(radiusKm, terrain.resolutionArcSec);
    const window = new Grid(job.window);
    await terrain.preload(window.bounds);
    const loadSeconds = (performance.now() - started) / 1000;
    const cells = cellsInDisc(window, job.lat, job.lon, job.maxDistanceM);

    let t = performance.now();
    const pool = await WorkerPool.start(terrain.sampler().grids, availableParallelism());
    const startSeconds = (performance.now() - t) / 1000;
    try {
      t = performance.now();
      let cpu = process.cpuUsage();
      const fast = await lossRaster(pool, job, 'fast');
      const fastSeconds = (performance.now() - t) / 1000;
      const fastCpu = cpuSeconds(process.cpuUsage(cpu));
      // The process's peak so far: terrain, workers and the fast mode (the baselines come after).
      const peakMiB = process.resourceUsage().maxRSS / 1024;

      t = performance.now();
      cpu = process.cpuUsage();
      const sweep = await radialSweepRaster(pool, job);
      const sweepSeconds = (performance.now() - t) / 1000;
      const sweepCpu = cpuSeconds(process.cpuUsage(cpu));

      const stride = radiusKm <= 50 ? 1 : 4;
      t = performance.now();
      cpu = process.cpuUsage();
      const reference = await lossRaster(pool, job, 'reference', { rowStride: stride });
      const referenceSampled = (performance.now() - t) / 1000;
      const referenceCpu = cpuSeconds(process.cpuUsage(cpu));
      const refCells = reference.losses[0]!.filter((v) => !Number.isNaN(v)).length;
      const referenceSeconds = referenceSampled * (cells / Math.max(1, refCells));
      const agree = agreement(fast.losses[0]!, reference.losses[0]!);
      const sweepAgree = agreement(sweep.losses[0]!, reference.losses[0]!);

      const splat = SPLAT_SECONDS[radiusKm];
      const signalServer = SIGNAL_SERVER_SECONDS[radiusKm];
      const figures: BenchFigure[] = [
        {
          name: `fast mode, ${radiusKm} km disc, ${cells.toLocaleString('en')} cells`,
          value: fastSeconds,
          unit: 's',
          baseline: {
            name: stride > 1 ? `reference mode (every ${stride}th row, scaled)` : 'reference mode',
            value: referenceSeconds,
            unit: 's',
          },
          ratio: referenceSeconds / fastSeconds,
          note: `${pool.size} workers`,
        },
        { name: 'fast mode throughput', value: cells / fastSeconds, unit: 'cells/s' },
        { name: 'reference mode throughput', value: refCells / referenceSampled, unit: 'cells/s' },
        {
          name: 'fast mode CPU per cell',
          value: (fastCpu * 1e6) / cells,
          unit: 'µs',
          baseline: { name: 'reference mode', value: (referenceCpu * 1e6) / refCells, unit: 'µs' },
          ratio: referenceCpu / refCells / (fastCpu / cells),
          note: 'all threads; independent of other load on the machine',
        },
        {
          name: 'fast mode CPU time',
          value: fastCpu,
          unit: 's',
          note: `wall time on ${pool.size} idle cores would be about ${(fastCpu / pool.size).toFixed(1)} s`,
        },
        ...(splat !== undefined && signalServer !== undefined
          ? [
              {
                name: 'fast mode vs SPLAT! 2.0-alpha (stated)',
                value: fastSeconds,
                unit: 's',
                baseline: { name: 'SPLAT!', value: splat, unit: 's' },
                ratio: splat / fastSeconds,
                note: 'ratio > 1 = faster than SPLAT!',
              },
              {
                name: 'fast mode vs Signal-Server 3.21 (stated)',
                value: fastSeconds,
                unit: 's',
                baseline: { name: 'Signal-Server', value: signalServer, unit: 's' },
                ratio: signalServer / fastSeconds,
                note: 'ratio > 1 = faster than Signal-Server',
              },
            ]
          : []),
        {
          name: "SPLAT!'s method on our ITM, same workers",
          value: sweepSeconds,
          unit: 's',
          baseline: { name: 'fast mode', value: fastSeconds, unit: 's' },
          ratio: sweepSeconds / fastSeconds,
          note: `ratio > 1 = fast mode faster; ${sweep.evaluations.toLocaleString('en')} ITM calls on radial prefixes, CPU ${sweepCpu.toFixed(1)} s`,
        },
        {
          name: "|SPLAT!'s method − reference| p99",
          value: sweepAgree.p99,
          unit: 'dB',
          note: `max ${sweepAgree.max.toFixed(1)} dB; ${sweepAgree.over1.toLocaleString('en')} cells over 1 dB, ${sweepAgree.missing} not reached`,
        },
        { name: '|fast − reference| p50', value: agree.p50, unit: 'dB' },
        { name: '|fast − reference| p99', value: agree.p99, unit: 'dB', note: 'target ≤ 0.1 dB' },
        { name: '|fast − reference| max', value: agree.max, unit: 'dB', note: 'target ≤ 1 dB' },
        {
          name: 'cells compared',
          value: agree.cells,
          unit: 'cells',
          note: `${agree.over01} over 0.1 dB, ${agree.over1} over 1 dB, ${agree.missing} missing in fast`,
        },
        { name: 'worker start-up', value: startSeconds, unit: 's' },
        { name: 'terrain open + load', value: loadSeconds, unit: 's' },
        {
          name: 'peak resident memory',
          value: peakMiB,
          unit: 'MiB',
          note: 'the process, up to the end of the fast mode',
        },
      ];
      return { bench: 'coverage', figures };
    } finally {
      await pool.close();
    }
  },
};
