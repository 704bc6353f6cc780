import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromFile, writeArrayBuffer } from 'geotiff';
import { afterEach, describe, expect, it } from 'vitest';
import {
  TerrainCoverageError,
  TerrainFormatError,
  TerrainVoidError,
  findDataDir,
  openTerrain,
  readGeoTiffFile,
  readGeoTiffHeader,
} from '@tongilnet/geodata';
import { hgtBytes, tempDir, tiffBytes, type TiffOptions } from './terrain-fixtures.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function fileWith(name: string, bytes: Uint8Array | ArrayBuffer): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = join(dir, name);
  writeFileSync(file, new Uint8Array(bytes));
  return file;
}

// A 40 × 30 grid of 0.01° pixels whose north-west corner is 38.3N 126.2E.
const W = 40;
const H = 30;
const STEP = 0.01;
/** A plane in pixel indices (integer, so int16 holds it exactly). */
const planeValues = () =>
  Array.from({ length: W * H }, (_, i) => 200 + 3 * (i % W) - 2 * Math.floor(i / W));

function grid(extra: Partial<TiffOptions>): TiffOptions {
  return {
    width: W,
    height: H,
    values: planeValues(),
    type: 'float32',
    scale: [STEP, STEP],
    origin: [126.2, 38.3],
    ...extra,
  };
}

/** The plane at a point for a pixel-is-area grid: pixel (c, r) holds the value at its centre. */
const areaPlane = (lat: number, lon: number) => {
  const c = (lon - 126.2) / STEP - 0.5;
  const r = (38.3 - lat) / STEP - 0.5;
  return 200 + 3 * c - 2 * r;
};

describe('GeoTIFF terrain', () => {
  it('reads a striped float32 pixel-is-area grid: posts at pixel centres, exact on a plane', async () => {
    const file = fileWith('striped.tif', tiffBytes(grid({ rowsPerStrip: 7 })));
    const header = await readGeoTiffHeader(file);
    expect(header).toMatchObject({
      width: W,
      height: H,
      pixelIsArea: true,
      storage: 'float32',
      tiled: false,
    });
    expect(header.bounds.west).toBe(126.2);
    expect(header.bounds.north).toBe(38.3);
    expect(header.bounds.east).toBeCloseTo(126.6, 12);
    expect(header.bounds.south).toBeCloseTo(38.0, 12);
    expect(header.lon0).toBeCloseTo(126.205, 12);
    expect(header.lat0).toBeCloseTo(38.295, 12);

    const mosaic = await openTerrain(file);
    expect(mosaic.resolutionArcSec).toBeCloseTo(36, 9);
    await mosaic.preload(mosaic.bounds);
    const s = mosaic.sampler();
    expect(s.grids[0]!.data).toBeInstanceOf(Float32Array);
    for (const [lat, lon] of [
      [38.2, 126.3],
      [38.123, 126.456],
      [38.295, 126.205], // the first pixel centre
    ] as const) {
      expect(s.elevation(lat, lon)).toBeCloseTo(areaPlane(lat, lon), 4);
    }
    // In the outer half pixel the edge value is held rather than extrapolated.
    expect(s.elevation(38.299, 126.201)).toBeCloseTo(200, 4);
  });

  it('reads a tiled int16 grid the same as the striped one', async () => {
    const tiled = await readGeoTiffFile(
      fileWith('tiled.tif', tiffBytes(grid({ type: 'int16', tileSize: 16 }))),
    );
    const striped = await readGeoTiffFile(
      fileWith('striped.tif', tiffBytes(grid({ type: 'int16', rowsPerStrip: 4 }))),
    );
    expect(tiled.data).toBeInstanceOf(Int16Array);
    expect(Array.from(tiled.data)).toEqual(planeValues());
    expect(Array.from(tiled.data)).toEqual(Array.from(striped.data));
    expect((await readGeoTiffHeader(tiled.file)).tiled).toBe(true);
    const shared = await readGeoTiffFile(tiled.file, { shared: true });
    expect(shared.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared.data)).toEqual(planeValues());
  });

  it('shifts posts by half a pixel for pixel-is-area but not for pixel-is-point', async () => {
    const area = await openTerrain(fileWith('area.tif', tiffBytes(grid({ rasterType: 1 }))));
    const point = await openTerrain(fileWith('point.tif', tiffBytes(grid({ rasterType: 2 }))));
    // The first value sits at the tiepoint for pixel-is-point, half a pixel in for pixel-is-area.
    expect(await point.elevation(38.3, 126.2)).toBeCloseTo(200, 6);
    expect(await area.elevation(38.295, 126.205)).toBeCloseTo(200, 6);
    expect(point.bounds.east).toBeCloseTo(126.2 + (W - 1) * STEP, 12);
    expect(area.bounds.east).toBeCloseTo(126.2 + W * STEP, 12);
    // No GTRasterTypeGeoKey means pixel-is-area (the GeoTIFF default).
    const unstated = await readGeoTiffHeader(
      fileWith('u.tif', tiffBytes(grid({ rasterType: undefined }))),
    );
    expect(unstated.pixelIsArea).toBe(true);
  });

  it('accepts a ModelTransformation in place of scale and tiepoint', async () => {
    const m = [STEP, 0, 0, 126.2, 0, -STEP, 0, 38.3, 0, 0, 0, 0, 0, 0, 0, 1];
    const file = fileWith(
      'm.tif',
      tiffBytes(grid({ scale: undefined, origin: undefined, transformation: m })),
    );
    const mosaic = await openTerrain(file);
    expect(await mosaic.elevation(38.2, 126.3)).toBeCloseTo(areaPlane(38.2, 126.3), 4);
  });

  it('reports nodata posts as voids, naming the coordinate and the file', async () => {
    const values = planeValues();
    values[10 * W + 10] = -9999; // pixel centre 38.195N 126.305E
    const file = fileWith('holes.tif', tiffBytes(grid({ values, noData: '-9999', tileSize: 16 })));
    const strict = await openTerrain(file);
    const error = await strict.elevation(38.196, 126.304).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerrainVoidError);
    expect((error as Error).message).toBe(
      `terrain void at 38.196,126.304 in holes (${file}): the data has no elevation there; ` +
        "fill the voids or ask for voids: 'nan'",
    );
    expect(strict.voidReport()).toEqual([{ name: 'holes', file, voids: 1, posts: W * H }]);
    const lenient = await openTerrain(file, { voids: 'nan' });
    expect(await lenient.elevation(38.196, 126.304)).toBeNaN();
    expect(await lenient.elevation(38.25, 126.25)).toBeCloseTo(areaPlane(38.25, 126.25), 4);
  });

  it('reads what geotiff.js itself writes (single strip, GDAL_NODATA)', async () => {
    const values = new Float32Array(planeValues());
    values[0] = -32767;
    const buffer = writeArrayBuffer(values, {
      width: W,
      height: H,
      ModelPixelScale: [STEP, STEP, 0],
      ModelTiepoint: [0, 0, 0, 126.2, 38.3, 0],
      GTModelTypeGeoKey: 2,
      GTRasterTypeGeoKey: 1,
      GeographicTypeGeoKey: 4326,
      GDAL_NODATA: '-32767',
      SampleFormat: [3],
      BitsPerSample: [32],
    });
    const g = await readGeoTiffFile(fileWith('gtjs.tif', buffer));
    expect(g.voidCount).toBe(1);
    expect(g.data[0]).toBeNaN();
    expect(g.data[W * H - 1]).toBe(planeValues()[W * H - 1]);
  });

  it('refuses a projected CRS, a plain TIFF and a file that is not a TIFF, naming the file', async () => {
    const utm = fileWith(
      'utm52n.tif',
      tiffBytes(grid({ modelType: 1, geographicType: undefined, projectedType: 32652 })),
    );
    await expect(openTerrain(utm)).rejects.toThrow(
      `${utm}: uses EPSG:32652 (GTModelTypeGeoKey=1, projected); only geographic WGS 84 (EPSG:4326) ` +
        'terrain is supported — reproject it, e.g. gdalwarp -t_srs EPSG:4326 in.tif out.tif',
    );
    const tokyo = fileWith('tokyo.tif', tiffBytes(grid({ geographicType: 4301 })));
    await expect(openTerrain(tokyo)).rejects.toThrow(
      /tokyo\.tif: uses geographic CRS EPSG:4301, not WGS 84/,
    );
    const plain = fileWith('plain.tif', tiffBytes(grid({ noGeoKeys: true })));
    await expect(openTerrain(plain)).rejects.toThrow(/plain\.tif: has no GeoKeyDirectory/);
    const junk = fileWith('junk.tif', new TextEncoder().encode('this is not a tiff at all'));
    const error = await openTerrain(junk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerrainFormatError);
    expect((error as Error).message).toMatch(/junk\.tif: not a readable GeoTIFF \(/);
    const metres = fileWith(
      'metres.tif',
      tiffBytes(grid({ scale: [30, 30], origin: [500000, 4200000] })),
    );
    await expect(openTerrain(metres)).rejects.toThrow(/metres\.tif: extent .* is not in degrees/);
  });

  it('names a point outside a GeoTIFF', async () => {
    const file = fileWith('small.tif', tiffBytes(grid({})));
    const mosaic = await openTerrain(file);
    const error = await mosaic.elevation(37.5, 126.3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerrainCoverageError);
    expect((error as Error).message).toBe(
      `37.5,126.3 is outside the terrain coverage: ${file} has 1 tile covering lat 38..38.3, ` +
        'lon 126.2..126.6 (small: lat 38..38.3, lon 126.2..126.6)',
    );
  });

  it('mixes HGT and GeoTIFF in one directory; the finer tile wins where they overlap', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    writeFileSync(
      join(dir, 'N38E126.hgt'),
      hgtBytes(1201, () => 7),
    );
    writeFileSync(
      join(dir, 'coarse.tif'),
      tiffBytes(grid({ values: new Array(W * H).fill(1000) })),
    );
    const mosaic = await openTerrain(dir);
    expect(mosaic.tiles.map((t) => t.name)).toEqual(['N38E126', 'coarse']);
    expect(await mosaic.elevation(38.2, 126.3)).toBe(7);
  });
});

describe('the demo terrain (SRTM30_PLUS, 0.02° float32 GeoTIFF)', () => {
  const data = findDataDir().dir;
  it.skipIf(!data)('covers the peninsula and agrees with geotiff.js at pixel centres', async () => {
    const file = join(data!, 'terrain', 'korea-srtm30plus-0.02deg.tif');
    const mosaic = await openTerrain(join(data!, 'terrain'));
    expect(mosaic.bounds).toEqual({ south: 33, west: 124, north: 43, east: 131 });
    expect(mosaic.resolutionArcSec).toBeCloseTo(72, 6);
    await mosaic.preload(mosaic.bounds);
    const s = mosaic.sampler();

    const tiff = await fromFile(file);
    try {
      const image = await tiff.getImage();
      const raster = (await image.readRasters({ interleave: true })) as Float32Array;
      for (const [col, row] of [
        [0, 0],
        [125, 250],
        [349, 499],
        [170, 240],
      ] as const) {
        const lon = 124 + (col + 0.5) * 0.02;
        const lat = 43 - (row + 0.5) * 0.02;
        expect(s.elevation(lat, lon)).toBeCloseTo(raster[row * 350 + col]!, 3);
      }
    } finally {
      await tiff.close();
    }
    // Bathymetry is negative in SRTM30_PLUS; the Yellow Sea off the south-west is below 0.
    expect(s.elevation(35, 125)).toBeLessThan(0);
    // Paektu-san (2744 m) reads high even smoothed to 0.02°.
    expect(s.elevation(42.0, 128.08)).toBeGreaterThan(1500);
  });
});
