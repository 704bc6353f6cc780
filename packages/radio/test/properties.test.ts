/**
 * Physical invariants checked on seeded random inputs (a small xorshift generator stands in for
 * fast-check, which is not a dependency): reciprocity of every terrain-diffraction method, monotonic
 * loss in distance, bounded antenna patterns, and a link budget that is linear in the loss.
 */
import { describe, expect, it } from 'vitest';
import {
  bullingtonLoss,
  deltaBullingtonLoss,
  deygoutLoss,
  dominantKnifeEdge,
  freeSpaceLossDb,
  getTechnologyPreset,
  gainTowardDbi,
  hataFamilyLoss,
  linkBudget,
  nuFromHeight,
  profileClearance,
  sectorAntenna,
  TECHNOLOGY_IDS,
} from '../src/index.ts';

/** xorshift32 in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

function randomProfile(r: () => number) {
  const n = 20 + Math.floor(r() * 300);
  const step = 20 + r() * 200;
  const d = Float64Array.from({ length: n }, (_, i) => i * step);
  let h = r() * 500;
  const e = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    h = Math.max(0, h + (r() - 0.5) * 60);
    e[i] = h;
  }
  return { distancesM: d, elevationsM: e };
}

function reversed(p: { distancesM: Float64Array; elevationsM: Float64Array }) {
  const n = p.distancesM.length;
  const total = p.distancesM[n - 1];
  return {
    distancesM: Float64Array.from({ length: n }, (_, i) => total - p.distancesM[n - 1 - i]),
    elevationsM: Float64Array.from({ length: n }, (_, i) => p.elevationsM[n - 1 - i]),
  };
}

describe('reciprocity: swapping the terminals leaves the loss unchanged', () => {
  const r = rng(20240817);
  const cases = Array.from({ length: 40 }, () => ({
    p: randomProfile(r),
    h1: 1 + r() * 60,
    h2: 1 + r() * 60,
    f: 100 + r() * 3500,
  }));

  it('knife-edge geometry (eq. 26)', () => {
    for (const c of cases) {
      const d1 = 100 + c.h1 * 100;
      const d2 = 100 + c.h2 * 100;
      expect(nuFromHeight(c.h1 - 30, d1, d2, c.f)).toBeCloseTo(
        nuFromHeight(c.h1 - 30, d2, d1, c.f),
        12,
      );
    }
  });

  it('dominant edge, Deygout, Bullington and delta-Bullington', () => {
    for (const c of cases) {
      const q = reversed(c.p);
      expect(dominantKnifeEdge(q, c.h2, c.h1, c.f).lossDb).toBeCloseTo(
        dominantKnifeEdge(c.p, c.h1, c.h2, c.f).lossDb,
        8,
      );
      expect(deygoutLoss(q, c.h2, c.h1, c.f).lossDb).toBeCloseTo(
        deygoutLoss(c.p, c.h1, c.h2, c.f).lossDb,
        8,
      );
      expect(bullingtonLoss(q, c.h2, c.h1, c.f).lossDb).toBeCloseTo(
        bullingtonLoss(c.p, c.h1, c.h2, c.f).lossDb,
        8,
      );
      expect(deltaBullingtonLoss(q, c.h2, c.h1, c.f).lossDb).toBeCloseTo(
        deltaBullingtonLoss(c.p, c.h1, c.h2, c.f).lossDb,
        6,
      );
    }
  });

  it('the minimum Fresnel clearance is the same seen from either end', () => {
    for (const c of cases) {
      const a = profileClearance(c.p, c.h1, c.h2, c.f);
      const b = profileClearance(reversed(c.p), c.h2, c.h1, c.f);
      expect(b.minClearanceRatio).toBeCloseTo(a.minClearanceRatio, 9);
    }
  });
});

describe('losses are non-negative and rise with distance', () => {
  const r = rng(7);

  it('free space and the Hata family rise with distance at any frequency', () => {
    for (let k = 0; k < 50; k += 1) {
      const f = 150 + r() * 1850;
      let prevFs = -Infinity;
      let prevHata = -Infinity;
      for (let d = 1; d <= 20; d += 1) {
        const fs = freeSpaceLossDb(f, d);
        const hata = hataFamilyLoss({
          frequencyMhz: f,
          distanceKm: d,
          baseHeightM: 30,
          mobileHeightM: 1.5,
          environment: 'urban-small',
        }).lossDb;
        expect(fs).toBeGreaterThan(prevFs);
        expect(hata).toBeGreaterThan(prevHata);
        prevFs = fs;
        prevHata = hata;
      }
    }
  });

  it('every diffraction method gives a loss ≥ 0', () => {
    for (let k = 0; k < 40; k += 1) {
      const p = randomProfile(r);
      const f = 100 + r() * 3500;
      expect(deygoutLoss(p, 20, 2, f).lossDb).toBeGreaterThanOrEqual(0);
      expect(bullingtonLoss(p, 20, 2, f).lossDb).toBeGreaterThanOrEqual(0);
      expect(deltaBullingtonLoss(p, 20, 2, f).lossDb).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('antennas and budgets', () => {
  const r = rng(99);

  it('a sector pattern never exceeds its maximum gain nor falls below G − A_m', () => {
    for (let k = 0; k < 200; k += 1) {
      const am = 15 + r() * 15;
      const s = sectorAntenna({
        maxGainDbi: 17,
        horizontalBeamwidthDeg: 30 + r() * 90,
        frontToBackDb: am,
        verticalBeamwidthDeg: 5 + r() * 10,
        electricalDowntiltDeg: r() * 10,
      });
      const g = gainTowardDbi(
        s,
        { azimuthDeg: r() * 360, mechanicalDowntiltDeg: r() * 8 },
        { bearingDeg: r() * 360, elevationDeg: (r() - 0.5) * 60 },
      );
      expect(g).toBeLessThanOrEqual(17 + 1e-12);
      expect(g).toBeGreaterThanOrEqual(17 - am - 1e-12);
    }
  });

  it('margins fall one-for-one with path loss for every preset', () => {
    for (const id of TECHNOLOGY_IDS) {
      const preset = getTechnologyPreset(id);
      const l = 100 + r() * 60;
      const a = linkBudget({
        preset,
        site: { antennaGainDbi: 15 },
        pathLoss: { downlinkDb: l, uplinkDb: l },
        distanceM: 1000,
      });
      const b = linkBudget({
        preset,
        site: { antennaGainDbi: 15 },
        pathLoss: { downlinkDb: l + 7, uplinkDb: l + 7 },
        distanceM: 1000,
      });
      expect(a.downlink.marginDb - b.downlink.marginDb).toBeCloseTo(7, 12);
      expect(a.uplink.marginDb - b.uplink.marginDb).toBeCloseTo(7, 12);
      expect(a.downlink.maxPathLossDb - l).toBeCloseTo(a.downlink.marginDb, 10);
      expect(a.uplink.maxPathLossDb - l).toBeCloseTo(a.uplink.marginDb, 10);
    }
  });
});
