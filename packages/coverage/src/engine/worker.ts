/**
 * @module engine/worker
 * A coverage worker thread: holds a terrain sampler over shared posts and answers the methods of
 * {@link WorkerMethods}, reporting progress while it computes. Started by `WorkerPool` with tsx
 * registered, so it runs the TypeScript sources directly.
 */
import { parentPort } from 'node:worker_threads';
import { TerrainSampler } from '@tongilnet/geodata';
import { fastRows } from './kernel-fast.ts';
import { referenceRows } from './kernel-reference.ts';
import { sweepRadials } from './radial-sweep.ts';
import { transferablesOf, type WorkerReply, type WorkerRequest } from './protocol.ts';

if (!parentPort) throw new Error('engine/worker.ts must run in a worker thread');
const port = parentPort;
let sampler: TerrainSampler | null = null;

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function requireSampler(): TerrainSampler {
  if (!sampler) throw new Error('worker used before init');
  return sampler;
}

port.on('message', (request: WorkerRequest) => {
  const { id } = request;
  // Progress is batched so a fast kernel does not flood the port.
  let pending = 0;
  let last = Date.now();
  const progress = (cells: number) => {
    pending += cells;
    const now = Date.now();
    if (now - last >= 100) {
      reply({ id, kind: 'progress', cells: pending });
      pending = 0;
      last = now;
    }
  };
  try {
    let result;
    switch (request.method) {
      case 'init':
        sampler = new TerrainSampler(request.params.grids, { voids: 'nan' });
        result = { grids: request.params.grids.length };
        break;
      case 'rows': {
        const { job, row0, row1, mode } = request.params;
        const kernel = mode === 'fast' ? fastRows : referenceRows;
        result = kernel(requireSampler(), job, row0, row1, progress);
        break;
      }
      case 'sweep':
        result = sweepRadials(requireSampler(), request.params, progress);
        break;
    }
    if (pending > 0) reply({ id, kind: 'progress', cells: pending });
    reply({ id, kind: 'result', result }, transferablesOf(result));
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply({ id, kind: 'error', message: e.message, name: e.name });
  }
});
