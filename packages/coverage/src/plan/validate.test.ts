import { describe, expect, it } from 'vitest';
import { PlanError } from './checker.ts';
import { parsePlan } from './load.ts';
import { validatePlan } from './validate.ts';

const minimal = {
  name: 'one',
  technology: 'lte-b8',
  sites: [{ name: 'A', lat: 37.9, lon: 126.9, heightM: 30, powerDbm: 43 }],
};

function issuesOf(raw: unknown): string[] {
  try {
    validatePlan(raw, { technologies: ['lte-b8', 'gsm900'] });
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    return (error as PlanError).issues.map((i) => `${i.path}: ${i.problem}`);
  }
  throw new Error('plan was accepted');
}

describe('validatePlan', () => {
  it('fills defaults', () => {
    const plan = validatePlan(minimal);
    expect(plan.model).toBe('itm');
    expect(plan.reliability).toEqual({ timePct: 50, locationPct: 50, situationPct: 50 });
    expect(plan.environment).toEqual({
      climate: 5,
      n0: 301,
      epsilon: 15,
      sigma: 0.005,
      polarization: 'vertical',
      variability: 'mobile',
    });
    expect(plan.receiver.heightM).toBe(1.5);
    expect(plan.sites[0]!.antenna).toEqual({ type: 'omni', gainDbi: 0 });
    expect(plan.sites[0]!.technology).toBe('lte-b8');
    expect(plan.jammers).toEqual([]);
    expect(plan.area).toBeUndefined();
    expect(plan.resolutionArcSec).toBeUndefined();
  });

  it('converts watts to dBm', () => {
    const plan = validatePlan({
      ...minimal,
      sites: [{ ...minimal.sites[0], powerDbm: undefined, powerW: 20 }],
    });
    expect(plan.sites[0]!.powerDbm).toBeCloseTo(43.0103, 4);
  });

  it('names the field path and the value', () => {
    const bad = {
      ...minimal,
      sites: [minimal.sites[0], minimal.sites[0], { ...minimal.sites[0], name: 'C', heightM: -5 }],
    };
    expect(issuesOf(bad)).toContain('sites[2].heightM: -5 is below 0');
    expect(issuesOf(bad)).toContain('sites[1].name: "A" repeats sites[0]');
  });

  it('reports every problem at once, with suggestions for misspelt keys', () => {
    const issues = issuesOf({
      name: 'x',
      technology: 'lte-b99',
      model: 'okumura',
      reliability: { timePct: 100 },
      area: { bbox: { south: 39, west: 126, north: 38, east: 127 } },
      sites: [{ name: 'A', lat: 95, lon: 126, heigthM: 30, powerDbm: 43, powerW: 10 }],
      jammers: [{ name: 'J', lat: 38, lon: 126, heightM: 10, powerW: 100, dutyCycle: 1.5 }],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'technology: "lte-b99" is not a known technology preset (known: lte-b8, gsm900)',
        'model: "okumura" is not one of itm, p526, fspl, hata',
        'reliability.timePct: 100 must be below 100',
        'area.bbox.north: 38 must be above south (39)',
        'sites[0].lat: 95 is above 90',
        expect.stringMatching(/^sites\[0\]\.heigthM: unknown field \(did you mean heightM\?\)/),
        'sites[0].heightM: is required',
        'sites[0].powerW: give powerDbm or powerW, not both',
        'jammers[0].frequencyMHz: is required',
        'jammers[0].dutyCycle: 1.5 is above 1',
      ]),
    );
  });

  it('rejects wrong types with the value shown', () => {
    expect(issuesOf({ ...minimal, sites: 'A' })).toEqual(['sites: must be a list, got "A"']);
    expect(issuesOf({ ...minimal, maxDistanceKm: 'far' })).toEqual([
      'maxDistanceKm: "far" is not a finite number',
    ]);
    expect(issuesOf({ ...minimal, sites: [] })).toEqual(['sites: must list at least one site']);
    expect(issuesOf([1, 2])).toEqual(['(plan): must be an object, got a list']);
  });

  it('reads area as a bbox or a centre with a radius', () => {
    expect(
      validatePlan({ ...minimal, area: { centre: { lat: 38.3, lon: 127.5 }, radiusKm: 50 } }).area,
    ).toEqual({
      kind: 'circle',
      lat: 38.3,
      lon: 127.5,
      radiusKm: 50,
    });
    expect(issuesOf({ ...minimal, area: { centre: { lat: 38.3, lon: 127.5 } } })).toEqual([
      'area.radiusKm: is required',
    ]);
  });

  it('checks sector and pattern antennas', () => {
    const plan = validatePlan(
      {
        ...minimal,
        sites: [
          { ...minimal.sites[0], antenna: { type: 'sector', beamwidthDeg: 90 }, azimuthDeg: 45 },
          { ...minimal.sites[0], name: 'B', antenna: { type: 'pattern', file: 'ant/x.msi' } },
        ],
      },
      { baseDir: '/plans' },
    );
    expect(plan.sites[0]!.antenna).toEqual({
      type: 'sector',
      gainDbi: 17,
      beamwidthDeg: 90,
      verticalBeamwidthDeg: 7,
      frontBackDb: 25,
    });
    expect(plan.sites[1]!.antenna).toEqual({ type: 'pattern', file: '/plans/ant/x.msi' });
    expect(
      issuesOf({ ...minimal, sites: [{ ...minimal.sites[0], antenna: { type: 'yagi' } }] }),
    ).toEqual(['sites[0].antenna.type: "yagi" is not one of omni, sector, pattern']);
  });
});

describe('jammer bands', () => {
  const jammer = { name: 'J', lat: 38, lon: 126.5, heightM: 20, powerW: 100 };
  it('takes a technology band for the frequency and bandwidth', () => {
    const plan = validatePlan({ ...minimal, jammers: [{ ...jammer, band: 'lte-b8' }] });
    expect(plan.jammers[0]).toMatchObject({ frequencyMHz: 942.5, bandwidthMHz: 35 });
    const ul = validatePlan({ ...minimal, jammers: [{ ...jammer, band: 'lte-b8/ul' }] });
    expect(ul.jammers[0]).toMatchObject({ frequencyMHz: 897.5, bandwidthMHz: 35 });
  });

  it('names an unknown band, and a band given twice', () => {
    expect(issuesOf({ ...minimal, jammers: [{ ...jammer, band: 'lte-b99' }] })[0]).toMatch(
      /^jammers\[0\]\.band: "lte-b99" is not a technology band/,
    );
    expect(
      issuesOf({ ...minimal, jammers: [{ ...jammer, band: 'lte-b8', frequencyMHz: 900 }] }),
    ).toEqual(['jammers[0].band: give band or frequencyMHz/bandwidthMHz, not both']);
  });
});

describe('parsePlan', () => {
  it('gives the YAML line of each problem', () => {
    const text = [
      'name: t',
      'technology: lte-b8',
      'sites:',
      '  - name: A',
      '    lat: 37.9',
      '    lon: 126.9',
      '    heightM: -5',
      '    powerDbm: 43',
      '',
    ].join('\n');
    expect(() => parsePlan(text, { file: 'p.yaml' })).toThrow(
      'p.yaml: invalid plan: sites[0].heightM: -5 is below 0 (line 7)',
    );
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => parsePlan('name: t\nsites: [\n', { file: 'p.yaml' })).toThrow(
      /^p\.yaml: invalid plan: \(syntax\): .* \(line \d\)/,
    );
  });

  it('reads JSON', () => {
    expect(parsePlan(JSON.stringify(minimal)).sites[0]!.name).toBe('A');
  });
});
