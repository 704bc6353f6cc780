/**
 * The fast mode against the reference mode on the standard benchmark terrain (a small disc, so
 * the test stays short): the same cells get values, and the losses agree within the issue's
 * bounds — |Δ| p99 ≤ 0.1 dB, max ≤ 1 dB. `tongilnet bench coverage` runs the full 50/100 km job.
 */
import { dirname } from 'node:path';
import { Mosaic, requireDataFile } from '@tongilnet/geodata';
import { describe, expect, it } from 'vitest';
import {
  Grid,
  benchmarkJob,
  fastRows,
  referenceRows,
  runCoverage,
  validatePlan,
} from '../src/index.ts';

async function benchTerrain() {
  return Mosaic.open(dirname(requireDataFile('bench-terrain/N38E127.hgt.gz')), { shared: true });
}

describe('fast mode', () => {
  it('agrees with the reference cell by cell on the benchmark terrain', async () => {
    const terrain = await benchTerrain();
    const job = benchmarkJob(12, 3);
    const window = new Grid(job.window);
    await terrain.preload(window.bounds);
    const sampler = terrain.sampler();
    const diffs: number[] = [];
    for (let row = 0; row < window.height; row += 9) {
      const fast = fastRows(sampler, job, row, row + 1).losses[0]!;
      const reference = referenceRows(sampler, job, row, row + 1).losses[0]!;
      for (let i = 0; i < fast.length; i++) {
        expect(Number.isNaN(fast[i]!), `row ${row} col ${i}`).toBe(Number.isNaN(reference[i]!));
        if (!Number.isNaN(reference[i]!)) diffs.push(Math.abs(fast[i]! - reference[i]!));
      }
    }
    diffs.sort((a, b) => a - b);
    expect(diffs.length).toBeGreaterThan(5000);
    expect(diffs[Math.floor(0.99 * diffs.length)]!).toBeLessThanOrEqual(0.1);
    expect(diffs[diffs.length - 1]!).toBeLessThanOrEqual(1);
  });

  it('runs a whole plan to the same layers as the reference mode', async () => {
    const plan = validatePlan({
      name: 'fast plan',
      technology: 'lte-b8',
      area: { centre: { lat: 38.3, lon: 127.5 }, radiusKm: 6 },
      resolutionArcSec: 6,
      maxDistanceKm: 6,
      sites: [{ name: 'A', lat: 38.3, lon: 127.5, heightM: 30, powerW: 20 }],
    });
    const terrain = await benchTerrain();
    const fast = await runCoverage(plan, { terrain, mode: 'fast', workers: 1 });
    const reference = await runCoverage(plan, { terrain, mode: 'reference', workers: 1 });
    expect(fast.summary.mode).toBe('fast');
    const a = fast.layers.dl.data;
    const b = reference.layers.dl.data;
    let worst = 0;
    let cells = 0;
    for (let i = 0; i < a.length; i++) {
      if (Number.isNaN(b[i]!)) continue;
      cells++;
      worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    }
    expect(cells).toBeGreaterThan(2000);
    expect(worst).toBeLessThanOrEqual(1);
    const twoWay = (r: typeof fast) => r.summary.layers.find((l) => l.id === 'two-way')!.areaKm2;
    expect(twoWay(fast)).toBeCloseTo(twoWay(reference), 0);
  });
});
