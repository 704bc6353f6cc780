import { describe, expect, it } from 'vitest';
import { TR36814_SECTOR, sectorAntenna } from '../antenna/parametric.ts';
import { freeSpaceLossDb } from '../fspl/free-space-loss.ts';
import { fresnelZoneRadiusM } from '../diffraction/fresnel-zone.ts';
import { knifeEdgeLossDb } from '../diffraction/knife-edge.ts';
import { analyseLink } from './analyse-link.ts';
import { elevationAngleDeg, profileClearance } from './profile-clearance.ts';
import { summariseProfile } from './profile-summary.ts';

function terrain(lengthM: number, step: number, f: (x: number) => number) {
  const n = Math.round(lengthM / step) + 1;
  const d = Float64Array.from({ length: n }, (_, i) => i * step);
  return { distancesM: d, elevationsM: Float64Array.from(d, f) };
}

describe('profileClearance', () => {
  it('on flat ground: the bulge, the ray, F1 and the 0.6 F1 rule', () => {
    const p = terrain(10_000, 100, () => 0);
    const c = profileClearance(p, 30, 30, 900);
    const ae = (4 / 3) * 6_371_000;
    expect(c.terrainWithBulgeM[50]).toBeCloseTo((5000 * 5000) / (2 * ae), 9);
    expect(c.lineOfSightM[50]).toBe(30);
    expect(c.fresnelRadiusM[50]).toBeCloseTo(fresnelZoneRadiusM(5000, 5000, 900), 12);
    expect(c.obstructed).toBe(false);
    expect(c.minClearanceIndex).toBe(50);
    expect(c.fresnel60Clear).toBe(c.minClearanceRatio >= 0.6);
    expect(Number.isNaN(c.clearanceRatio[0])).toBe(true);
  });

  it('finds an obstruction and its ν = −√2·clearance/F1 (matches J(ν) of the knife edge)', () => {
    const p = terrain(10_000, 100, (x) => (x === 4000 ? 60 : 0));
    const c = profileClearance(p, 30, 10, 1800);
    expect(c.obstructed).toBe(true);
    expect(c.maxNuIndex).toBe(40);
    expect(c.minClearanceDistanceM).toBe(4000);
    expect(knifeEdgeLossDb(c.maxNu)).toBeGreaterThan(10);
    expect(c.samplesInFirstZone).toBeGreaterThanOrEqual(1);
  });

  it('k = ∞ (flat Earth) removes the bulge', () => {
    const p = terrain(50_000, 500, () => 0);
    const c = profileClearance(p, 10, 10, 900, { kFactor: 1000 });
    expect(c.terrainWithBulgeM[50]).toBeLessThan(0.2);
  });

  it('elevation angle includes the Earth drop d/(2a_e)', () => {
    expect(elevationAngleDeg(100, 100, 10_000)).toBeCloseTo(
      (Math.atan(-10_000 / (2 * (4 / 3) * 6_371_000)) * 180) / Math.PI,
      12,
    );
  });

  it('summarises the profile', () => {
    const p = terrain(1000, 10, (x) => x / 10);
    const s = summariseProfile(p, 30, 1.5);
    expect(s.lengthM).toBe(1000);
    expect(s.samples).toBe(101);
    expect(s.maxElevationM).toBe(100);
    expect(s.maxElevationDistanceM).toBe(1000);
    expect(s.deltaHM).toBeCloseTo(80, 9);
    expect(s.txAntennaAmslM).toBe(30);
    expect(s.rxAntennaAmslM).toBe(101.5);
  });
});

describe('analyseLink', () => {
  // A ridge 8 km out on a 25 km path, site on a 300 m hill.
  const p = terrain(25_000, 50, (x) => (x < 1000 ? 300 : x > 7500 && x < 8500 ? 180 : 40));

  it('computes every model at both frequencies and a two-way budget', () => {
    const a = analyseLink({
      profile: p,
      technology: 'lte-b8',
      site: { heightM: 30 },
      handset: { heightM: 1.5 },
    });
    expect(a.technology).toBe('lte-b8');
    expect(a.distanceM).toBe(25_000);
    expect(a.losses.downlink.frequencyMhz).toBe(942.5);
    expect(a.losses.uplink.frequencyMhz).toBe(897.5);
    expect(a.losses.downlink.freeSpaceDb).toBeCloseTo(freeSpaceLossDb(942.5, 25), 12);
    for (const l of [a.losses.downlink, a.losses.uplink]) {
      expect(l.deltaBullington.totalDb).toBeGreaterThanOrEqual(l.freeSpaceDb);
      expect(l.knifeEdge.totalDb).toBeGreaterThanOrEqual(l.freeSpaceDb);
    }
    expect(a.budget.downlink.pathLossDb).toBeCloseTo(a.losses.downlink.deltaBullington.totalDb, 12);
    expect(a.budget.uplink.pathLossDb).toBeCloseTo(a.losses.uplink.deltaBullington.totalDb, 12);
    expect(a.budgetModel).toBe('delta-bullington');
    expect(a.clearance.distancesM.length).toBe(p.distancesM.length);
    // d = 25 km is outside Hata's 1–20 km.
    expect(a.warnings).toContain("d = 25 km is outside Hata's 1–20 km");
    expect(a.budget.limitingDirection).toBe('uplink');
  });

  it('accepts an override (e.g. ITM) and labels it', () => {
    const a = analyseLink({
      profile: p,
      technology: 'gsm900',
      site: { heightM: 30 },
      pathLossOverride: { downlinkDb: 130, uplinkDb: 129, model: 'itm' },
    });
    expect(a.budgetModel).toBe('itm');
    expect(a.budget.downlink.pathLossDb).toBe(130);
    expect(a.budget.uplink.pathLossDb).toBe(129);
  });

  it('applies the site antenna pattern toward the handset', () => {
    const antenna = sectorAntenna(TR36814_SECTOR);
    const on = analyseLink({
      profile: p,
      technology: 'gsm1800',
      site: { heightM: 30, antenna, bearingDeg: 10, mount: { azimuthDeg: 10 } },
    });
    const off = analyseLink({
      profile: p,
      technology: 'gsm1800',
      site: { heightM: 30, antenna, bearingDeg: 10, mount: { azimuthDeg: 45 } },
    });
    expect(on.siteAntennaGainDbi).toBeGreaterThan(off.siteAntennaGainDbi + 2.9);
    expect(on.budget.downlink.marginDb - off.budget.downlink.marginDb).toBeCloseTo(
      on.siteAntennaGainDbi - off.siteAntennaGainDbi,
      10,
    );
    expect(() =>
      analyseLink({
        profile: p,
        technology: 'gsm1800',
        site: { heightM: 30, antenna, mount: { azimuthDeg: 45 } },
      }),
    ).toThrow(/site.bearingDeg is needed/);
  });

  it('adds P.2108 clutter at the handset end when asked', () => {
    const plain = analyseLink({ profile: p, technology: 'lte-b3', site: { heightM: 30 } });
    const urban = analyseLink({
      profile: p,
      technology: 'lte-b3',
      site: { heightM: 30 },
      clutterLocationPercent: 50,
    });
    expect(urban.losses.downlink.clutterDb).toBeGreaterThan(20);
    expect(urban.budget.downlink.pathLossDb - plain.budget.downlink.pathLossDb).toBeCloseTo(
      urban.losses.downlink.clutterDb,
      10,
    );
  });

  it('uses one frequency for TDD (NR n78)', () => {
    const a = analyseLink({ profile: p, technology: 'nr-n78', site: { heightM: 30 } });
    expect(a.losses.uplink).toBe(a.losses.downlink);
    expect(a.budget.range.option).toBe('prach-format-0');
    expect(a.budget.limitingDirection).toBe('range');
  });

  it('rejects an unknown technology with the list', () => {
    expect(() => analyseLink({ profile: p, technology: 'wimax', site: { heightM: 30 } })).toThrow(
      /valid ids: gsm900/,
    );
  });
});
