import { describe, expect, it } from 'vitest';
import { latOfMercatorY, mercatorY, tileBounds, toMercatorRows } from './mercator.ts';
import { decodeTerrainRgb, encodeTerrainRgb } from './dem-tile.ts';
import { simplify } from './geojson.ts';

describe('Web Mercator', () => {
  it('inverts its own y and puts tile 0/0/0 on the whole world to ±85.0511°', () => {
    for (const lat of [-80, -33.3, 0, 37.5, 43.01])
      expect(latOfMercatorY(mercatorY(lat))).toBeCloseTo(lat, 10);
    const world = tileBounds(0, 0, 0);
    expect(world.west).toBe(-180);
    expect(world.east).toBe(180);
    expect(world.north).toBeCloseTo(85.0511287798, 8);
  });

  it('resamples rows so each output row shows the latitude its Mercator position has', () => {
    // 100 rows from 43°N to 33°N, each row's red = its index.
    const height = 100;
    const rgba = new Uint8Array(height * 4);
    for (let r = 0; r < height; r++) rgba[r * 4] = r;
    const out = toMercatorRows(rgba, 1, height, 43, 33, height);
    const yN = mercatorY(43);
    const yS = mercatorY(33);
    for (const r of [0, 25, 50, 75, 99]) {
      const lat = latOfMercatorY(yN + ((r + 0.5) / height) * (yS - yN));
      const expected = Math.floor(((43 - lat) / 10) * height);
      expect(out[r * 4]).toBe(expected);
    }
    // The middle of the map is not the middle row of the plate carrée: 38.16°N, not 38°N.
    expect(out[50 * 4]).toBeLessThan(49);
  });
});

describe('Terrain-RGB', () => {
  it('round-trips heights at 0.1 m', () => {
    const px = new Uint8Array(4);
    for (const h of [0, 0.1, 675, 2744.3, 8848]) {
      encodeTerrainRgb(h, px, 0);
      expect(decodeTerrainRgb(px[0]!, px[1]!, px[2]!)).toBeCloseTo(h, 6);
      expect(px[3]).toBe(255);
    }
  });
});

describe('Douglas–Peucker', () => {
  it('drops points within the tolerance and keeps the corners', () => {
    const line = [0, 0, 1, 0.0001, 2, 0, 2, 1, 2.00005, 2, 2, 3];
    expect(simplify(line, 0.001)).toEqual([
      [0, 0],
      [2, 0],
      [2, 3],
    ]);
    expect(simplify(line, 0.00001).length).toBe(6);
  });
});
