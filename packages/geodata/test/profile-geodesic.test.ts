import { join } from 'node:path';
import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import {
  Mosaic,
  TerrainCoverageError,
  decodeHgt,
  findDataDir,
  geodesicDirect,
  geodesicInverse,
  geodesicPath,
  itmPfl,
  openTerrain,
  profileFromSampler,
  samplePfl,
  terrainProfile,
} from '@tongilnet/geodata';
import { hgtBytes } from './terrain-fixtures.ts';

const WGS84 = geodesic.Geodesic.WGS84;

/** Geodesic distance between two points, metres (GeographicLib Inverse, the reference). */
const distance = (lat1: number, lon1: number, lat2: number, lon2: number) =>
  WGS84.Inverse(lat1, lon1, lat2, lon2).s12!;

describe('geodesicPath', () => {
  // GeodTest.dat, first cases [Karney, "Test set for geodesics", doi:10.5281/zenodo.32156]:
  // lat1 lon1 azi1 lat2 lon2 s12 (to 15 digits), as in geographiclib-geodesic's test suite.
  const geodTest = [
    [35.60777, -139.44815, 111.09874842956, -11.17491, -69.95921, 8935244.56048183],
    [55.52454, 106.05087, 22.0200598809828, 77.03196, 197.18234, 4105086.17139244],
    [-21.97856, 142.59065, -32.44456876433189, 41.84138, 98.56635, 8394328.894657671],
  ] as const;

  it('matches published geodesic distances and azimuths (GeodTest)', () => {
    for (const [lat1, lon1, azi1, lat2, lon2, s12] of geodTest) {
      const path = geodesicPath({ lat: lat1, lon: lon1 }, { lat: lat2, lon: lon2 }, 50_000);
      expect(path.distanceM).toBeCloseTo(s12, 6);
      expect(path.azimuthDeg).toBeCloseTo(azi1, 9);
      // Every point lies on the geodesic: the two legs add up to the whole.
      for (let i = 0; i <= path.nIntervals; i += 17) {
        const lat = path.lats[i]!;
        const lon = path.lons[i]!;
        expect(distance(lat1, lon1, lat, lon)).toBeCloseTo(path.distancesM[i]!, 3);
        expect(distance(lat, lon, lat2, lon2)).toBeCloseTo(s12 - path.distancesM[i]!, 3);
      }
    }
  });

  it('gives the documented Wellington–Salamanca distance (GeographicLib README)', () => {
    const path = geodesicPath({ lat: -41.32, lon: 174.81 }, { lat: 40.96, lon: -5.5 }, 100_000);
    expect(path.distanceM.toFixed(3)).toBe('19959679.267');
    expect(path.lons.every((lon) => lon >= -180 && lon <= 180)).toBe(true);
    // Longitudes beyond 180 (GeodTest writes 197.18234) come back wrapped.
    const wrapped = geodesicPath(
      { lat: 55.52454, lon: 106.05087 },
      { lat: 77.03196, lon: 197.18234 },
      1e5,
    );
    expect(wrapped.lons[wrapped.nIntervals]).toBeCloseTo(197.18234 - 360, 9);
  });

  it('solves the direct and inverse problems (GeographicLib README: 20000 km SW of Perth)', () => {
    const p = geodesicDirect({ lat: -32.06, lon: 115.74 }, 225, 20000e3);
    expect(p.lat.toFixed(8)).toBe('32.11195529');
    expect(p.lon.toFixed(8)).toBe('-63.95925278');
    const back = geodesicInverse({ lat: -41.32, lon: 174.81 }, { lat: 40.96, lon: -5.5 });
    expect(back.distanceM.toFixed(3)).toBe('19959679.267');
  });

  it('puts Pyongyang about 140 km from Panmunjom (BRIEF) and agrees with a spherical estimate', () => {
    const panmunjom = { lat: 37.9561, lon: 126.6772 };
    const pyongyang = { lat: 39.0194, lon: 125.7539 };
    const path = geodesicPath(panmunjom, pyongyang, 90);
    expect(path.distanceM / 1000).toBeGreaterThan(135);
    expect(path.distanceM / 1000).toBeLessThan(150);
    // Haversine on the mean earth radius 6371.0088 km differs from the ellipsoid by < 0.5 %.
    const rad = Math.PI / 180;
    const h =
      Math.sin(((pyongyang.lat - panmunjom.lat) * rad) / 2) ** 2 +
      Math.cos(panmunjom.lat * rad) *
        Math.cos(pyongyang.lat * rad) *
        Math.sin(((pyongyang.lon - panmunjom.lon) * rad) / 2) ** 2;
    const sphere = 2 * 6371008.8 * Math.asin(Math.sqrt(h));
    expect(Math.abs(path.distanceM - sphere) / sphere).toBeLessThan(0.005);
  });

  it('spaces points equally, ITM style: n = ceil(d / step), spacing = d / n, ends exact', () => {
    const from = { lat: 38.3, lon: 127.5 };
    const to = { lat: 38.7, lon: 127.9 };
    const path = geodesicPath(from, to, 90);
    const d = distance(from.lat, from.lon, to.lat, to.lon);
    expect(path.nIntervals).toBe(Math.ceil(d / 90));
    expect(path.spacingM).toBeCloseTo(d / path.nIntervals, 9);
    expect(path.spacingM).toBeLessThanOrEqual(90);
    expect(path.lats.length).toBe(path.nIntervals + 1);
    expect(path.distancesM[path.nIntervals]).toBeCloseTo(d, 6);
    expect([
      path.lats[0],
      path.lons[0],
      path.lats[path.nIntervals],
      path.lons[path.nIntervals],
    ]).toEqual([38.3, 127.5, 38.7, 127.9]);
    // A distance that is an exact multiple of the step is not given an extra interval.
    expect(geodesicPath(from, to, d / 7).nIntervals).toBe(7);
  });

  it('interpolates between 1 km nodes to within 5 cm of the exact geodesic', () => {
    for (const [from, to] of [
      [
        { lat: 37.95, lon: 126.67 },
        { lat: 39.03, lon: 125.75 },
      ],
      [
        { lat: 60, lon: 10 },
        { lat: 60.5, lon: 12 },
      ],
    ] as const) {
      const fast = geodesicPath(from, to, 30);
      const exact = geodesicPath(from, to, 30, { exact: true });
      let worst = 0;
      for (let i = 0; i <= fast.nIntervals; i += 7) {
        worst = Math.max(
          worst,
          distance(fast.lats[i]!, fast.lons[i]!, exact.lats[i]!, exact.lons[i]!),
        );
      }
      expect(worst).toBeLessThan(0.05);
      expect(worst).toBeGreaterThan(0); // the two really are different methods
    }
  });

  it('names bad input', () => {
    const a = { lat: 38, lon: 127 };
    expect(() => geodesicPath(a, { lat: 38.1, lon: 127 }, 0)).toThrow(
      'stepM = 0 must be a positive number of metres',
    );
    expect(() => geodesicPath(a, a, 90)).toThrow(
      'profile from 38,127 to 38,127: the points coincide',
    );
    expect(() => geodesicPath({ lat: 91, lon: 0 }, a, 90)).toThrow(
      'from = 91,0 is not a coordinate',
    );
  });
});

describe('terrain profiles', () => {
  // Two tiles holding one plane (posts every 1/1200°): z = 100 + 2400 (lon - 126) - 3600 (38 - lat).
  const plane = (r: number, c: number) => 100 + 2 * c - 3 * r;
  const planeAt = (lat: number, lon: number) => 100 + 2400 * (lon - 126) - 3600 * (38 - lat);
  const mosaic = Mosaic.fromGrids([
    decodeHgt(hgtBytes(1201, plane), 'N37E126', 'west'),
    decodeHgt(
      hgtBytes(1201, (r, c) => plane(r, c + 1200)),
      'N37E127',
      'east',
    ),
  ]);

  it('samples the terrain at every path point, across tile edges', async () => {
    const from = { lat: 37.2, lon: 126.6 };
    const to = { lat: 37.8, lon: 127.4 };
    const profile = await terrainProfile(mosaic, from, to, 90);
    expect(profile.elevationsM.length).toBe(profile.nIntervals + 1);
    for (let i = 0; i <= profile.nIntervals; i++) {
      expect(profile.elevationsM[i]).toBeCloseTo(planeAt(profile.lats[i]!, profile.lons[i]!), 6);
    }
    const again = profileFromSampler(mosaic.sampler(), from, to, 90);
    expect(Array.from(again.elevationsM)).toEqual(Array.from(profile.elevationsM));
  });

  it("lays out ITM's pfl: [n, spacing, z0..zn]", async () => {
    const profile = await terrainProfile(
      mosaic,
      { lat: 37.5, lon: 126.5 },
      { lat: 37.5, lon: 126.6 },
      100,
    );
    const pfl = itmPfl(profile);
    expect(pfl.length).toBe(profile.nIntervals + 3);
    expect(pfl[0]).toBe(profile.nIntervals);
    expect(pfl[1]).toBe(profile.spacingM);
    expect(Array.from(pfl.subarray(2))).toEqual(Array.from(profile.elevationsM));
    const reused = new Float64Array(profile.nIntervals + 3);
    expect(samplePfl(mosaic.sampler(), profile, reused)).toBe(reused);
    expect(Array.from(reused)).toEqual(Array.from(pfl));
  });

  it('names the first point of a path that leaves the coverage', async () => {
    const error = await terrainProfile(
      mosaic,
      { lat: 37.5, lon: 127.9 },
      { lat: 37.5, lon: 128.1 },
      1000,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerrainCoverageError);
    expect((error as TerrainCoverageError).lon).toBeGreaterThan(128);
    expect((error as Error).message).toMatch(
      /^37\.5\d*,128\.0\d+ is outside the terrain coverage: memory has 2 tiles/,
    );
  });

  const data = findDataDir().dir;
  it.skipIf(!data)(
    'extracts a 50 km profile from the bench transmitter on the bench terrain',
    async () => {
      const bench = await openTerrain(join(data!, 'bench-terrain'));
      const tx = { lat: 38.3, lon: 127.5 };
      const rx = WGS84.Direct(tx.lat, tx.lon, 80, 50_000); // crosses 128°E into the next tile
      const profile = await terrainProfile(bench, tx, { lat: rx.lat2!, lon: rx.lon2! }, 90);
      expect(profile.nIntervals).toBe(556);
      expect(profile.distanceM).toBeCloseTo(50_000, 3);
      expect(profile.elevationsM.every((z) => z >= 0 && z <= 1270)).toBe(true);
      expect(bench.tiles.filter((t) => t.loaded).map((t) => t.name)).toEqual([
        'N38E127',
        'N38E128',
      ]);
    },
  );
});
