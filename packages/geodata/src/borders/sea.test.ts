import { describe, expect, it } from 'vitest';
import { RingIndex } from './ring-index.ts';
import { buildSeaDivide, parseLineString } from './sea.ts';

const line = {
  type: 'LineString',
  coordinates: [
    [126.0, 37.7],
    [125.0, 37.6],
    [124.0, 38.0],
  ],
};

describe('parseLineString', () => {
  it('accepts a FeatureCollection, a Feature or a bare geometry, and returns it west to east', () => {
    const expected = [124.0, 38.0, 125.0, 37.6, 126.0, 37.7];
    expect(parseLineString(line, 'x')).toEqual(expected);
    expect(parseLineString({ type: 'Feature', geometry: line, properties: {} }, 'x')).toEqual(
      expected,
    );
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: line }] };
    expect(parseLineString(fc, 'x')).toEqual(expected);
  });

  it('names the place and the field that is wrong', () => {
    expect(() =>
      parseLineString({ type: 'FeatureCollection', features: [] }, 'nll.geojson'),
    ).toThrow('nll.geojson: expected exactly one LineString feature, found 0');
    expect(() => parseLineString({ type: 'Point', coordinates: [1, 2] }, 'nll')).toThrow(
      /Point is not LineString/,
    );
    expect(() =>
      parseLineString(
        {
          type: 'LineString',
          coordinates: [
            [1, 2],
            [1, 95],
          ],
        },
        'nll',
      ),
    ).toThrow('nll: coordinates[1] = [1,95] is not a [lon, lat] position in degrees');
  });
});

describe('buildSeaDivide', () => {
  const nll = parseLineString(line, 'nll');
  const mdl = [126.001, 37.7005, 127.0, 38.0, 128.0, 38.5];

  it('joins the NLL to the MDL and closes the north polygon', () => {
    const divide = buildSeaDivide(nll, mdl);
    expect(divide.joinGapM).toBeLessThan(150);
    const north = new RingIndex([{ label: 1, coords: divide.northRing }], { cellSizeDeg: 0.1 });
    expect(north.labelAt(38.0, 125.0)).toBe(1); // north of the NLL
    expect(north.labelAt(37.5, 125.0)).toBe(0);
    expect(north.labelAt(38.1, 123.0)).toBe(1); // west of the NLL: the parallel of its end (38.0)
    expect(north.labelAt(37.9, 123.0)).toBe(0);
    expect(north.labelAt(38.6, 129.0)).toBe(1); // east: the parallel of the MDL's end (38.5)
    expect(north.labelAt(38.4, 129.0)).toBe(0);
  });

  it('refuses an NLL that does not meet the MDL', () => {
    expect(() => buildSeaDivide(nll, [127.0, 38.0, 128.0, 38.5])).toThrow(
      /is 94\.\d km from the MDL/,
    );
  });
});
