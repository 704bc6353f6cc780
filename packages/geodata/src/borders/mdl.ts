/**
 * @module borders/mdl
 * The Military Demarcation Line, derived from the land polygons: the stretch of the North's outline
 * that runs along the South's.
 *
 * In the OSM-derived data both countries' outlines follow the same boundary, mostly vertex for
 * vertex, but where a river crosses the line or the generalisation differs the two outlines part by
 * up to ~1.5 km. So: mark each vertex of a PRK ring that lies within `shareToleranceM` of a KOR ring
 * edge ("shared"); join shared vertices across stretches that stay within `bridgeToleranceM` of KOR
 * (river mouths, generalisation); keep the longest such run. The result follows PRK's outline, which
 * is within the data's 100 m resolution of the line where the outlines coincide. With the default
 * tolerances on geo-maps 0.6.0 it is one line of 243 km and 256 vertices (224 of them shared) from
 * the Imjin near its mouth in the Han estuary (126.67E 37.83N) to the east coast (128.36E 38.62N);
 * the published length of the MDL is 237–250 km.
 */

import { metresPerDegree } from './geodesy.ts';

export interface DeriveMdlOptions {
  /** A PRK vertex this close to a KOR edge lies on the shared border (default 200 m). */
  readonly shareToleranceM?: number;
  /** Gaps between shared vertices are bridged while the outline stays this close (default 1500 m). */
  readonly bridgeToleranceM?: number;
  /** Shorter runs are not the MDL (default 50 km). */
  readonly minLengthKm?: number;
}

/** The derived line and how it was found. */
export interface DerivedMdl {
  /** Flat `[lon0, lat0, lon1, lat1, …]`, west to east, degrees. */
  readonly coords: number[];
  /** Length along the line, km (local-plane sum of segment lengths). */
  readonly lengthKm: number;
  /** Vertices of the line that lie within the share tolerance (the rest were bridged). */
  readonly sharedVertices: number;
}

/**
 * Derives the MDL from the North's and the South's land rings (flat lon/lat, outer rings).
 * @throws Error when no shared border of at least `minLengthKm` exists.
 */
export function deriveMdl(
  northRings: readonly (readonly number[])[],
  southRings: readonly (readonly number[])[],
  options: DeriveMdlOptions = {},
): DerivedMdl {
  const share = options.shareToleranceM ?? 200;
  const bridge = options.bridgeToleranceM ?? 1500;
  const minLengthKm = options.minLengthKm ?? 50;
  const near = new EdgeProximity(southRings, bridge);
  let best: DerivedMdl | null = null;
  for (const ring of northRings) {
    const n = ring.length / 2;
    const dist = new Float64Array(n);
    for (let i = 0; i < n; i++) dist[i] = near.distanceM(ring[2 * i + 1], ring[2 * i]);
    // Start the walk at a vertex away from the border so no run wraps around the ring's start.
    const start = dist.findIndex((d) => d > bridge);
    if (start < 0) continue; // the whole ring hugs the South: an artefact, not a border
    let run: number[] = []; // ring indices of the current run, from its first shared vertex
    let lastShared = -1; // position in `run` of the last shared vertex
    const finish = (): void => {
      if (lastShared >= 0) {
        const candidate = measure(ring, run.slice(0, lastShared + 1), dist, share);
        if (
          candidate.lengthKm >= minLengthKm &&
          (best === null || candidate.lengthKm > best.lengthKm)
        ) {
          best = candidate;
        }
      }
      run = [];
      lastShared = -1;
    };
    for (let k = 1; k <= n; k++) {
      const i = (start + k) % n;
      if (dist[i] > bridge) {
        finish();
        continue;
      }
      if (run.length === 0 && dist[i] > share) continue; // runs begin at a shared vertex
      run.push(i);
      if (dist[i] <= share) lastShared = run.length - 1;
    }
    finish();
  }
  if (best === null) {
    throw new Error(
      `no shared land border of at least ${minLengthKm} km between the North's and the South's polygons ` +
        `(share tolerance ${share} m, bridge tolerance ${bridge} m)`,
    );
  }
  return best;
}

function measure(
  ring: readonly number[],
  indices: number[],
  dist: Float64Array,
  share: number,
): DerivedMdl {
  let coords: number[] = [];
  for (const i of indices) coords.push(ring[2 * i], ring[2 * i + 1]);
  if (coords[0] > coords[coords.length - 2]) {
    const reversed: number[] = [];
    for (let k = coords.length - 2; k >= 0; k -= 2) reversed.push(coords[k], coords[k + 1]);
    coords = reversed;
  }
  let lengthM = 0;
  for (let k = 2; k < coords.length; k += 2) {
    const { kx, ky } = metresPerDegree((coords[k + 1] + coords[k - 1]) / 2);
    lengthM += Math.hypot((coords[k] - coords[k - 2]) * kx, (coords[k + 1] - coords[k - 1]) * ky);
  }
  const sharedVertices = indices.filter((i) => dist[i] <= share).length;
  return { coords, lengthKm: lengthM / 1000, sharedVertices };
}

/** Nearest-edge distances to a set of rings, for points within `reachM`; a bucket grid of edges. */
class EdgeProximity {
  private readonly cell: number;
  private readonly buckets = new Map<number, number[]>();
  private readonly edges: number[] = []; // ax, ay, bx, by per edge

  constructor(
    rings: readonly (readonly number[])[],
    private readonly reachM: number,
  ) {
    // Cells at least as wide as the reach in both directions (longitude degrees shrink northwards;
    // 60° is far beyond Korea, so the cell is valid everywhere the model is used).
    this.cell = Math.max(reachM / metresPerDegree(60).kx, 1e-4);
    for (const ring of rings) {
      const n = ring.length / 2;
      for (let k = 0; k < n; k++) {
        const j = (k + 1) % n;
        const e = this.edges.length / 4;
        this.edges.push(ring[2 * k], ring[2 * k + 1], ring[2 * j], ring[2 * j + 1]);
        const c0 = Math.floor(Math.min(ring[2 * k], ring[2 * j]) / this.cell);
        const c1 = Math.floor(Math.max(ring[2 * k], ring[2 * j]) / this.cell);
        const r0 = Math.floor(Math.min(ring[2 * k + 1], ring[2 * j + 1]) / this.cell);
        const r1 = Math.floor(Math.max(ring[2 * k + 1], ring[2 * j + 1]) / this.cell);
        for (let r = r0; r <= r1; r++) {
          for (let c = c0; c <= c1; c++) {
            const key = r * 1_000_003 + c;
            const list = this.buckets.get(key);
            if (list === undefined) this.buckets.set(key, [e]);
            else list.push(e);
          }
        }
      }
    }
  }

  /** Distance to the nearest edge, metres, or Infinity if none is within the reach. */
  distanceM(lat: number, lon: number): number {
    const { kx, ky } = metresPerDegree(lat);
    const c = Math.floor(lon / this.cell);
    const r = Math.floor(lat / this.cell);
    let best = Infinity;
    const seen = new Set<number>();
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        for (const e of this.buckets.get((r + dr) * 1_000_003 + (c + dc)) ?? []) {
          if (seen.has(e)) continue;
          seen.add(e);
          const ax = (this.edges[4 * e] - lon) * kx;
          const ay = (this.edges[4 * e + 1] - lat) * ky;
          const ex = (this.edges[4 * e + 2] - this.edges[4 * e]) * kx;
          const ey = (this.edges[4 * e + 3] - this.edges[4 * e + 1]) * ky;
          const len2 = ex * ex + ey * ey;
          const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * ex + ay * ey) / len2)) : 0;
          best = Math.min(best, Math.hypot(ax + t * ex, ay + t * ey));
        }
      }
    }
    return best <= this.reachM ? best : Infinity;
  }
}
