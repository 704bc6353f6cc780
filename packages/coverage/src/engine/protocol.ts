/**
 * @module engine/protocol
 * The one typed message map between the engine and its worker threads (after maplibre's
 * `actor_messages.ts`): each method's params and result. Typed arrays in results travel in the
 * transfer list; terrain posts travel once, as SharedArrayBuffers, in `init`.
 */
import type { TerrainGrid } from '@tongilnet/geodata';
import type { RowsResult, RowsTask } from './jobs.ts';
import type { SweepResult, SweepTask } from './radial-sweep.ts';

export interface WorkerMethods {
  /** Hands the worker the terrain grids (their posts in shared memory). */
  init: { params: { grids: TerrainGrid[] }; result: { grids: number } };
  /** Reference mode: exact ITM on the full profile to every cell of some rows. */
  rows: { params: RowsTask; result: RowsResult };
  /** The benchmark's SPLAT!-method baseline: ITM on every prefix of some edge radials. */
  sweep: { params: SweepTask; result: SweepResult };
}

export type MethodName = keyof WorkerMethods;

export type WorkerRequest = {
  [K in MethodName]: { id: number; method: K; params: WorkerMethods[K]['params'] };
}[MethodName];

export type WorkerReply =
  | { id: number; kind: 'result'; result: WorkerMethods[MethodName]['result'] }
  | { id: number; kind: 'progress'; cells: number }
  | { id: number; kind: 'error'; message: string; name: string };

/** The ArrayBuffers inside a result, for the transfer list. */
export function transferablesOf(result: unknown): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const visit = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(result);
  return out;
}
