import { describe, expect, it } from 'vitest';
import { polygonIndex } from './polygon.ts';

const ring = (w: number, s: number, e: number, n: number): number[][] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

describe('polygonIndex', () => {
  it('keeps holes as holes and reads Features and FeatureCollections', () => {
    const donut = {
      type: 'Polygon',
      coordinates: [ring(126, 37, 127, 38), ring(126.4, 37.4, 126.6, 37.6)],
    };
    const idx = polygonIndex({ type: 'Feature', geometry: donut, properties: {} });
    expect(idx.labelAt(37.2, 126.2)).toBe(1);
    expect(idx.labelAt(37.5, 126.5)).toBe(0);
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } },
        {
          type: 'Feature',
          geometry: { type: 'MultiPolygon', coordinates: [[ring(128, 36, 129, 37)]] },
        },
      ],
    };
    expect(polygonIndex(fc).labelAt(36.5, 128.5)).toBe(1);
  });

  it('names the place and the part that is wrong', () => {
    expect(() => polygonIndex({ type: 'LineString', coordinates: [] }, 'area.geojson')).toThrow(
      'area.geojson: the geometry is LineString, not a Polygon or MultiPolygon',
    );
    expect(() =>
      polygonIndex(
        {
          type: 'Polygon',
          coordinates: [
            [
              [126, 37],
              [127, 37],
              ['x', 38],
              [126, 37],
            ],
          ],
        },
        'a',
      ),
    ).toThrow('a: the geometry polygon 0 ring 0 position 2 is not [lon, lat] in degrees');
  });
});
