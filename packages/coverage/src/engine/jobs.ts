/**
 * @module engine/jobs
 * The plain-data descriptions of work that cross to worker threads: one emitter's path-loss job,
 * and the slices of it (rows for the reference mode, azimuth sectors for the fast mode).
 */
import type { ModelId } from '../plan/types.ts';
import type { GridSpec } from '../raster/grid.ts';

/** ITM's inputs other than the profile and the heights, under NTIA's names. */
export interface ItmParams {
  climate: number;
  N_0: number;
  epsilon: number;
  sigma: number;
  /** 0 horizontal, 1 vertical */
  pol: number;
  mdvar: number;
  time: number;
  location: number;
  situation: number;
}

/** Everything needed to compute one emitter's path loss to every cell of its window. */
export interface LossJob {
  /** Emitter name, for messages. */
  name: string;
  lat: number;
  lon: number;
  /** Emitter antenna height above ground, m. */
  heightM: number;
  /** Receiver (handset) height above ground, m. */
  rxHeightM: number;
  /** One raster per frequency (downlink, and uplink when it differs), MHz. */
  freqsMHz: number[];
  model: ModelId;
  itm: ItmParams;
  /** The cells to compute: a window of the output grid around the emitter. */
  window: GridSpec;
  /** Cells farther than this from the emitter are left NaN, m. */
  maxDistanceM: number;
  /** Terrain profile spacing (at most), m: the DEM's post spacing. */
  profileStepM: number;
}

/**
 * ITM's point-to-point inputs for one job's emitter over `pfl`, under NTIA's names (the frequency
 * is added by the caller or looped over by itm-shared): one place for the three kernels.
 */
export function itmInputOf<P>(job: LossJob, pfl: P) {
  return { h_tx__meter: job.heightM, h_rx__meter: job.rxHeightM, pfl, ...job.itm };
}

/** Rows [row0, row1) of a job's window: the unit of work of both modes. */
export interface RowsTask {
  job: LossJob;
  row0: number;
  row1: number;
  /** `reference`: a full profile per cell; `fast`: the same geometry from shared geodesics. */
  mode: 'reference' | 'fast';
}

/** Loss (dB) for rows [row0, row1): one array per frequency, NaN where nothing was computed. */
export interface RowsResult {
  row0: number;
  row1: number;
  losses: Float32Array[];
  /** Cells whose path left the terrain or met a void (left NaN). */
  terrainMisses: number;
  /** Fast mode: cells recomputed on the exact profile because their horizon was near a tie. */
  exactRecomputes?: number;
}

/** ITM's mdvar codes [NTIA itm, Enums.h]; +0: TLS variabilities as given. */
export const mdvarCode = {
  'single-message': 0,
  accidental: 1,
  mobile: 2,
  broadcast: 3,
} as const;
