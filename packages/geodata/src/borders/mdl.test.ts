import { describe, expect, it } from 'vitest';
import { deriveMdl } from './mdl.ts';

/**
 * North: a box over 38..39N whose southern edge is the border, drawn east to west (as PRK's ring
 * runs), with a notch where a river parts the outlines by ~900 m. South: a box below, whose northern
 * edge has different vertices (generalisation) on the same line.
 */
const north = [
  127.5, 38.0, 127.4, 38.0, 127.3, 38.0, 127.25, 38.008, 127.2, 38.0, 127.1, 38.0, 127.0, 38.0,
  127.0, 39.0, 127.5, 39.0,
];
const south = [
  127.0, 37.0, 127.5, 37.0, 127.5, 38.0, 127.35, 38.0001, 127.15, 37.9999, 127.0, 38.0,
];

describe('deriveMdl', () => {
  it('follows the shared edge west to east, bridging the notch', () => {
    const mdl = deriveMdl([north], [south], { minLengthKm: 10 });
    expect(mdl.coords.slice(0, 2)).toEqual([127.0, 38.0]);
    expect(mdl.coords.slice(-2)).toEqual([127.5, 38.0]);
    expect(mdl.coords).toContain(38.008); // the bridged notch vertex is part of the line
    expect(mdl.sharedVertices).toBe(mdl.coords.length / 2 - 1);
    expect(mdl.lengthKm).toBeGreaterThan(43.9);
    expect(mdl.lengthKm).toBeLessThan(44.2);
  });

  it('does not bridge gaps wider than the bridge tolerance', () => {
    const mdl = deriveMdl([north], [south], { minLengthKm: 10, bridgeToleranceM: 500 });
    expect(mdl.lengthKm).toBeLessThan(27);
  });

  it('throws when the polygons share no border', () => {
    const far = south.map((v, i) => (i % 2 === 1 ? v - 0.5 : v));
    expect(() => deriveMdl([north], [far])).toThrow(/no shared land border of at least 50 km/);
  });
});
