/**
 * The SPLAT!-method baseline of `tongilnet bench coverage`: its radials cover the disc, each cell's
 * value is a genuine ITM call on a prefix of its radial's profile, and — the reason the fast mode
 * does not work this way — those values are not the reference's.
 */
import { dirname } from 'node:path';
import { Mosaic, geodesicPath, requireDataFile, sampleProfile } from '@tongilnet/geodata';
import { itmP2pTls } from '@tongilnet/radio';
import { describe, expect, it } from 'vitest';
import {
  Grid,
  benchmarkJob,
  perimeterCells,
  referenceRows,
  sweepRadials,
  sweepStepM,
  type SweepResult,
} from '../src/index.ts';
import { sphericalDistanceM } from '../src/engine/geometry.ts';

/** A slice's sparse result as a window of losses (NaN where it gave no value). */
function windowOf(result: SweepResult, size: number): Float32Array {
  const out = new Float32Array(size).fill(NaN);
  result.cells.forEach((i, j) => (out[i] = result.losses[0]![j]!));
  return out;
}

async function benchSampler(job: ReturnType<typeof benchmarkJob>) {
  const terrain = await Mosaic.open(dirname(requireDataFile('bench-terrain/N38E127.hgt.gz')));
  await terrain.preload(new Grid(job.window).bounds);
  return terrain.sampler();
}

describe('radial sweep (SPLAT!’s method)', () => {
  it('walks the window’s edge once, in order', () => {
    const grid = new Grid({ west: 0, north: 1, stepLon: 0.1, stepLat: 0.1, width: 7, height: 4 });
    const edges = perimeterCells(grid);
    expect(edges).toHaveLength(2 * 7 + 2 * 4 - 4);
    expect(new Set(edges.map(([c, r]) => `${c},${r}`)).size).toBe(edges.length);
    for (const [c, r] of edges) expect(c === 0 || r === 0 || c === 6 || r === 3).toBe(true);
    expect(edges[0]).toEqual([0, 0]);
    expect(edges[7]).toEqual([6, 1]);
  });

  it('reaches every cell of the disc with one ITM call on a radial prefix', async () => {
    const job = benchmarkJob(6, 3);
    const sampler = await benchSampler(job);
    const grid = new Grid(job.window);
    const edges = perimeterCells(grid).length;
    const result = sweepRadials(sampler, { job, edge0: 0, edge1: edges });
    const loss = windowOf(result, grid.size);
    let inDisc = 0;
    let reached = 0;
    for (let r = 0; r < grid.height; r++) {
      for (let c = 0; c < grid.width; c++) {
        const d = sphericalDistanceM(job.lat, job.lon, grid.latOf(r), grid.lonOf(c));
        if (d > job.maxDistanceM * 0.98) continue;
        inDisc++;
        if (!Number.isNaN(loss[r * grid.width + c]!)) reached++;
      }
    }
    expect(reached / inDisc).toBeGreaterThan(0.999);
    expect(result.evaluations).toBe(result.cells.length);

    // The first radial (to the north-west corner): its first cells' values are ITM on the prefix.
    const path = geodesicPath(job, { lat: grid.latOf(0), lon: grid.lonOf(0) }, sweepStepM(job));
    const z = sampleProfile(sampler, path);
    const seen = new Set<number>();
    let checked = 0;
    for (let k = 1; k <= path.nIntervals && checked < 5; k++) {
      const index = grid.rowAt(path.lats[k]!) * grid.width + grid.colAt(path.lons[k]!);
      if (seen.has(index)) continue;
      seen.add(index);
      const pfl = [k, path.spacingM, ...z.slice(0, k + 1)];
      const direct = itmP2pTls({
        h_tx__meter: job.heightM,
        h_rx__meter: job.rxHeightM,
        pfl,
        f__mhz: job.freqsMHz[0]!,
        ...job.itm,
      });
      expect(loss[index]).toBeCloseTo(direct.A__db!, 3);
      checked++;
    }
    expect(checked).toBe(5);
  });

  it('differs from the reference by decibels (why the fast mode keeps each cell’s own path)', async () => {
    const job = benchmarkJob(6, 3);
    const sampler = await benchSampler(job);
    const grid = new Grid(job.window);
    const sweep = windowOf(
      sweepRadials(sampler, { job, edge0: 0, edge1: perimeterCells(grid).length }),
      grid.size,
    );
    const diffs: number[] = [];
    for (let row = 0; row < grid.height; row += 5) {
      const reference = referenceRows(sampler, job, row, row + 1).losses[0]!;
      for (let c = 0; c < grid.width; c++) {
        const a = sweep[row * grid.width + c]!;
        const b = reference[c]!;
        if (!Number.isNaN(a) && !Number.isNaN(b)) diffs.push(Math.abs(a - b));
      }
    }
    diffs.sort((a, b) => a - b);
    expect(diffs.length).toBeGreaterThan(1000);
    expect(diffs[Math.floor(0.99 * diffs.length)]!).toBeGreaterThan(0.5);
  });
});
