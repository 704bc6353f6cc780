import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { polygonIndex } from './polygon.ts';
import { readPopulationRaster, sumRasterInGrid, sumRasterInPolygon } from './raster.ts';

// 20 × 10 pixels of 0.01°, north-west corner 38.3N 126.2E; pixel i holds i + 1 persons, except
// pixel 0, which is WorldPop's nodata (-99999).
const W = 20;
const H = 10;
const values = Float32Array.from({ length: W * H }, (_, i) => i + 1);
values[0] = -99999;
const sumAll = (W * H * (W * H + 1)) / 2 - 1;

function tiff(geoKeys: Record<string, number>): ArrayBuffer {
  return writeArrayBuffer(values, {
    width: W,
    height: H,
    ModelPixelScale: [0.01, 0.01, 0],
    ModelTiepoint: [0, 0, 0, 126.2, 38.3, 0],
    GTRasterTypeGeoKey: 1,
    GDAL_NODATA: '-99999',
    SampleFormat: [3],
    BitsPerSample: [32],
    ...geoKeys,
  });
}

describe('population rasters', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tongilnet-pop-'));
    file = join(dir, 'pop.tif');
    await writeFile(
      file,
      new Uint8Array(tiff({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326 })),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads persons per pixel with pixel centres as samples and nodata as NaN', async () => {
    const r = await readPopulationRaster(file);
    expect([r.width, r.height]).toEqual([W, H]);
    expect(r.lat0).toBeCloseTo(38.295, 12);
    expect(r.lon0).toBeCloseTo(126.205, 12);
    expect(r.values[0]).toBeNaN();
    expect(r.values[W * H - 1]).toBe(W * H);
    expect(r.noDataCount).toBe(1);
    expect(r.bounds.north).toBeCloseTo(38.3, 12);
    expect(r.bounds.east).toBeCloseTo(126.4, 12);
    expect(r.source.id).toBe('raster');
    expect(r.source.label).toContain(file);
  });

  it('reads only the window over the bounds asked for', async () => {
    const r = await readPopulationRaster(file, {
      bounds: { south: 38.225, north: 38.255, west: 126.245, east: 126.275 },
      label: 'WorldPop 2020',
    });
    expect([r.width, r.height]).toEqual([4, 4]);
    expect(r.lat0).toBeCloseTo(38.255, 12);
    expect(r.lon0).toBeCloseTo(126.245, 12);
    expect(r.values[0]).toBe(4 * W + 4 + 1);
    expect(r.source.label).toBe('WorldPop 2020');
  });

  it('sums a mask on its own grid, counting nodata apart', async () => {
    const r = await readPopulationRaster(file);
    const sum = sumRasterInGrid(r, r, new Uint8Array(W * H).fill(1));
    expect(sum.total).toBe(sumAll);
    expect(sum.pixels).toBe(W * H - 1);
    expect(sum.noDataPixels).toBe(1);
    expect(sum.coveredFraction).toBe(1);
  });

  it('shares a coarse pixel out by the part of it a finer mask selects', async () => {
    const r = await readPopulationRaster(file);
    // 4 × 4 mask cells per pixel; select the western half of every pixel.
    const grid = {
      lat0: 38.3 - 0.00125,
      lon0: 126.2 + 0.00125,
      dLat: 0.0025,
      dLon: 0.0025,
      width: 4 * W,
      height: 4 * H,
    };
    const mask = new Uint8Array(grid.width * grid.height);
    for (let i = 0; i < mask.length; i++) mask[i] = i % 4 < 2 ? 1 : 0;
    expect(sumRasterInGrid(r, grid, mask).total).toBeCloseTo(sumAll / 2, 6);
  });

  it('says how much of the mask the raster covers', async () => {
    const r = await readPopulationRaster(file);
    // Twice as wide as the raster, to the east.
    const grid = { lat0: 38.295, lon0: 126.205, dLat: 0.01, dLon: 0.01, width: 2 * W, height: H };
    const sum = sumRasterInGrid(r, grid, new Uint8Array(2 * W * H).fill(1));
    expect(sum.total).toBe(sumAll);
    expect(sum.coveredFraction).toBeCloseTo(0.5, 6);
  });

  it('sums the pixels whose centres lie in a polygon', async () => {
    const r = await readPopulationRaster(file);
    // Pixel centres of rows 2..4, columns 5..7.
    const ring = [
      [126.252, 38.252],
      [126.278, 38.252],
      [126.278, 38.278],
      [126.252, 38.278],
      [126.252, 38.252],
    ];
    const sum = sumRasterInPolygon(r, polygonIndex({ type: 'Polygon', coordinates: [ring] }));
    let expected = 0;
    for (let row = 2; row <= 4; row++)
      for (let col = 5; col <= 7; col++) expected += row * W + col + 1;
    expect(sum.total).toBe(expected);
    expect(sum.pixels).toBe(9);
    expect(sum.coveredFraction).toBe(1);
  });

  it('refuses bounds it does not cover and a projected raster, naming the file', async () => {
    await expect(
      readPopulationRaster(file, { bounds: { south: 40, north: 41, west: 126, east: 127 } }),
    ).rejects.toThrow(`${file} (38.2..38.3N, 126.2..126.4E) does not cover 40..41N, 126..127E`);
    const utm = join(dir, 'utm.tif');
    await writeFile(
      utm,
      new Uint8Array(tiff({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32652 })),
    );
    await expect(readPopulationRaster(utm)).rejects.toThrow(`${utm}: uses EPSG:32652`);
  });
});
