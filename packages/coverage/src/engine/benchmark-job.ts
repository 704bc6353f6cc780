/**
 * @module engine/benchmark-job
 * The standard coverage benchmark job of ../shared/data/README.md, defined once for the benchmark
 * command and the tests that compare the fast and reference modes on it: a transmitter at 38.3N
 * 127.5E, 30 m above ground, receiver 1.5 m, 900 MHz, vertical polarisation, ground ε 15 σ 0.005 S/m,
 * N₀ 301, climate 5, 50 % time / location / situation, a 3″ output grid over a disc.
 */
import { Grid } from '../raster/grid.ts';
import type { LossJob } from './jobs.ts';
import { discBox, profileStepFor } from './run.ts';

export const BENCHMARK_SITE = { lat: 38.3, lon: 127.5 } as const;

/** The benchmark's loss job over a disc of `radiusKm`, profiles spaced one post of a `demArcSec` DEM. */
export function benchmarkJob(radiusKm: number, demArcSec: number): LossJob {
  const window = Grid.covering(discBox(BENCHMARK_SITE.lat, BENCHMARK_SITE.lon, radiusKm), 3 / 3600);
  return {
    name: 'bench',
    ...BENCHMARK_SITE,
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
    maxDistanceM: radiusKm * 1000,
    profileStepM: profileStepFor(demArcSec),
  };
}
