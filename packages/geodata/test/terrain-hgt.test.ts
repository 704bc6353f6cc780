import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Mosaic,
  TerrainCoverageError,
  TerrainFormatError,
  TerrainVoidError,
  decodeHgt,
  findDataDir,
  openTerrain,
} from '@tongilnet/geodata';
import { hgtBytes, tempDir } from './terrain-fixtures.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function dirWith(files: Record<string, Uint8Array>): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

/** A plane over post indices; integer at every post, so int16 storage is exact. */
const plane = (r: number, c: number) => 100 + 2 * c - 3 * r;
/** The same plane in degrees for tile N37E126 (posts every 1/1200°, row 0 at 38°N). */
const planeAt = (lat: number, lon: number) => 100 + 2 * 1200 * (lon - 126) - 3 * 1200 * (38 - lat);

describe('SRTM .hgt tiles', () => {
  it('places the tile by its name: SW corner, first row north, posts at the grid lines', () => {
    const grid = decodeHgt(hgtBytes(1201, plane), 'N37E126', 'N37E126.hgt');
    expect(grid.width).toBe(1201);
    expect(grid.bounds).toEqual({ south: 37, west: 126, north: 38, east: 127 });
    expect([grid.lat0, grid.lon0, grid.dLat * 1200, grid.dLon * 1200]).toEqual([38, 126, 1, 1]);
    expect(grid.data[0]).toBe(100); // NW corner post
    expect(grid.data[1200]).toBe(100 + 2400); // NE corner post
    expect(grid.data[1200 * 1201]).toBe(100 - 3600); // SW corner post

    const southern = decodeHgt(
      hgtBytes(1201, () => 0),
      'S05W070',
      'S05W070.hgt',
    );
    expect(southern.bounds).toEqual({ south: -5, west: -70, north: -4, east: -69 });
  });

  it('interpolates a plane exactly (bilinear between posts)', async () => {
    const mosaic = await openTerrain(dirWith({ 'N37E126.hgt': hgtBytes(1201, plane) }));
    await mosaic.preload(mosaic.bounds);
    const sampler = mosaic.sampler();
    for (const [lat, lon] of [
      [37.5, 126.5],
      [37.123456, 126.987654],
      [38, 126], // corner posts
      [37, 127],
      [37.99999, 126.00001],
    ] as const) {
      expect(sampler.elevation(lat, lon)).toBeCloseTo(planeAt(lat, lon), 6);
    }
    expect(await mosaic.elevation(37.25, 126.75)).toBeCloseTo(planeAt(37.25, 126.75), 6);
  });

  it('reads .hgt.gz the same as .hgt, and detects 1″ tiles from the size', async () => {
    const bytes = hgtBytes(1201, plane);
    const plain = await openTerrain(dirWith({ 'N37E126.hgt': bytes }));
    const gz = await openTerrain(dirWith({ 'N37E126.hgt.gz': gzipSync(bytes) }));
    expect(gz.resolutionArcSec).toBe(3); // from the gzip ISIZE trailer, before loading
    expect(await gz.elevation(37.3, 126.3)).toBe(await plain.elevation(37.3, 126.3));

    const one = await openTerrain(dirWith({ 'N37E126.hgt': hgtBytes(3601, (r, c) => c - r) }));
    expect(one.resolutionArcSec).toBe(1);
    await one.preload(one.bounds);
    expect(one.sampler().grids[0]!.width).toBe(3601);
    // 1″ posts: 3600 per degree; c - r is exact on the plane.
    expect(one.sampler().elevation(37.5, 126.25)).toBeCloseTo(0.25 * 3600 - 0.5 * 3600, 6);
  });

  it('names the file of a tile with the wrong size', async () => {
    const mosaic = await openTerrain(dirWith({ 'N37E126.hgt': new Uint8Array(1000) }));
    const error = await mosaic.elevation(37.5, 126.5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerrainFormatError);
    expect((error as Error).message).toMatch(
      /N37E126\.hgt: 1000 bytes is not an SRTM tile \(expected 2884802 bytes for 3″ or 25934402 for 1″/,
    );
  });

  it('names the file of a truncated .gz', async () => {
    const gz = gzipSync(hgtBytes(1201, plane));
    const mosaic = await openTerrain(dirWith({ 'N37E126.hgt.gz': gz.subarray(0, gz.length >> 1) }));
    await expect(mosaic.elevation(37.5, 126.5)).rejects.toThrow(
      /N37E126\.hgt\.gz: corrupt or truncated gzip \(unexpected end of file\)/,
    );
  });

  it('refuses an .hgt file whose name is not a tile name', async () => {
    await expect(openTerrain(dirWith({ 'korea.hgt': hgtBytes(1201, plane) }))).rejects.toThrow(
      /korea\.hgt: cannot tell the tile's position from its name/,
    );
  });

  it('reports voids instead of reading them as 0, and sea level 0 is data', async () => {
    // One void post at row 600, col 600 (37.5N 126.5E); the sea (0) covers the western half.
    const z = (r: number, c: number) => (r === 600 && c === 600 ? -32768 : c < 600 ? 0 : 50);
    const dir = dirWith({ 'N37E126.hgt': hgtBytes(1201, z) });
    const strict = await openTerrain(dir);
    expect(await strict.elevation(37.5, 126.2)).toBe(0);
    const error = await strict.elevation(37.5001, 126.5001).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerrainVoidError);
    expect((error as Error).message).toMatch(/^terrain void at 37\.5001,126\.5001 in N37E126 \(/);
    expect(strict.voidReport()).toEqual([
      { name: 'N37E126', file: join(dir, 'N37E126.hgt'), voids: 1, posts: 1201 * 1201 },
    ]);
    // Exactly on a good neighbouring post the void has no weight.
    expect(await strict.elevation(37.5, 126.5 + 1 / 1200)).toBe(50);

    const lenient = await openTerrain(dir, { voids: 'nan' });
    expect(await lenient.elevation(37.5001, 126.5001)).toBeNaN();
    const report = await lenient.preload({ south: 37.4, west: 126.4, north: 37.6, east: 126.6 });
    expect(report.voids).toEqual([expect.objectContaining({ name: 'N37E126', voids: 1 })]);
  });

  it('joins tiles into a mosaic: shared edge posts, missing tiles reported, outside throws', async () => {
    // Two tiles of one plane: N37E126 and N37E127 share the 127°E column of posts.
    const west = hgtBytes(1201, plane);
    const east = hgtBytes(1201, (r, c) => plane(r, c + 1200));
    const dir = dirWith({ 'N37E126.hgt': west, 'N37E127.hgt': east });
    const mosaic = await openTerrain(dir);
    expect(mosaic.bounds).toEqual({ south: 37, west: 126, north: 38, east: 128 });
    expect(mosaic.tilesAt(37.5, 127).map((t) => t.name)).toEqual(['N37E126', 'N37E127']);

    const report = await mosaic.preload({ south: 37.2, west: 126.5, north: 38.5, east: 127.5 });
    expect(report.tiles).toEqual(['N37E126', 'N37E127']);
    expect(report.missingCells).toEqual(['N38E126', 'N38E127']);
    const sampler = mosaic.sampler();
    for (const lon of [126.999999, 127, 127.000001, 127.7]) {
      expect(sampler.elevation(37.4, lon)).toBeCloseTo(planeAt(37.4, lon), 5);
    }

    const outside = (() => {
      try {
        sampler.elevation(38.5, 126.5);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(outside).toBeInstanceOf(TerrainCoverageError);
    expect((outside as Error).message).toBe(
      `38.5,126.5 is outside the terrain coverage: ${dir} has 2 tiles covering lat 37..38, ` +
        'lon 126..128 (N37E126: lat 37..38, lon 126..127; N37E127: lat 37..38, lon 127..128)',
    );
    await expect(mosaic.elevation(36.9, 127)).rejects.toThrow(
      /^36\.9,127 is outside the terrain coverage/,
    );
  });

  it('bounds the cache by bytes, evicting the least recently used tile', async () => {
    const tile = hgtBytes(1201, plane);
    const dir = dirWith({ 'N37E126.hgt': tile, 'N37E127.hgt': tile, 'N37E128.hgt': tile });
    const mosaic = await Mosaic.open(dir, { maxCacheBytes: 2 * 1201 * 1201 * 2 });
    await mosaic.elevation(37.5, 126.5);
    await mosaic.elevation(37.5, 127.5);
    await mosaic.elevation(37.5, 126.5); // N37E126 is now the most recent
    await mosaic.elevation(37.5, 128.5);
    expect(mosaic.tiles.filter((t) => t.loaded).map((t) => t.name)).toEqual(['N37E126', 'N37E128']);
    expect(mosaic.cacheBytes).toBe(2 * 1201 * 1201 * 2);
    expect(() => mosaic.sampler().elevation(37.5, 127.5)).toThrow(
      /tile N37E127 \(.*N37E127\.hgt\) covers it but is not loaded; await preload\(\) first/,
    );
    await expect(mosaic.preload(mosaic.bounds)).rejects.toThrow(
      /needs 3 tiles \(8\.3 MiB\), more than the cache bound of 5\.5 MiB/,
    );
  });

  it('shares posts with worker threads without copying when opened with shared: true', async () => {
    const mosaic = await openTerrain(
      dirWith({ 'N37E126.hgt.gz': gzipSync(hgtBytes(1201, plane)) }),
      {
        shared: true,
      },
    );
    await mosaic.preload(mosaic.bounds);
    const [grid] = mosaic.sampler().grids;
    expect(grid!.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    // A worker receives the grid object, reads a post and writes one; the write shows up here.
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       parentPort.once('message', (g) => { const v = g.data[1]; g.data[0] = 4321; parentPort.postMessage(v); });`,
      { eval: true },
    );
    try {
      const seen = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage(grid);
      expect(await seen).toBe(plane(0, 1));
      expect(grid!.data[0]).toBe(4321);
    } finally {
      await worker.terminate();
    }
  });

  it('names a missing terrain path and an empty directory', async () => {
    await expect(openTerrain('/nonexistent/terrain')).rejects.toThrow(
      '/nonexistent/terrain: no such terrain file or directory',
    );
    await expect(openTerrain(dirWith({ 'readme.txt': new Uint8Array(3) }))).rejects.toThrow(
      /no terrain files in this directory \(looked for \.hgt, \.hgt\.gz, \.tif, \.tiff\)/,
    );
  });
});

describe('the bench terrain (nine gzip’d SRTM3 tiles)', () => {
  const data = findDataDir().dir;
  it.skipIf(!data)('loads lazily, has no voids and agrees on shared edges', async () => {
    const mosaic = await openTerrain(join(data!, 'bench-terrain'));
    expect(mosaic.tiles.map((t) => t.name)).toEqual([
      'N37E126',
      'N37E127',
      'N37E128',
      'N38E126',
      'N38E127',
      'N38E128',
      'N39E126',
      'N39E127',
      'N39E128',
    ]);
    expect(mosaic.resolutionArcSec).toBe(3);
    expect(mosaic.cacheBytes).toBe(0);
    const report = await mosaic.preload(mosaic.bounds);
    expect(report.missingCells).toEqual([]);
    expect(report.voids.every((v) => v.voids === 0 && v.posts === 1201 * 1201)).toBe(true);
    expect(report.cacheBytes).toBe(9 * 1201 * 1201 * 2);

    const [a, b] = mosaic
      .sampler()
      .grids.filter((g) => g.name === 'N38E127' || g.name === 'N38E128');
    // The eastern column of N38E127 is the western column of N38E128.
    for (let r = 0; r < 1201; r += 100) expect(a!.data[r * 1201 + 1200]).toBe(b!.data[r * 1201]);
    const z = mosaic.sampler().elevation(38.3, 127.5);
    expect(z).toBeGreaterThanOrEqual(0);
    expect(z).toBeLessThanOrEqual(1270);
  });
});
