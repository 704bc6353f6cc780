/**
 * @module planner/jobs
 * Coverage jobs for the web planner. A job runs the coverage engine (worker threads) on a
 * validated plan, reports its progress to whoever listens, can be cancelled, and leaves its
 * results as files: everything `tongilnet plan` writes (GeoTIFF, PNG maps, KMZ, GeoJSON contours,
 * summary.json) plus one overlay PNG per layer for the map, resampled to Mercator rows.
 *
 * One job runs at a time — the engine already uses every core — and the rest wait in order.
 * Finished jobs beyond `keep` are forgotten and their files deleted.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RgbaImage,
  encodePng,
  legendEntries,
  outputLayers,
  placesCounter,
  renderOverlay,
  runCoverage,
  writeOutputs,
  type CoverageSummary,
  type EngineMode,
  type Plan,
  type Progress,
} from '@tongilnet/coverage';
import { toMercatorRows } from './mercator.ts';
import type { PlannerData } from './data.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobLayer {
  /** File stem (`two-way`). */
  id: string;
  title: string;
  /** `[r, g, b, a]` and text per legend row. */
  legend: Array<{ color: readonly number[]; label: string }>;
}

/** What the page sees of a job. */
export interface JobView {
  id: string;
  status: JobStatus;
  plan: string;
  progress: Progress | null;
  /** Seconds since the job started running. */
  elapsedS: number;
  error?: string;
  summary?: CoverageSummary;
  bounds?: { south: number; west: number; north: number; east: number };
  layers?: JobLayer[];
  /** Files to download (names under /jobs/:id/files/). */
  files?: string[];
}

interface Job {
  id: string;
  plan: Plan;
  status: JobStatus;
  progress: Progress | null;
  startedMs: number;
  finishedMs: number;
  error?: string;
  summary?: CoverageSummary;
  bounds?: JobView['bounds'];
  layers?: JobLayer[];
  files?: string[];
  dir: string;
  controller: AbortController;
  listeners: Set<(view: JobView) => void>;
}

/** Files a job offers for download, besides the per-layer GeoTIFFs and maps. */
const EXPORTS = ['summary.json', 'plan.json', 'coverage.kmz', 'contours.geojson'];

export class JobManager {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  private readonly root: string;
  private closed = false;

  constructor(
    private readonly data: PlannerData,
    private readonly options: { mode?: EngineMode; workers?: number; keep?: number } = {},
  ) {
    const base = data.options.outDir;
    if (base) mkdirSync(base, { recursive: true });
    this.root = mkdtempSync(join(base ?? tmpdir(), 'tongilnet-planner-'));
  }

  /** Queues a job for a validated plan. */
  submit(plan: Plan): JobView {
    if (this.closed) throw new Error('the planner is shutting down');
    const id = randomBytes(12).toString('hex');
    const job: Job = {
      id,
      plan,
      status: 'queued',
      progress: null,
      startedMs: 0,
      finishedMs: 0,
      dir: join(this.root, id),
      controller: new AbortController(),
      listeners: new Set(),
    };
    this.jobs.set(id, job);
    this.queue.push(job);
    this.next();
    return this.view(job);
  }

  get(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    return job && this.view(job);
  }

  /** The directory holding a finished job's files. */
  dirOf(id: string): string | undefined {
    const job = this.jobs.get(id);
    return job?.status === 'done' ? job.dir : undefined;
  }

  /** Calls `listener` with every change of the job until it ends; returns the unsubscriber. */
  listen(id: string, listener: (view: JobView) => void): () => void {
    const job = this.jobs.get(id);
    if (!job) return () => undefined;
    job.listeners.add(listener);
    return () => job.listeners.delete(listener);
  }

  /** Cancels a queued or running job. Returns false when it had already ended. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return false;
    if (job.status === 'queued') {
      this.queue.splice(this.queue.indexOf(job), 1);
      this.finish(job, 'cancelled');
    } else {
      job.controller.abort(new Error('cancelled'));
    }
    return true;
  }

  /** Cancels everything and deletes every job's files. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.queue]) this.cancel(job.id);
    const running = this.running;
    if (running) {
      running.controller.abort(new Error('server closing'));
      await new Promise<void>((done) => {
        const check = () => (this.running ? setTimeout(check, 20) : done());
        check();
      });
    }
    rmSync(this.root, { recursive: true, force: true });
  }

  private view(job: Job): JobView {
    const end = job.finishedMs || Date.now();
    return {
      id: job.id,
      status: job.status,
      plan: job.plan.name,
      progress: job.progress,
      elapsedS: job.startedMs ? Math.round((end - job.startedMs) / 100) / 10 : 0,
      ...(job.error !== undefined ? { error: job.error } : {}),
      ...(job.summary ? { summary: job.summary } : {}),
      ...(job.bounds ? { bounds: job.bounds } : {}),
      ...(job.layers ? { layers: job.layers } : {}),
      ...(job.files ? { files: job.files } : {}),
    };
  }

  private emit(job: Job): void {
    const view = this.view(job);
    for (const listener of job.listeners) listener(view);
  }

  private finish(job: Job, status: JobStatus, error?: string): void {
    job.status = status;
    job.finishedMs = Date.now();
    if (error !== undefined) job.error = error;
    this.emit(job);
    job.listeners.clear();
    this.forgetOld();
  }

  private forgetOld(): void {
    const keep = this.options.keep ?? 10;
    const ended = [...this.jobs.values()].filter(
      (j) => j.status !== 'queued' && j.status !== 'running',
    );
    for (const job of ended.slice(0, Math.max(0, ended.length - keep))) {
      this.jobs.delete(job.id);
      rmSync(job.dir, { recursive: true, force: true });
    }
  }

  private next(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    job.status = 'running';
    job.startedMs = Date.now();
    this.emit(job);
    this.run(job)
      .then(() => this.finish(job, 'done'))
      .catch((error: unknown) => {
        if (job.controller.signal.aborted) this.finish(job, 'cancelled');
        else this.finish(job, 'failed', error instanceof Error ? error.message : String(error));
      })
      .finally(() => {
        this.running = undefined;
        this.next();
      });
  }

  private async run(job: Job): Promise<void> {
    const { data } = this;
    let lastEmit = 0;
    const result = await runCoverage(job.plan, {
      terrain: data.terrain,
      // The engine's default mode unless the server was told otherwise.
      ...(this.options.mode ? { mode: this.options.mode } : {}),
      ...(this.options.workers !== undefined ? { workers: this.options.workers } : {}),
      signal: job.controller.signal,
      borders: data.borders,
      people: placesCounter(data.northPlaces),
      onProgress: (progress) => {
        job.progress = progress;
        const now = Date.now();
        // A few updates a second are plenty for a progress bar.
        if (now - lastEmit > 200 || progress.done === progress.total) {
          lastEmit = now;
          this.emit(job);
        }
      },
    });
    job.controller.signal.throwIfAborted();
    mkdirSync(job.dir, { recursive: true });
    writeOutputs(result, job.dir, { borders: data.borders });
    mkdirSync(join(job.dir, 'web'), { recursive: true });
    const layers: JobLayer[] = [];
    const files = [...EXPORTS];
    const { north, south } = result.grid.bounds;
    for (const layer of outputLayers(result)) {
      const image = renderOverlay(layer.raster, layer.style);
      const height = Math.min(4096, image.height * 4);
      const mercator = new RgbaImage(image.width, height);
      mercator.data.set(
        toMercatorRows(image.data, image.width, image.height, north, south, height),
      );
      writeFileSync(join(job.dir, 'web', `${layer.id}.png`), encodePng(mercator));
      layers.push({
        id: layer.id,
        title: layer.title,
        legend: legendEntries(layer.style).map((e) => ({ color: [...e.color], label: e.label })),
      });
      files.push(`${layer.id}.tif`, `${layer.id}.png`);
    }
    job.summary = result.summary;
    job.bounds = result.grid.bounds;
    job.layers = layers;
    job.files = files;
  }
}
