/**
 * @module engine/kernel-reference
 * The reference mode: for every cell, the exact profile from the emitter to the cell centre along
 * the WGS 84 geodesic (geodata's `geodesicPath`, spacing ≤ the DEM's post spacing, bilinear
 * elevations) and a full NTIA ITM point-to-point call (radio's `itmP2pTls`) on it. No sharing
 * between cells: this is the yardstick the fast mode is measured against.
 */
import {
  geodesicInverse,
  geodesicPath,
  sampleProfile,
  type TerrainSampler,
} from '@tongilnet/geodata';
import {
  createItmResult,
  deltaBullingtonLoss,
  freeSpaceLossDb,
  hataFamilyLoss,
  itmP2pTls,
  type ItmP2pTlsInput,
} from '@tongilnet/radio';
import { Grid } from '../raster/grid.ts';
import { sphericalDistanceM } from './geometry.ts';
import { itmInputOf, type LossJob, type RowsResult } from './jobs.ts';

/** Paths shorter than this are too short for a profile; free space at this distance stands in. */
const minPathM = 1;

/** Loss from `job`'s emitter to one point, per frequency, by the job's model (NaN on failure). */
export class PointLoss {
  private pfl = new Float64Array(1024);
  private readonly result = createItmResult();
  private readonly input: ItmP2pTlsInput;
  terrainMisses = 0;

  constructor(
    private readonly sampler: TerrainSampler,
    private readonly job: LossJob,
  ) {
    this.input = { ...itmInputOf(job, this.pfl), f__mhz: job.freqsMHz[0]! };
  }

  /**
   * Writes the loss to (lat, lon) for each frequency into out[k][index]; leaves NaN beyond the
   * job's `maxDistanceM` (measured on the geodesic).
   */
  compute(lat: number, lon: number, out: Float32Array[], index: number): void {
    const job = this.job;
    if (job.model === 'fspl' || job.model === 'hata') {
      const dM = geodesicInverse({ lat: job.lat, lon: job.lon }, { lat, lon }).distanceM;
      if (dM > job.maxDistanceM) return;
      const dKm = Math.max(minPathM, dM) / 1000;
      job.freqsMHz.forEach((f, k) => {
        out[k]![index] =
          job.model === 'fspl'
            ? freeSpaceLossDb(f, dKm)
            : hataFamilyLoss({
                frequencyMhz: f,
                distanceKm: dKm,
                baseHeightM: Math.max(job.heightM, 1),
                mobileHeightM: job.rxHeightM,
                environment: 'open',
              }).lossDb;
      });
      return;
    }
    let path;
    try {
      path = geodesicPath({ lat: job.lat, lon: job.lon }, { lat, lon }, job.profileStepM);
    } catch {
      // The cell centre coincides with the emitter: free space over the minimum distance.
      job.freqsMHz.forEach((f, k) => (out[k]![index] = freeSpaceLossDb(f, minPathM / 1000)));
      return;
    }
    if (path.distanceM > job.maxDistanceM) return;
    const n = path.nIntervals;
    if (this.pfl.length < n + 3) {
      this.pfl = new Float64Array(Math.max(n + 3, 2 * this.pfl.length));
      this.input.pfl = this.pfl;
    }
    const pfl = this.pfl;
    try {
      sampleProfile(this.sampler, path, pfl, 2);
    } catch {
      this.terrainMisses++;
      for (const o of out) o[index] = NaN;
      return;
    }
    pfl[0] = n;
    pfl[1] = path.spacingM;
    if (job.model === 'p526') {
      const elevationsM = pfl.subarray(2, n + 3);
      const distancesM = new Float64Array(n + 1);
      for (let i = 0; i <= n; i++) distancesM[i] = i * path.spacingM;
      for (let k = 0; k < job.freqsMHz.length; k++) {
        const f = job.freqsMHz[k]!;
        const diffraction = deltaBullingtonLoss(
          { distancesM, elevationsM },
          job.heightM,
          job.rxHeightM,
          f,
        ).lossDb;
        out[k]![index] = freeSpaceLossDb(f, path.distanceM / 1000) + diffraction;
      }
      return;
    }
    for (let k = 0; k < job.freqsMHz.length; k++) {
      this.input.f__mhz = job.freqsMHz[k]!;
      const r = itmP2pTls(this.input, this.result);
      out[k]![index] = r.rtn >= 1000 ? NaN : r.A__db;
    }
    if (Number.isNaN(out[0]![index]!)) this.terrainMisses++;
  }
}

/**
 * Reference loss for rows [row0, row1) of the job's window; cells beyond `maxDistanceM` are NaN.
 * `onProgress(cellsDone)` is called every few hundred cells.
 */
export function referenceRows(
  sampler: TerrainSampler,
  job: LossJob,
  row0: number,
  row1: number,
  onProgress?: (cells: number) => void,
): RowsResult {
  const grid = new Grid(job.window);
  const w = grid.width;
  const losses = job.freqsMHz.map(() => new Float32Array((row1 - row0) * w).fill(NaN));
  const point = new PointLoss(sampler, job);
  let done = 0;
  for (let row = row0; row < row1; row++) {
    const lat = grid.latOf(row);
    for (let col = 0; col < w; col++) {
      const lon = grid.lonOf(col);
      // The geodesic is at most 0.5 % longer than the sphere's great circle: pre-filter loosely.
      if (sphericalDistanceM(job.lat, job.lon, lat, lon) > job.maxDistanceM * 1.006) continue;
      point.compute(lat, lon, losses, (row - row0) * w + col);
      done++;
      if (onProgress && done % 256 === 0) onProgress(256);
    }
  }
  if (onProgress) onProgress(done % 256);
  return { row0, row1, losses, terrainMisses: point.terrainMisses };
}
