/**
 * @module bench/profile
 * `tongilnet bench profile`: terrain profiles per second and the memory of the 3×3 bench mosaic.
 *
 * The job: 50 km profiles at ≤ 90 m spacing (556 intervals) from the standard bench transmitter
 * (38.3N 127.5E) on 360 azimuths over the nine SRTM3 bench tiles. Ours solves the geodesic once per
 * profile (exact positions at ≤ 1 km nodes, linear between) and samples the loaded Int16 grids through
 * the synchronous sampler. The baseline, in the same process, is the naive way: a geodesic Direct
 * problem per point and a per-point tile lookup by name with bilinear reads from the raw big-endian
 * file bytes.
 *
 * Memory: the mosaic is opened and preloaded with the garbage collector run before and after, so the
 * figures are what the nine tiles hold (posts: 9 × 1201² × 2 bytes ≈ 26 MB), not decoding garbage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import {
  findDataDir,
  geodesicDirect,
  geodesicInverse,
  geodesicPath,
  openTerrain,
  sampleProfile,
  type TerrainSampler,
} from '@tongilnet/geodata';
import { UserError } from '../errors.ts';
import { measure, type Bench, type BenchResult } from './harness.ts';

const TX = { lat: 38.3, lon: 127.5 };
const RANGE_M = 50_000;
const STEP_M = 90;
const AZIMUTHS = 360;
const MB = 1024 * 1024;

/**
 * Full garbage collections around a pause (buffers are released by finalizers on a later tick), so
 * memory figures are live data only. V8's --expose_gc is set at run time.
 */
async function collect(): Promise<void> {
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
}

/** Ends of the 360 radials, 50 km out. */
function radialEnds(): { lat: number; lon: number }[] {
  return Array.from({ length: AZIMUTHS }, (_, az) => geodesicDirect(TX, az, RANGE_M));
}

/**
 * The naive baseline: raw `.hgt` bytes per tile (gunzipped, still big-endian), a Map lookup by tile
 * name per point, a geodesic Direct per point, bilinear through a DataView.
 */
class NaiveProfiler {
  private readonly tiles = new Map<string, DataView>();

  constructor(dir: string) {
    for (const lat of [37, 38, 39]) {
      for (const lon of [126, 127, 128]) {
        const name = `N${lat}E${lon}`;
        const bytes = gunzipSync(readFileSync(join(dir, `${name}.hgt.gz`)));
        this.tiles.set(name, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      }
    }
  }

  elevation(lat: number, lon: number): number {
    const la = Math.floor(lat);
    const lo = Math.floor(lon);
    const view = this.tiles.get(`N${la}E${lo}`);
    if (!view) throw new RangeError(`no tile for ${lat},${lon}`);
    const x = (lon - lo) * 1200;
    const y = (la + 1 - lat) * 1200;
    const c = Math.min(Math.floor(x), 1199);
    const r = Math.min(Math.floor(y), 1199);
    const fx = x - c;
    const fy = y - r;
    const at = (row: number, col: number) => view.getInt16((row * 1201 + col) * 2, false);
    const north = at(r, c) * (1 - fx) + at(r, c + 1) * fx;
    const south = at(r + 1, c) * (1 - fx) + at(r + 1, c + 1) * fx;
    return north * (1 - fy) + south * fy;
  }

  profile(to: { lat: number; lon: number }): Float64Array {
    const inv = geodesicInverse(TX, to);
    const n = Math.ceil(inv.distanceM / STEP_M);
    const out = new Float64Array(n + 1);
    for (let i = 0; i <= n; i++) {
      const p = geodesicDirect(TX, inv.azimuth1Deg, (i * inv.distanceM) / n);
      out[i] = this.elevation(p.lat, p.lon);
    }
    return out;
  }
}

function oursProfile(sampler: TerrainSampler, to: { lat: number; lon: number }, exact: boolean) {
  return sampleProfile(sampler, geodesicPath(TX, to, STEP_M, { exact }));
}

export const profileBench: Bench = {
  name: 'profile',
  description: '50 km terrain profiles at 90 m on the 3×3 bench mosaic, and its memory',
  async run(context): Promise<BenchResult> {
    const data = findDataDir(context.data);
    if (!data.dir) {
      throw new UserError(
        `no data directory (looked in ${data.tried.join(', ')}); pass --data DIR`,
      );
    }
    const dir = join(data.dir, 'bench-terrain');

    await collect();
    const before = process.memoryUsage();
    const started = process.hrtime.bigint();
    const mosaic = await openTerrain(dir);
    await mosaic.preload(mosaic.bounds);
    const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
    await collect();
    const after = process.memoryUsage();
    const sampler = mosaic.sampler();

    const ends = radialEnds();
    const naive = new NaiveProfiler(dir);
    // Same answers first: the two methods must agree before their speeds mean anything.
    let worst = 0;
    for (let az = 0; az < AZIMUTHS; az += 15) {
      const a = oursProfile(sampler, ends[az]!, false);
      const b = naive.profile(ends[az]!);
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    }

    let k = 0;
    const ours = measure(() => void oursProfile(sampler, ends[k++ % AZIMUTHS]!, false));
    const exact = measure(() => void oursProfile(sampler, ends[k++ % AZIMUTHS]!, true));
    const baseline = measure(() => void naive.profile(ends[k++ % AZIMUTHS]!));
    const paths = ends.map((e) => geodesicPath(TX, e, STEP_M));
    const out = new Float64Array(paths[0]!.nIntervals + 1);
    const sampleOnly = measure(() => void sampleProfile(sampler, paths[k++ % AZIMUTHS]!, out));
    const points = paths[0]!.nIntervals + 1;

    const base = {
      name: 'per-point Direct + per-point tile lookup',
      value: baseline.opsPerSecond,
      unit: 'profiles/s',
    };
    return {
      bench: `profile: ${AZIMUTHS} radials × ${RANGE_M / 1000} km at ≤ ${STEP_M} m (${points} points) on ${dir}`,
      figures: [
        {
          name: 'profiles (geodesic + sampling)',
          value: ours.opsPerSecond,
          unit: 'profiles/s',
          baseline: base,
          ratio: ours.opsPerSecond / baseline.opsPerSecond,
          note: `max |Δz| against the baseline ${worst.toFixed(3)} m`,
        },
        {
          name: 'profiles, exact geodesic at every point',
          value: exact.opsPerSecond,
          unit: 'profiles/s',
          baseline: base,
          ratio: exact.opsPerSecond / baseline.opsPerSecond,
        },
        {
          name: 'sampling only (path precomputed)',
          value: sampleOnly.opsPerSecond * points,
          unit: 'points/s',
          note: `${(1e9 / (sampleOnly.opsPerSecond * points)).toFixed(1)} ns per bilinear sample`,
        },
        { name: 'load 9 gzip’d SRTM3 tiles', value: loadMs, unit: 'ms' },
        {
          name: 'terrain cache (posts held)',
          value: mosaic.cacheBytes / MB,
          unit: 'MiB',
          note: `bound ${(mosaic.maxCacheBytes / MB).toFixed(0)} MiB`,
        },
        {
          name: 'array buffers after preload',
          value: (after.arrayBuffers - before.arrayBuffers) / MB,
          unit: 'MiB',
          note: 'growth after a full GC',
        },
        {
          name: 'heap used after preload',
          value: (after.heapUsed - before.heapUsed) / MB,
          unit: 'MiB',
          note: 'growth after a full GC',
        },
        {
          name: 'RSS after preload',
          value: after.rss / MB,
          unit: 'MiB',
          note: `grew ${((after.rss - before.rss) / MB).toFixed(1)} MiB over the process before opening`,
        },
      ],
    };
  },
};
