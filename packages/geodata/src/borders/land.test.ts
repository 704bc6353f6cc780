import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipRingToBox, defaultCacheDir, extractLand, loadLand } from './land.ts';

const square = (w: number, s: number, e: number, n: number): number[][] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

/** A small geo-maps-like collection: a hole in KOR, a CHN polygon across the region edge, one far away. */
const features = [
  {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [square(10, 50, 11, 51)] },
    properties: { A3: 'XXX' },
  },
  {
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [square(126, 37, 127, 38), square(126.2, 37.2, 126.3, 37.3)],
    },
    properties: { A3: 'KOR' },
  },
  {
    type: 'Feature',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [[square(126, 38, 127, 39)], [square(124, 39, 124.1, 39.1)]],
    },
    properties: { A3: 'PRK' },
  },
  {
    type: 'Feature',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [[square(118, 40, 125, 42)], [square(100, 30, 101, 31)]],
    },
    properties: { A3: 'CHN' },
  },
];
const region = { south: 32, west: 119, north: 46, east: 135 };
const codes = ['PRK', 'KOR', 'CHN'];

describe('extractLand', () => {
  let dir: string;
  let lineFile: string;
  let compactFile: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tongilnet-land-'));
    lineFile = join(dir, 'lines.geo.json');
    compactFile = join(dir, 'compact.geo.json');
    // The published layout (one feature per line) and a one-line file that forces the full parse.
    const lines = features.map((f) => JSON.stringify(f)).join(',\n');
    await writeFile(lineFile, `{"type":"FeatureCollection", "features": [\n${lines}\n]}`);
    await writeFile(compactFile, JSON.stringify({ type: 'FeatureCollection', features }, null, 1));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps outer rings, drops holes, clips neighbours to the region, in the order asked', async () => {
    const land = await extractLand(lineFile, { codes, region });
    expect(land.countries.map((c) => c.code)).toEqual(codes);
    const [prk, kor, chn] = land.countries;
    expect(prk.rings).toHaveLength(2);
    expect(kor.rings).toHaveLength(1);
    expect(kor.rings[0]).toEqual(square(126, 37, 127, 38).flat());
    expect(land.droppedHoles).toEqual({ PRK: 0, KOR: 1, CHN: 0 });
    expect(chn.rings).toHaveLength(1); // the far polygon is gone
    const lons = chn.rings[0].filter((_, i) => i % 2 === 0);
    expect(Math.min(...lons)).toBe(119);
    expect(Math.max(...lons)).toBe(125);
  });

  it('reads a file in another layout the same way', async () => {
    const a = await extractLand(lineFile, { codes, region });
    const b = await extractLand(compactFile, { codes, region });
    expect(b.countries).toEqual(a.countries);
  });

  it('names the file and the country that is missing', async () => {
    await expect(extractLand(lineFile, { codes: ['PRK', 'ZZZ'], region })).rejects.toThrow(
      /lines\.geo\.json: no feature with properties\.A3 = "ZZZ"/,
    );
  });

  it('caches the extraction and rebuilds it when the source changes', async () => {
    const cacheDir = join(dir, 'cache');
    const first = await loadLand({ sourceFile: lineFile, cacheDir, codes, region });
    expect(first.cacheHit).toBe(false);
    expect(first.cacheFile).toBe(join(cacheDir, 'korea-land-v1.json'));
    const second = await loadLand({ sourceFile: lineFile, cacheDir, codes, region });
    expect(second.cacheHit).toBe(true);
    expect(second.land).toEqual(first.land);
    await utimes(lineFile, new Date(), new Date(Date.now() + 5000));
    const third = await loadLand({ sourceFile: lineFile, cacheDir, codes, region });
    expect(third.cacheHit).toBe(false);
    // A torn cache file is rebuilt, not trusted.
    await writeFile(join(cacheDir, 'korea-land-v1.json'), '{"format":1,"countr');
    const fourth = await loadLand({ sourceFile: lineFile, cacheDir, codes, region });
    expect(fourth.cacheHit).toBe(false);
    expect(JSON.parse(await readFile(join(cacheDir, 'korea-land-v1.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(fourth.land)),
    );
  });

  it('works without a cache, and with an unwritable one', async () => {
    const none = await loadLand({ sourceFile: lineFile, cacheDir: null, codes, region });
    expect(none.cacheFile).toBeNull();
    const blocked = join(dir, 'blocked');
    await writeFile(blocked, 'a file where a directory should be');
    const unwritable = await loadLand({
      sourceFile: lineFile,
      cacheDir: join(blocked, 'sub'),
      codes,
      region,
    });
    expect(unwritable.cacheFile).toBeNull();
    expect(unwritable.land.countries).toHaveLength(3);
  });

  it('says which file is missing', async () => {
    await expect(loadLand({ sourceFile: join(dir, 'nope.json'), cacheDir: null })).rejects.toThrow(
      /nope\.json cannot be read/,
    );
  });
});

describe('clipRingToBox', () => {
  it('clips a concave ring and drops one outside', () => {
    const box = { south: 0, west: 0, north: 10, east: 10 };
    // A "U" that leaves the box through the top twice.
    const u = [2, 2, 8, 2, 8, 12, 6, 12, 6, 4, 4, 4, 4, 12, 2, 12];
    const clipped = clipRingToBox(u, box);
    expect(Math.max(...clipped.filter((_, i) => i % 2 === 1))).toBe(10);
    expect(clipRingToBox([20, 20, 21, 20, 21, 21], box)).toEqual([]);
  });
});

describe('defaultCacheDir', () => {
  it('puts the cache under node_modules/.cache/tongilnet', () => {
    expect(defaultCacheDir('/repo/node_modules/@geo-maps/countries-land-100m/map.geo.json')).toBe(
      '/repo/node_modules/.cache/tongilnet',
    );
    expect(defaultCacheDir('/data/map.geo.json')).toMatch(/tongilnet-cache$/);
  });
});
