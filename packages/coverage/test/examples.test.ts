import { fileURLToPath } from 'node:url';
import { loadBorders, requireDataFile } from '@tongilnet/geodata';
import { describe, expect, it } from 'vitest';
import { loadJammersFile, loadPlanFile } from '../src/index.ts';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

describe('examples', () => {
  it('dmz.yaml loads, with the jammers of jammers.yaml', () => {
    const plan = loadPlanFile(`${examples}dmz.yaml`);
    expect(plan.sites.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Gamaksan',
        'Dorasan',
        'Baengnyeong-do',
        'Yeonpyeong-do',
        'Gyodong-do',
      ]),
    );
    expect(plan.jammers.length).toBeGreaterThanOrEqual(5);
    expect(plan.jammers.map((j) => j.name)).toContain('Kaesong');
    for (const site of plan.sites) expect(site.powerDbm).toBeCloseTo(46.02, 2);
  });

  it('jammers.yaml loads on its own', () => {
    const jammers = loadJammersFile(`${examples}jammers.yaml`);
    for (const j of jammers) {
      expect(j.dutyCycle).toBeGreaterThan(0);
      expect(j.frequencyMHz).toBeCloseTo(942.5);
    }
  });
});

describe('examples are on the right side of the divide (geodata borders)', () => {
  it('every site is in the South, outside the DMZ (≥ 2 km from the MDL); every jammer in the North', async () => {
    const borders = await loadBorders({ nll: requireDataFile('borders/nll.geojson') });
    const plan = loadPlanFile(`${examples}dmz.yaml`);
    const sides = plan.sites.map((s) => `${s.name}: ${borders.whichSide(s.lat, s.lon)}`);
    expect(sides).toEqual(plan.sites.map((s) => `${s.name}: south`));
    for (const s of plan.sites) {
      expect(borders.mdlDistanceKm(s.lat, s.lon), s.name).toBeGreaterThanOrEqual(2);
    }
    const jammers = plan.jammers.map((j) => `${j.name}: ${borders.whichSide(j.lat, j.lon)}`);
    expect(jammers).toEqual(plan.jammers.map((j) => `${j.name}: north`));
  });
});
