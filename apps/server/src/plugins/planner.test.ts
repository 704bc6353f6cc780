/**
 * The planner API against the shared demo data (../shared/data): real terrain, borders, places,
 * the example plans and the coverage engine, through Fastify's inject (no sockets).
 */
import { join } from 'node:path';
import { Mosaic, findDataDir, repoRoot } from '@tongilnet/geodata';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTerrainRgb, demTileRgba } from '../planner/dem-tile.ts';
import type { JobView } from '../planner/jobs.ts';
import { plannerPlugin } from './planner.ts';

let app: FastifyInstance;

/** Width and height from a PNG's IHDR chunk [PNG spec §11.2.2], after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The same terrain the plugin serves (opened again, all of it loaded: the demo is small). */
async function terrainOf() {
  const terrain = await Mosaic.open(join(findDataDir().dir!, 'terrain'));
  await terrain.preload(terrain.bounds);
  return { terrain };
}
let dmz: Record<string, unknown>;

beforeAll(async () => {
  const data = findDataDir();
  if (!data.dir) throw new Error(`no shared data directory (tried ${data.tried.join(', ')})`);
  app = Fastify();
  await app.register(plannerPlugin, {
    dataDir: data.dir,
    examplesDir: join(repoRoot, 'examples'),
    workers: 2,
  });
  await app.ready();
  const reply = await app.inject('/api/planner/examples/dmz');
  dmz = (reply.json() as { raw: Record<string, unknown> }).raw;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('planner API', () => {
  it('describes the terrain, the examples and the technologies', async () => {
    const info = (await app.inject('/api/planner/info')).json() as {
      examples: Array<{ id: string; kind: string }>;
      technologies: Array<{ id: string }>;
      dem: { maxzoom: number };
    };
    expect(info.examples).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'dmz', kind: 'plan' }),
        expect.objectContaining({ id: 'jammers', kind: 'jammers' }),
      ]),
    );
    expect(info.technologies.map((t) => t.id)).toContain('lte-b8');
    expect(info.dem.maxzoom).toBeGreaterThanOrEqual(4);
  });

  it('inlines the jammers an example plan names by file', () => {
    expect(Array.isArray(dmz.jammers)).toBe(true);
    expect((dmz.jammers as unknown[]).length).toBeGreaterThan(0);
  });

  it('serves terrain as Terrain-RGB tiles: Paektu-san stands high, the Yellow Sea is 0 m', async () => {
    const info = (await app.inject('/api/planner/info')).json() as { dem: { maxzoom: number } };
    const z = info.dem.maxzoom;
    // Tile and pixel of a point [OSM "Slippy map tilenames"].
    const tileOf = (lat: number, lon: number) => {
      const r = (lat * Math.PI) / 180;
      const fx = ((lon + 180) / 360) * 2 ** z;
      const fy = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z;
      const x = Math.floor(fx);
      const y = Math.floor(fy);
      return { x, y, pixel: Math.floor((fy - y) * 256) * 256 + Math.floor((fx - x) * 256) };
    };
    const paektu = tileOf(42.006, 128.056);
    const reply = await app.inject(`/api/planner/dem/${z}/${paektu.x}/${paektu.y}.png`);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('image/png');
    expect(pngSize(reply.rawPayload)).toEqual({ width: 256, height: 256 });
    // The same tile's pixels, as the route encodes them (the demo terrain smooths the 2744 m peak).
    const { terrain } = await terrainOf();
    const heights = (rgba: Uint8Array) =>
      Array.from({ length: rgba.length / 4 }, (_, i) =>
        decodeTerrainRgb(rgba[4 * i]!, rgba[4 * i + 1]!, rgba[4 * i + 2]!),
      );
    expect(
      Math.max(...heights(demTileRgba(terrain.sampler(), z, paektu.x, paektu.y))),
    ).toBeGreaterThan(1500);
    const sea = tileOf(36.0, 124.2);
    expect(heights(demTileRgba(terrain.sampler(), z, sea.x, sea.y))[sea.pixel]).toBe(0);
  });

  it('starts without its data and says why the planner cannot work (503), never crashing', async () => {
    const bare = Fastify();
    await bare.register(plannerPlugin, {
      dataDir: '/nonexistent-data',
      examplesDir: '/nonexistent',
    });
    try {
      const reply = await bare.inject('/api/planner/info');
      expect(reply.statusCode).toBe(503);
      expect((reply.json() as { error: string }).error).toMatch(/no terrain at \/nonexistent-data/);
    } finally {
      await bare.close();
    }
  });

  it('refuses tiles beyond the zoom the terrain supports, with a message', async () => {
    const reply = await app.inject('/api/planner/dem/20/0/0.png');
    expect(reply.statusCode).toBe(400);
    expect((reply.json() as { error: string }).error).toMatch(/z = 20/);
  });

  it('gives the MDL, the sea divide and land of both Koreas as GeoJSON', async () => {
    const fc = (await app.inject('/api/planner/borders.geojson')).json() as {
      features: Array<{ properties: { kind: string; country?: string } }>;
    };
    const kinds = new Set(fc.features.map((f) => f.properties.kind));
    expect(kinds).toEqual(new Set(['land', 'mdl', 'sea-divide']));
    const countries = new Set(fc.features.map((f) => f.properties.country).filter(Boolean));
    expect(countries.has('PRK') && countries.has('KOR')).toBe(true);
  });

  it('lists places with population, Pyongyang the largest in the North', async () => {
    const fc = (await app.inject('/api/planner/places.geojson')).json() as {
      features: Array<{ properties: { name: string; country: string; population: number } }>;
    };
    const north = fc.features.filter((f) => f.properties.country === 'KP');
    expect(north[0]!.properties.name).toMatch(/Pyongyang/);
    expect(north[0]!.properties.population).toBeGreaterThan(1_000_000);
  });

  it('allows a site in the South and refuses one in the North or in the DMZ, saying why', async () => {
    const check = async (lat: number, lon: number) =>
      (
        await app.inject({ method: 'POST', url: '/api/planner/check-site', payload: { lat, lon } })
      ).json() as {
        allowed: boolean;
        reason: string | null;
      };
    expect((await check(37.94, 126.97)).allowed).toBe(true); // Gamaksan
    const kaesong = await check(37.97, 126.55);
    expect(kaesong.allowed).toBe(false);
    expect(kaesong.reason).toMatch(/North side/);
    const panmunjom = await check(37.956, 126.677);
    expect(panmunjom.allowed).toBe(false);
    expect(panmunjom.reason).toMatch(/DMZ/);
  });

  it('refuses a plan with a site moved into the North, naming the site', async () => {
    const sites = (dmz.sites as Array<Record<string, unknown>>).map((s) => ({ ...s }));
    sites[0] = { ...sites[0], lat: 38.5, lon: 126.6 };
    const reply = await app.inject({
      method: 'POST',
      url: '/api/planner/validate',
      payload: { plan: { ...dmz, sites } },
    });
    expect(reply.statusCode).toBe(400);
    const body = reply.json() as { error: string; issues: Array<{ path: string }> };
    expect(body.issues[0]!.path).toMatch(/sites\[0\] \(Gamaksan\)/);
    expect(body.error).toMatch(/North side/);
  });

  it('refuses plans that would read files on the server', async () => {
    const reply = await app.inject({
      method: 'POST',
      url: '/api/planner/validate',
      payload: { plan: { ...dmz, terrain: '/etc' } },
    });
    expect(reply.statusCode).toBe(400);
    expect((reply.json() as { error: string }).error).toMatch(/does not read files/);
  });

  it('gives the link budget from a site to a point, with the profile for the chart', async () => {
    const reply = await app.inject({
      method: 'POST',
      url: '/api/planner/link',
      payload: { plan: dmz, site: 0, lat: 38.2, lon: 126.8 },
    });
    expect(reply.statusCode).toBe(200);
    const link = reply.json() as {
      distanceKm: number;
      model: string;
      budget: { downlink: { marginDb: number }; uplink: { marginDb: number } };
      chart: { distanceKm: number[]; groundM: number[]; fresnelM: number[] };
    };
    expect(link.model).toBe('itm');
    expect(link.distanceKm).toBeGreaterThan(25);
    expect(link.distanceKm).toBeLessThan(35);
    expect(link.chart.groundM.length).toBe(link.chart.distanceKm.length);
    expect(link.chart.fresnelM.length).toBe(link.chart.distanceKm.length);
    expect(Number.isFinite(link.budget.uplink.marginDb)).toBe(true);
  });

  it('runs a coverage job with progress, then serves its layers and files; a job can be cancelled', async () => {
    // A small, quick plan: two of the example's sites, 40 km out, coarse grid.
    const sites = (dmz.sites as unknown[]).slice(0, 2);
    const plan = { ...dmz, sites, maxDistanceKm: 40, area: undefined, jammers: [] };
    const submitted = await app.inject({
      method: 'POST',
      url: '/api/planner/jobs',
      payload: { plan },
    });
    expect(submitted.statusCode).toBe(202);
    const { id } = submitted.json() as JobView;
    let view: JobView;
    for (;;) {
      view = (await app.inject(`/api/planner/jobs/${id}`)).json() as JobView;
      if (view.status !== 'queued' && view.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(view.error).toBeUndefined();
    expect(view.status).toBe('done');
    expect(view.summary!.layers.find((l) => l.id === 'two-way')).toBeDefined();
    expect(view.layers!.map((l) => l.id)).toContain('two-way');
    const layer = await app.inject(`/api/planner/jobs/${id}/layers/two-way.png`);
    expect(layer.statusCode).toBe(200);
    expect(pngSize(layer.rawPayload).width).toBeGreaterThan(0);
    const tif = await app.inject(`/api/planner/jobs/${id}/files/two-way.tif`);
    expect(tif.statusCode).toBe(200);
    expect(tif.headers['content-disposition']).toMatch(/attachment/);
    expect(tif.rawPayload.subarray(0, 2).toString()).toMatch(/II|MM/);
    const kmz = await app.inject(`/api/planner/jobs/${id}/files/coverage.kmz`);
    expect(kmz.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(
      (await app.inject(`/api/planner/jobs/${id}/files/..%2F..%2Fetc%2Fpasswd`)).statusCode,
    ).toBe(404);

    const again = await app.inject({
      method: 'POST',
      url: '/api/planner/jobs',
      payload: { plan: dmz },
    });
    const second = (again.json() as JobView).id;
    const cancel = await app.inject({ method: 'DELETE', url: `/api/planner/jobs/${second}` });
    expect((cancel.json() as { cancelled: boolean }).cancelled).toBe(true);
    for (;;) {
      view = (await app.inject(`/api/planner/jobs/${second}`)).json() as JobView;
      if (view.status !== 'queued' && view.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(view.status).toBe('cancelled');
  }, 120_000);
});
