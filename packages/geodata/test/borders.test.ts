/**
 * Known places against the real data: geo-maps land polygons (extracted to the cache on first use)
 * and the shared data's NLL. Coordinates are from public gazetteers, rounded as the issue gives them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import geodesic from 'geographiclib-geodesic';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  defaultLandSource,
  extractLand,
  findDataDir,
  loadBorders,
  loadLand,
  SIDE_CODE,
  sideOfCode,
} from '../src/index.ts';
import type { Borders } from '../src/index.ts';

const nllFile = join(findDataDir().dir ?? '/nonexistent', 'borders', 'nll.geojson');

describe.runIf(existsSync(nllFile))('borders on the real data', () => {
  let borders: Borders;
  beforeAll(async () => {
    borders = await loadBorders({ nll: nllFile });
  });

  it.each([
    ['Seoul', 37.5665, 126.978, 'south'],
    ['Pyongyang', 39.0392, 125.7625, 'north'],
    ['Kaesong', 37.97, 126.55, 'north'],
    ['Panmunjom JSA', 37.956, 126.677, 'dmz'],
    ['Cheorwon (county seat)', 38.1467, 127.3133, 'south'],
    ['Haeju', 38.04, 125.71, 'north'],
    ['Baengnyeong-do', 37.96, 124.67, 'south'],
    ['Yeonpyeong-do', 37.66, 125.7, 'south'],
    ['Gyodong-do', 37.78, 126.28, 'south'],
    ['Ganghwa-do', 37.7, 126.45, 'south'],
    ['Gamaksan', 37.94, 126.97, 'south'],
    ['Yellow Sea west of Taean', 36.8, 125.6, 'sea'],
    ['Yellow Sea off Changsan cape', 38.3, 124.3, 'sea'],
    ['East Sea off Goseong', 38.4, 128.7, 'sea'],
    ['Dandong, China', 40.13, 124.39, 'abroad'],
  ] as const)('%s (%f, %f) is %s', (_name, lat, lon, side) => {
    expect(borders.whichSide(lat, lon)).toBe(side);
  });

  it('reports the sea side by the NLL in the west and the MDL parallel in the east', () => {
    expect(borders.locate(37.5, 124.5).seaSide).toBe('south');
    expect(borders.locate(38.3, 124.3).seaSide).toBe('north');
    expect(borders.locate(37.8, 125.3).seaSide).toBe('north'); // the NLL is at 37.64N here
    expect(borders.locate(37.55, 126.1).seaSide).toBe('south');
    expect(borders.locate(37.77, 126.62).seaSide).toBe('south'); // Han estuary, below the NLL trace
    expect(borders.locate(38.8, 128.6).seaSide).toBe('north');
    expect(borders.locate(38.4, 128.7).seaSide).toBe('south');
    expect(borders.locate(37.5665, 126.978).seaSide).toBeNull();
  });

  it('derives an MDL of about the published length (237–250 km) from the Han estuary to the east coast', () => {
    expect(borders.mdl.lengthKm).toBeGreaterThan(237);
    expect(borders.mdl.lengthKm).toBeLessThan(250);
    const c = borders.mdl.coords;
    expect(c[0]).toBeCloseTo(126.67, 1);
    expect(c[c.length - 2]).toBeCloseTo(128.36, 1);
    expect(c[c.length - 1]).toBeCloseTo(38.62, 1);
    expect(borders.seaDivide.joinGapM).toBeLessThan(500);
  });

  it('puts the DMZ at 2 km: 1 km either side is dmz, 5 km south is south', () => {
    const W = geodesic.Geodesic.WGS84;
    const c = borders.mdl.coords;
    let k = 0;
    for (let i = 0; i < c.length; i += 2)
      if (Math.abs(c[i] - 127.45) < Math.abs(c[k] - 127.45)) k = i;
    const at = (azimuth: number, metres: number): [number, number] => {
      const p = W.Direct(c[k + 1], c[k], azimuth, metres);
      return [p.lat2 ?? NaN, p.lon2 ?? NaN];
    };
    const south5 = borders.locate(...at(180, 5000));
    expect(south5.side).toBe('south');
    expect(south5.mdlDistanceKm).toBeCloseTo(5, 2);
    const south1 = borders.locate(...at(180, 1000));
    expect([south1.side, south1.land]).toEqual(['dmz', 'KOR']);
    const north1 = borders.locate(...at(0, 1000));
    expect([north1.side, north1.land]).toEqual(['dmz', 'PRK']);
    expect(borders.locate(37.956, 126.677).mdlDistanceKm).toBeLessThan(0.5);
  });

  it('classifies a grid the way it classifies points', () => {
    // The western DMZ, Kaesong, Gyodong and the Han estuary at ~500 m.
    const grid = { lat0: 38.1, lon0: 126.1, dLat: 0.0045, dLon: 0.0057, width: 150, height: 110 };
    const codes = borders.classifyGrid(grid);
    const seen = new Set<number>();
    let mismatches = 0;
    for (let r = 0; r < grid.height; r++) {
      for (let c = 0; c < grid.width; c++) {
        const lat = grid.lat0 - r * grid.dLat;
        const lon = grid.lon0 + c * grid.dLon;
        const code = codes[r * grid.width + c];
        seen.add(code);
        // A sample within float noise of an edge may go either way; the two must agree elsewhere.
        const onEdge =
          borders.sideCode(lat + 1e-9, lon + 1e-9) !== borders.sideCode(lat - 1e-9, lon - 1e-9);
        if (!onEdge && code !== borders.sideCode(lat, lon)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    for (const code of [SIDE_CODE.north, SIDE_CODE.south, SIDE_CODE.dmzNorth, SIDE_CODE.dmzSouth]) {
      expect(seen).toContain(code);
    }
    expect(seen).toContain(SIDE_CODE.seaNorth);
    expect(seen).toContain(SIDE_CODE.seaSouth);
    expect(sideOfCode(SIDE_CODE.dmzSouth)).toBe('dmz');
  });

  it('marks grid samples outside the data region and refuses points there', () => {
    // Rows at 47, 46, 45N and columns at 134, 135, 136E; the region is 32..46N, 119..135E.
    const codes = borders.classifyGrid({
      lat0: 47,
      lon0: 134,
      dLat: 1,
      dLon: 1,
      width: 3,
      height: 3,
    });
    const inside = [3, 4, 6, 7];
    codes.forEach((code, i) =>
      expect(code === SIDE_CODE.outside, `sample ${i}`).toBe(!inside.includes(i)),
    );
    expect(() => borders.whichSide(51.5, -0.1)).toThrow(
      '51.5,-0.1 is outside the region the border data covers (32..46N, 119..135E)',
    );
    expect(() => borders.whichSide(Number.NaN, 127)).toThrow(/latitude NaN/);
  });
});

describe('land from the installed geo-maps file', () => {
  it('extracts, line by line, the same Korean polygons the cache holds', async () => {
    const { land } = await loadLand();
    const fresh = await extractLand(defaultLandSource(), { codes: ['PRK', 'KOR'] });
    expect(fresh.countries[0]).toEqual(land.countries[0]);
    expect(fresh.countries[1]).toEqual(land.countries[1]);
    expect(fresh.droppedHoles).toEqual({ PRK: 1083, KOR: 2070 });
    expect(land.countries.map((c) => c.code)).toEqual(['PRK', 'KOR', 'CHN', 'RUS', 'JPN']);
  });
});
