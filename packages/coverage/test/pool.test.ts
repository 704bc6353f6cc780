/**
 * Worker threads for real: tsx-registered workers load the TypeScript kernel, share the terrain,
 * report progress, transfer results, and stop promptly when the caller aborts.
 */
import { describe, expect, it } from 'vitest';
import { Grid, WorkerPool, referenceRows, type LossJob } from '../src/index.ts';
import { syntheticGrid, syntheticTerrain } from './synthetic-terrain.ts';

const box = { south: 37.8, west: 126.8, north: 38.2, east: 127.2 };

async function setup() {
  const terrain = syntheticTerrain(
    syntheticGrid(
      'hills',
      box,
      3 / 3600,
      (lat, lon) => 300 + 200 * Math.sin(lat * 90) * Math.cos(lon * 70),
    ),
  );
  await terrain.preload(box);
  const window = Grid.covering({ south: 37.9, west: 126.9, north: 38.1, east: 127.1 }, 6 / 3600);
  const job: LossJob = {
    name: 'A',
    lat: 38,
    lon: 127,
    heightM: 30,
    rxHeightM: 1.5,
    freqsMHz: [900],
    model: 'itm',
    itm: {
      climate: 5,
      N_0: 301,
      epsilon: 15,
      sigma: 0.005,
      pol: 1,
      mdvar: 2,
      time: 50,
      location: 50,
      situation: 50,
    },
    window: window.toJSON(),
    maxDistanceM: 12_000,
    profileStepM: 92.6,
  };
  return { terrain, window, job };
}

describe('WorkerPool', () => {
  it('computes what the kernel computes in this thread, with progress', async () => {
    const { terrain, window, job } = await setup();
    const pool = await WorkerPool.start(terrain.sampler().grids, 2);
    try {
      let cells = 0;
      const rows = Math.floor(window.height / 4);
      const r = await pool.call(
        'rows',
        { job, row0: 10, row1: 10 + rows, mode: 'reference' },
        { onProgress: (n) => (cells += n) },
      );
      const local = referenceRows(terrain.sampler(), job, 10, 10 + rows);
      expect(r.row0).toBe(10);
      expect(Array.from(r.losses[0]!)).toEqual(Array.from(local.losses[0]!));
      // Progress counts the cells the disc pre-filter let through; a few of them turn out to lie
      // just beyond the radius on the ellipsoid and stay empty.
      const valid = local.losses[0]!.filter((v) => !Number.isNaN(v)).length;
      expect(cells).toBeGreaterThanOrEqual(valid);
      expect(cells).toBeLessThan(valid * 1.01);
    } finally {
      await pool.close();
    }
  });

  it('an abort rejects at once with an AbortError and the pool keeps working', async () => {
    const { terrain, window, job } = await setup();
    const pool = await WorkerPool.start(terrain.sampler().grids, 1);
    try {
      const controller = new AbortController();
      const started = Date.now();
      const whole = pool.call(
        'rows',
        { job, row0: 0, row1: window.height, mode: 'reference' },
        { signal: controller.signal },
      );
      const queued = pool.call(
        'rows',
        { job, row0: 0, row1: 1, mode: 'reference' },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort('test'), 200);
      await expect(whole).rejects.toMatchObject({ name: 'AbortError' });
      await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
      expect(Date.now() - started).toBeLessThan(2000);
      const after = await pool.call('rows', { job, row0: 0, row1: 2, mode: 'reference' });
      expect(after.losses[0]!.length).toBe(2 * window.width);
    } finally {
      await pool.close();
    }
  });
});
