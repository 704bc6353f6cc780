import { describe, expect, it } from 'vitest';
import { RingIndex } from './ring-index.ts';
import type { LabelledRing } from './ring-index.ts';

/** W. R. Franklin's PNPOLY, the textbook even–odd test, as the oracle. */
function pnpoly(coords: ArrayLike<number>, lat: number, lon: number): boolean {
  let inside = false;
  const n = coords.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = coords[2 * i];
    const yi = coords[2 * i + 1];
    const xj = coords[2 * j];
    const yj = coords[2 * j + 1];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function oracle(rings: readonly LabelledRing[], lat: number, lon: number): number {
  const parity = new Map<number, boolean>();
  for (const r of rings)
    if (pnpoly(r.coords, lat, lon)) parity.set(r.label, !(parity.get(r.label) ?? false));
  const inside = [...parity].filter(([, v]) => v).map(([k]) => k);
  return inside.length === 0 ? 0 : Math.min(...inside);
}

/**
 * Whether the point lies within float noise of a slanted edge, where two float evaluations of the
 * same zero can disagree in sign. Axis-parallel edges are exact and stay in the comparison.
 */
function nearSlantedEdge(rings: readonly LabelledRing[], lat: number, lon: number): boolean {
  for (const { coords: c } of rings) {
    const n = c.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const ax = c[2 * j],
        ay = c[2 * j + 1],
        bx = c[2 * i],
        by = c[2 * i + 1];
      if (ax === bx || ay === by) continue;
      const ex = bx - ax,
        ey = by - ay;
      const t = Math.max(0, Math.min(1, ((lon - ax) * ex + (lat - ay) * ey) / (ex * ex + ey * ey)));
      if (Math.hypot(ax + t * ex - lon, ay + t * ey - lat) < 1e-9) return true;
    }
  }
  return false;
}

/** Deterministic pseudo-random numbers (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A star-shaped ring with `n` jagged vertices on a 1e-4° lattice, like the OSM-derived data. */
function jaggedRing(
  cx: number,
  cy: number,
  radius: number,
  n: number,
  rand: () => number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = radius * (0.4 + 0.6 * rand());
    out.push(
      Math.round((cx + r * Math.cos(a)) * 1e4) / 1e4,
      Math.round((cy + r * Math.sin(a)) * 1e4) / 1e4,
    );
  }
  return out;
}

describe('RingIndex', () => {
  const rand = rng(7);
  // Two labels: label 1 is an island group with a hole (two rings), label 2 a jagged neighbour that
  // shares part of label 1's square edge exactly (like PRK and KOR along the MDL).
  const rings: LabelledRing[] = [
    { label: 1, coords: [126, 37, 127, 37, 127, 38, 126, 38] },
    { label: 1, coords: [126.2, 37.2, 126.4, 37.2, 126.4, 37.4, 126.2, 37.4] },
    { label: 2, coords: [127, 37, 127.8, 37.1, 127.5, 37.9, 127, 38, 127, 37.5] },
    { label: 1, coords: jaggedRing(126.5, 38.6, 0.4, 500, rand) },
    { label: 3, coords: jaggedRing(127.6, 38.6, 0.35, 800, rand) },
  ];
  const index = new RingIndex(rings, { cellSizeDeg: 0.05 });

  it('labels points like PNPOLY does, including a hole and shared edges', () => {
    const r = rng(11);
    for (let i = 0; i < 20000; i++) {
      const lat = 36.8 + r() * 2.4;
      const lon = 125.8 + r() * 2.4;
      expect(index.labelAt(lat, lon), `${lat},${lon}`).toBe(oracle(rings, lat, lon));
    }
    expect(index.labelAt(37.3, 126.3)).toBe(0); // in the hole
    expect(index.labelAt(37.5, 126.5)).toBe(1);
    expect(index.labelAt(37.5, 127.3)).toBe(2);
    expect(index.labelAt(10, 10)).toBe(0);
  });

  it('answers points on the data lattice (vertices on the query segment) correctly', () => {
    for (let lat = 36.9; lat < 39.1; lat += 0.0173) {
      for (let lon = 125.9; lon < 128.1; lon += 0.0131) {
        const la = Math.round(lat * 1e3) / 1e3;
        const lo = Math.round(lon * 1e3) / 1e3;
        if (nearSlantedEdge(rings, la, lo)) continue;
        expect(index.labelAt(la, lo), `${la},${lo}`).toBe(oracle(rings, la, lo));
      }
    }
  });

  it('classifies a grid like point queries, including rows through vertices', () => {
    // Rows on round latitudes hit vertices of the lattice data exactly.
    const grid = { lat0: 39.1, lon0: 125.8, dLat: 0.001, dLon: 0.0013, width: 1900, height: 2400 };
    const out = index.classifyGrid(grid);
    let mismatches = 0;
    for (let r = 0; r < grid.height; r += 23) {
      for (let c = 0; c < grid.width; c += 17) {
        const lat = grid.lat0 - r * grid.dLat;
        const lon = grid.lon0 + c * grid.dLon;
        if (nearSlantedEdge(rings, lat, lon)) continue;
        if (out[r * grid.width + c] !== oracle(rings, lat, lon)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('reuses an output buffer and rejects bad grids', () => {
    const grid = { lat0: 38, lon0: 126, dLat: 0.1, dLon: 0.1, width: 10, height: 10 };
    const buf = new Uint8Array(200).fill(9);
    expect(index.classifyGrid(grid, buf)).toBe(buf);
    expect(buf[150]).toBe(9);
    expect(() => index.classifyGrid({ ...grid, dLat: -0.1 })).toThrow(/dLat = -0.1/);
    expect(() => index.classifyGrid(grid, new Uint8Array(5))).toThrow(/out has 5 samples/);
  });

  it('rejects bad labels', () => {
    expect(() => new RingIndex([{ label: 0, coords: [0, 0, 1, 0, 1, 1] }])).toThrow(
      /ring 0: label 0/,
    );
    expect(() => new RingIndex([{ label: 40, coords: [0, 0, 1, 0, 1, 1] }])).toThrow(/1\.\.31/);
  });
});
