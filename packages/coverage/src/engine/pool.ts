/**
 * @module engine/pool
 * A pool of worker threads running engine/worker.ts. Calls are typed by {@link WorkerMethods};
 * results come back through transfer lists (no copies); terrain is shared memory. An AbortSignal
 * cancels a call: queued calls are dropped and a running one's worker is terminated and replaced,
 * so Ctrl-C stops within milliseconds instead of waiting for a slice to finish.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TerrainGrid } from '@tongilnet/geodata';
import type { MethodName, WorkerMethods, WorkerReply, WorkerRequest } from './protocol.ts';
import { workerScriptUrl } from './worker-bundle.ts';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (cells: number) => void;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  /** The id of the call it runs, if any. */
  current: number | null;
}

interface Queued {
  request: WorkerRequest;
  pending: Pending;
  signal?: AbortSignal;
}

/** An Error with name 'AbortError', as fetch and timers use. */
export function abortError(reason?: unknown): Error {
  const e = new Error(typeof reason === 'string' ? reason : 'the coverage job was cancelled');
  e.name = 'AbortError';
  return e;
}

/** Shared copies of terrain grids (once per job), so every worker reads the same posts. */
export function shareGrids(grids: readonly TerrainGrid[]): TerrainGrid[] {
  return grids.map((g) => {
    if (g.data.buffer instanceof SharedArrayBuffer) return g;
    const shared = new SharedArrayBuffer(g.data.byteLength);
    const data = g.data instanceof Int16Array ? new Int16Array(shared) : new Float32Array(shared);
    data.set(g.data);
    return { ...g, bounds: { ...g.bounds }, data };
  });
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(private readonly grids: TerrainGrid[]) {}

  /** Starts `size` workers (default: one per core) and hands each the terrain. */
  static async start(
    grids: readonly TerrainGrid[],
    size = availableParallelism(),
  ): Promise<WorkerPool> {
    const pool = new WorkerPool(shareGrids(grids));
    const n = Math.max(1, Math.floor(size));
    await Promise.all(Array.from({ length: n }, () => pool.addWorker()));
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  private async addWorker(): Promise<void> {
    const worker = new Worker(await workerScriptUrl(), {
      // The `web-worker` polyfill (pulled in through geotiff) runs at import in any worker thread
      // and destructures workerData; an object without its `mod` key makes it stand aside.
      workerData: { role: 'tongilnet-coverage' },
    });
    const slot: Slot = { worker, busy: true, current: null };
    this.slots.push(slot);
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on('error', (error) => this.onCrash(slot, error));
    const id = this.nextId++;
    await new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.current = id;
      const request: WorkerRequest = { id, method: 'init', params: { grids: this.grids } };
      worker.postMessage(request);
    });
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    if (reply.kind === 'progress') {
      p.onProgress?.(reply.cells);
      return;
    }
    this.pending.delete(reply.id);
    this.unwatch(reply.id);
    slot.busy = false;
    slot.current = null;
    if (reply.kind === 'result') p.resolve(reply.result);
    else {
      const e = new Error(reply.message);
      e.name = reply.name;
      p.reject(e);
    }
    this.pump();
  }

  private onCrash(slot: Slot, error: Error): void {
    if (slot.current !== null) {
      const p = this.pending.get(slot.current);
      this.pending.delete(slot.current);
      p?.reject(new Error(`coverage worker failed: ${error.message}`, { cause: error }));
    }
    this.replace(slot);
  }

  /** Terminates a slot's worker and starts a fresh one in its place (after a crash or abort). */
  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
    if (!this.closed) {
      this.addWorker().then(
        () => this.pump(),
        () => undefined,
      );
    }
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const next = this.queue.shift();
      if (!next) return;
      if (next.signal?.aborted) {
        next.pending.reject(abortError(next.signal.reason));
        continue;
      }
      slot.busy = true;
      slot.current = next.request.id;
      this.pending.set(next.request.id, next.pending);
      slot.worker.postMessage(next.request);
    }
  }

  /** Runs `method` on the next free worker. */
  call<K extends MethodName>(
    method: K,
    params: WorkerMethods[K]['params'],
    options: { signal?: AbortSignal; onProgress?: (cells: number) => void } = {},
  ): Promise<WorkerMethods[K]['result']> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.reject(abortError(signal.reason));
    const id = this.nextId++;
    return new Promise<WorkerMethods[K]['result']>((resolve, reject) => {
      const pending: Pending = {
        resolve: resolve as (v: unknown) => void,
        reject,
        ...(onProgress ? { onProgress } : {}),
      };
      const request = { id, method, params } as WorkerRequest;
      this.queue.push({ request, pending, ...(signal ? { signal } : {}) });
      if (signal) this.watch(signal, id, reject);
      this.pump();
    });
  }

  /** Calls waiting on each signal; one listener per signal however many calls share it. */
  private readonly watched = new Map<
    AbortSignal,
    { calls: Map<number, (error: Error) => void>; listener: () => void }
  >();

  private watch(signal: AbortSignal, id: number, reject: (error: Error) => void): void {
    let entry = this.watched.get(signal);
    if (!entry) {
      const calls = new Map<number, (error: Error) => void>();
      const listener = () => {
        this.watched.delete(signal);
        for (const [callId, rejectCall] of calls) this.cancel(callId, rejectCall, signal);
      };
      entry = { calls, listener };
      this.watched.set(signal, entry);
      signal.addEventListener('abort', listener, { once: true });
    }
    entry.calls.set(id, reject);
  }

  private unwatch(id: number): void {
    for (const [signal, entry] of this.watched) {
      if (entry.calls.delete(id) && entry.calls.size === 0) {
        signal.removeEventListener('abort', entry.listener);
        this.watched.delete(signal);
      }
    }
  }

  /** Drops a queued call, or stops the worker running it. */
  private cancel(id: number, reject: (error: Error) => void, signal: AbortSignal): void {
    const q = this.queue.findIndex((e) => e.request.id === id);
    if (q >= 0) {
      this.queue.splice(q, 1);
      reject(abortError(signal.reason));
      return;
    }
    const slot = this.slots.find((s) => s.current === id);
    if (slot && this.pending.has(id)) {
      this.pending.delete(id);
      reject(abortError(signal.reason));
      this.replace(slot);
    }
  }

  /** Stops every worker; calls still queued are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.pending.reject(new Error('the worker pool was closed'));
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new Error('the worker pool was closed'));
    }
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
