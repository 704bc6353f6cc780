/**
 * @module planner/api
 * The planner's calls to `/api/planner` (apps/server/src/plugins/planner.ts), typed by what the
 * page uses. Errors carry the server's one-line message and the plan's issues.
 */
import type { CoverageSummary, PeopleCount } from '@tongilnet/coverage';

export type { CoverageSummary, PeopleCount };

export interface Info {
  terrain: { path: string; resolutionArcSec: number };
  dem: {
    tiles: string;
    tileSize: number;
    maxzoom: number;
    bounds: [number, number, number, number];
  };
  mapBox: Box;
  sidesBox: Box;
  examples: Array<{ id: string; kind: 'plan' | 'jammers'; title: string }>;
  defaultExample: string;
  technologies: Array<{
    id: string;
    name: string;
    dlMHz: number;
    ulMHz: number;
    cellRanges: string[];
  }>;
  provinces: Array<{ en: string; ko: string }>;
}

export interface Box {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** A plan in the file format (what the YAML parses to). */
export type RawPlan = Record<string, unknown> & {
  name?: string;
  technology?: string;
  sites?: RawEmitter[];
  jammers?: RawEmitter[];
};

export type RawEmitter = Record<string, unknown> & {
  name: string;
  lat: number;
  lon: number;
  heightM?: number;
  powerW?: number;
  powerDbm?: number;
  antenna?: { type: string; gainDbi?: number; beamwidthDeg?: number; frontBackDb?: number };
  azimuthDeg?: number;
  tiltDeg?: number;
  technology?: string;
  frequencyMHz?: number;
  bandwidthMHz?: number;
  dutyCycle?: number;
};

export interface Example {
  id: string;
  kind: 'plan' | 'jammers';
  title: string;
  text: string;
  raw: RawPlan;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobView {
  id: string;
  status: JobStatus;
  plan: string;
  progress: { done: number; total: number; phase: string } | null;
  elapsedS: number;
  error?: string;
  summary?: CoverageSummary;
  bounds?: Box;
  layers?: Array<{ id: string; title: string; legend: Array<{ color: number[]; label: string }> }>;
  files?: string[];
}

export interface LinkReply {
  site: string;
  technology: string;
  model: string;
  distanceKm: number;
  bearingDeg: number;
  propagation: string | null;
  budget: {
    downlink: Direction;
    uplink: Direction;
    range: { distanceM: number; maxRangeM: number; within: boolean };
    twoWay: boolean;
    limitingDirection: 'uplink' | 'downlink' | 'range' | null;
  };
  siteAntennaGainDbi: number;
  clearance: { obstructed: boolean; fresnel60Clear: boolean; minClearanceRatio: number };
  chart: { distanceKm: number[]; groundM: number[]; rayM: number[]; fresnelM: number[] };
  warnings: string[];
}

export interface Direction {
  frequencyMhz: number;
  eirpDbm: number;
  pathLossDb: number;
  metric: string;
  levelDbm: number;
  thresholdDbm: number;
  marginDb: number;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly issues: Array<{ path: string; problem: string }> = [],
  ) {
    super(message);
  }
}

const BASE = '/api/planner';

async function call<T>(path: string, init?: { method: string; body?: unknown }): Promise<T> {
  const response = await fetch(`${BASE}${path}`, {
    method: init?.method ?? 'GET',
    headers: init?.body !== undefined ? { 'content-type': 'application/json' } : {},
    body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const body = (await response.json().catch(() => ({}))) as {
    error?: string;
    issues?: ApiError['issues'];
  };
  if (!response.ok) {
    throw new ApiError(
      body.error ?? `${response.status} ${response.statusText}`,
      body.issues ?? [],
    );
  }
  return body as T;
}

export const api = {
  info: () => call<Info>('/info'),
  example: (id: string) => call<Example>(`/examples/${encodeURIComponent(id)}`),
  checkSite: (lat: number, lon: number) =>
    call<{ allowed: boolean; side: string | null; reason: string | null }>('/check-site', {
      method: 'POST',
      body: { lat, lon },
    }),
  validate: (plan: RawPlan) =>
    call<{ plan: unknown }>('/validate', { method: 'POST', body: { plan } }),
  submit: (plan: RawPlan) => call<JobView>('/jobs', { method: 'POST', body: { plan } }),
  job: (id: string) => call<JobView>(`/jobs/${id}`),
  cancel: (id: string) => call<{ cancelled: boolean }>(`/jobs/${id}`, { method: 'DELETE' }),
  link: (plan: RawPlan, site: number, lat: number, lon: number) =>
    call<LinkReply>('/link', { method: 'POST', body: { plan, site, lat, lon } }),
};

/** Live job updates (server-sent events) until the job ends. */
export function watchJob(id: string, onUpdate: (job: JobView) => void): () => void {
  const source = new EventSource(`${BASE}/jobs/${id}/events`);
  source.onmessage = (event: MessageEvent<string>) => {
    const job = JSON.parse(event.data) as JobView;
    onUpdate(job);
    if (job.status !== 'queued' && job.status !== 'running') source.close();
  };
  source.onerror = () => {
    // The stream ended (job over) or broke: ask once more so the page never hangs.
    source.close();
    void api.job(id).then(onUpdate, () => undefined);
  };
  return () => source.close();
}

export const layerUrl = (job: string, layer: string) => `${BASE}/jobs/${job}/layers/${layer}.png`;
export const fileUrl = (job: string, name: string) => `${BASE}/jobs/${job}/files/${name}`;
