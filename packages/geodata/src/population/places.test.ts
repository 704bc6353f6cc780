import { describe, expect, it } from 'vitest';
import { polygonIndex } from './polygon.ts';
import { loadPlaces, nearestPlace, sumPlacesInGrid, sumPlacesInPolygon } from './places.ts';
import { GEONAMES_PLACES_SOURCE } from './source.ts';

describe('loadPlaces', () => {
  it('loads the North Korean places with a population, largest first', () => {
    const kp = loadPlaces();
    expect(kp.length).toBe(78);
    expect(kp[0].name).toBe('Pyongyang');
    expect(kp[0].population).toBeGreaterThan(3_000_000);
    expect(kp.every((p) => p.country === 'KP' && p.population >= 1)).toBe(true);
    const total = kp.reduce((s, p) => s + p.population, 0);
    expect(total).toBeGreaterThan(9_000_000); // of 24.05 M (2008 census): named places only
    expect(total).toBeLessThan(10_000_000);
    expect(loadPlaces({ minPopulation: 0 }).length).toBe(97);
  });

  it('can load the South too', () => {
    const both = loadPlaces({ countries: ['KP', 'KR'] });
    expect(both[0].name).toBe('Seoul');
    expect(both.some((p) => p.country === 'KP')).toBe(true);
  });
});

describe('population sums over places', () => {
  const kp = loadPlaces();
  // 0.1° cells over the Kaesong area: 37.5..38.4N, 126.0..127.0E.
  const grid = { lat0: 38.35, lon0: 126.05, dLat: 0.1, dLon: 0.1, width: 10, height: 9 };

  it('counts the places on selected cells and labels the source', () => {
    const all = sumPlacesInGrid(kp, grid, new Uint8Array(90).fill(1));
    expect(all.places.map((p) => p.name)).toContain('Kaesŏng');
    expect(all.source).toBe(GEONAMES_PLACES_SOURCE);
    expect(all.source.label).toMatch(/point sources count only named places/);
    const kaesong = all.places.find((p) => p.name === 'Kaesŏng');
    expect(kaesong).toBeDefined();
    // Deselect only Kaesong's cell.
    const mask = new Uint8Array(90).fill(1);
    const r = Math.round((grid.lat0 - (kaesong?.lat ?? 0)) / grid.dLat);
    const c = Math.round(((kaesong?.lon ?? 0) - grid.lon0) / grid.dLon);
    mask[r * grid.width + c] = 0;
    const without = sumPlacesInGrid(kp, grid, mask);
    expect(all.total - without.total).toBe(kaesong?.population);
    expect(sumPlacesInGrid(kp, grid, mask, (v) => v === 7).total).toBe(0);
  });

  it('rejects a mask that does not fit the grid', () => {
    expect(() => sumPlacesInGrid(kp, grid, new Uint8Array(10))).toThrow(
      'mask has 10 samples, the grid has 90',
    );
  });

  it('counts the places inside a polygon', () => {
    const box = {
      type: 'Polygon',
      coordinates: [
        [
          [126.4, 37.85],
          [126.7, 37.85],
          [126.7, 38.1],
          [126.4, 38.1],
          [126.4, 37.85],
        ],
      ],
    };
    const sum = sumPlacesInPolygon(kp, polygonIndex(box));
    expect(sum.places.map((p) => p.name)).toEqual(['Kaesŏng']);
  });
});

describe('nearestPlace', () => {
  it('finds Kaesong from Panmunjom among the North’s places, with a geodesic distance', () => {
    const hit = nearestPlace(loadPlaces(), 37.956, 126.677);
    expect(hit?.place.name).toBe('Kaesŏng');
    expect(hit?.distanceKm).toBeGreaterThan(10);
    expect(hit?.distanceKm).toBeLessThan(12);
    expect(nearestPlace([], 37.9, 126.6)).toBeNull();
  });
});
