/**
 * @module plugins/planner
 * The web planner's API under `/api/planner`, all from our own data (no third-party service):
 *
 * | route                                   | what                                                   |
 * | --------------------------------------- | ------------------------------------------------------ |
 * | `GET  /info`                            | terrain extent, map sources, examples, technologies    |
 * | `GET  /dem/:z/:x/:y.png`                | terrain as Terrain-RGB tiles (MapLibre's hillshade)    |
 * | `GET  /borders.geojson`                 | land by country, the MDL, the sea divide (NLL)         |
 * | `GET  /sides.png`                       | the North tinted and the DMZ grey, Mercator rows       |
 * | `GET  /places.geojson`                  | populated places of both Koreas with population        |
 * | `GET  /examples/:id`                    | an example plan (or jammer list): YAML and parsed      |
 * | `POST /check-site`                      | may a site stand here? (South side, outside the DMZ)   |
 * | `POST /validate`                        | the plan as the engine would run it, or its problems   |
 * | `POST /jobs`                            | runs a coverage job on worker threads                  |
 * | `GET  /jobs/:id`, `GET /jobs/:id/events`| its state; live progress as server-sent events         |
 * | `DELETE /jobs/:id`                      | cancels it                                             |
 * | `GET  /jobs/:id/layers/:layer.png`      | a result layer for the map (Mercator rows)             |
 * | `GET  /jobs/:id/files/:name`            | downloads: GeoTIFF, map PNG, KMZ, GeoJSON, summary     |
 * | `POST /link`                            | link budget from a site of the plan to a point         |
 *
 * Plans come from the page as the file format's object (what the YAML parses to). The page may not
 * name files on the server (terrain, population raster, antenna pattern): those stay for the CLI.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  PlanError,
  cellRangeIds,
  encodePng,
  RgbaImage,
  technology,
  technologyIds,
  validatePlan,
  type Plan,
} from '@tongilnet/coverage';
import { KP_PROVINCES, SIDE_CODE, type Borders } from '@tongilnet/geodata';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { loadPlannerData, type PlannerData, type PlannerOptions } from '../planner/data.ts';
import { DEM_TILE_SIZE, demMaxZoom, demTileRgba } from '../planner/dem-tile.ts';
import {
  MAP_BOX,
  SIDES_BOX,
  bordersGeoJson,
  placesGeoJson,
  sidesOverlay,
} from '../planner/geojson.ts';
import { JobManager, type JobView } from '../planner/jobs.ts';
import { linkToPoint } from '../planner/link.ts';
import { tileBounds } from '../planner/mercator.ts';

export type { PlannerOptions } from '../planner/data.ts';

const PREFIX = '/api/planner';

function knownCellRanges(id: string): readonly string[] | undefined {
  try {
    return cellRangeIds(id);
  } catch {
    return undefined;
  }
}

/** An error the page shows as it is: status, one-line message, and the plan's issues if any. */
class PlannerError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ReadonlyArray<{ path: string; problem: string }> = [],
  ) {
    super(message);
  }
}

/** Why a site may not stand at (lat, lon), or null when it may. */
export function siteRefusal(borders: Borders, lat: number, lon: number): string | null {
  let code: number;
  try {
    code = borders.sideCode(lat, lon);
  } catch (error) {
    return (error as Error).message;
  }
  switch (code) {
    case SIDE_CODE.south:
    case SIDE_CODE.seaSouth:
      return null;
    case SIDE_CODE.north:
      return 'this point is on the North side of the MDL; sites must stand on South Korean territory';
    case SIDE_CODE.seaNorth:
      return 'this point is at sea north of the NLL; sites must stand on the South side';
    case SIDE_CODE.dmzNorth:
    case SIDE_CODE.dmzSouth:
      return 'this point is inside the DMZ (within 2 km of the MDL); sites must stand south of it';
    case SIDE_CODE.abroad:
      return 'this point is in another country; sites must stand on South Korean territory';
    default:
      return 'this point is outside the region the border model covers';
  }
}

function number(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new PlannerError(
      400,
      `${what} = ${JSON.stringify(value)} is not a number in ${min}..${max}`,
    );
  }
  return value;
}

/** The page's plan object, validated as the engine will run it, with the web's extra rules. */
function checkPlan(data: PlannerData, raw: unknown): Plan {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PlannerError(400, 'plan: expected an object (the YAML file format)');
  }
  const obj = raw as Record<string, unknown>;
  const named: string[] = [];
  if (obj.terrain !== undefined) named.push('terrain');
  if (obj.population !== undefined && obj.population !== 'geonames') named.push('population');
  if (typeof obj.jammers === 'string') named.push('jammers');
  const emitters = [
    ...(Array.isArray(obj.sites) ? obj.sites : []),
    ...(Array.isArray(obj.jammers) ? obj.jammers : []),
  ] as Array<Record<string, unknown> | null>;
  for (const e of emitters) {
    const antenna = e?.antenna as Record<string, unknown> | undefined;
    if (antenna?.type === 'pattern' || antenna?.file !== undefined)
      named.push('antenna pattern files');
  }
  if (named.length > 0) {
    throw new PlannerError(
      400,
      `plan: the web planner does not read files on the server (${[...new Set(named)].join(', ')}); use tongilnet plan for those`,
    );
  }
  let plan: Plan;
  try {
    plan = validatePlan(raw, {
      technologies: technologyIds,
      cellRanges: knownCellRanges,
      baseDir: data.options.examplesDir,
    });
  } catch (error) {
    if (error instanceof PlanError) throw new PlannerError(400, error.message, error.issues);
    throw error;
  }
  const issues: Array<{ path: string; problem: string }> = [];
  plan.sites.forEach((site, i) => {
    const why = siteRefusal(data.borders, site.lat, site.lon);
    if (why) issues.push({ path: `sites[${i}] (${site.name})`, problem: why });
  });
  if (issues.length > 0) {
    throw new PlannerError(400, issues.map((i) => `${i.path}: ${i.problem}`).join('; '), issues);
  }
  return plan;
}

function sendPng(
  reply: FastifyReply,
  width: number,
  height: number,
  rgba: Uint8Array,
  maxAge: number,
) {
  const image = new RgbaImage(width, height);
  image.data.set(rgba);
  return reply
    .header('content-type', 'image/png')
    .header('cache-control', `public, max-age=${maxAge}`)
    .send(Buffer.from(encodePng(image)));
}

interface Loaded {
  data: PlannerData;
  jobs: JobManager;
  bordersJson: () => string;
  placesJson: () => string;
  sides: () => ReturnType<typeof sidesOverlay>;
  maxZoom: number;
}

function loaded(data: PlannerData, options: PlannerOptions): Loaded {
  return {
    data,
    jobs: new JobManager(data, {
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      keep: options.keepJobs ?? 10,
    }),
    bordersJson: once(() => JSON.stringify(bordersGeoJson(data.land, data.borders))),
    placesJson: once(() => JSON.stringify(placesGeoJson(data.places))),
    sides: once(() => sidesOverlay(data.borders)),
    maxZoom: demMaxZoom(data.terrain.resolutionArcSec),
  };
}

function once<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

export function plannerPlugin(app: FastifyInstance, options: PlannerOptions): Promise<void> {
  // The data (terrain, borders, places, examples: ~1 s) loads on the planner's first request, so a
  // server that only carries messages starts as fast as before and pays nothing for the planner.
  let loading: Promise<Loaded> | undefined;
  const ready = (): Promise<Loaded> =>
    (loading ??= loadPlannerData(options).then(
      (data) => loaded(data, options),
      (error: unknown) => {
        loading = undefined; // try again at the next request (the data may appear)
        throw new PlannerError(503, `the planner cannot start: ${(error as Error).message}`);
      },
    ));
  app.addHook('onClose', async () => {
    const done = await loading?.catch(() => undefined);
    await done?.jobs.close();
  });
  const demCache = new Map<string, Buffer>();

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof PlannerError) {
      return reply.code(error.status).send({ error: error.message, issues: error.issues });
    }
    if (error instanceof RangeError || error instanceof TypeError) {
      return reply.code(400).send({ error: error.message, issues: [] });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status < 500) {
      return reply.code(status).send({ error: (error as Error).message, issues: [] });
    }
    app.log.error({ msg: 'planner request failed', error: String(error) });
    return reply.code(500).send({ error: (error as Error).message, issues: [] });
  });

  app.get(`${PREFIX}/info`, async () => {
    const { data, maxZoom } = await ready();
    const t = data.terrain;
    return {
      terrain: { path: t.path, bounds: t.bounds, resolutionArcSec: t.resolutionArcSec },
      dem: {
        tiles: `${PREFIX}/dem/{z}/{x}/{y}.png`,
        tileSize: DEM_TILE_SIZE,
        maxzoom: maxZoom,
        bounds: [t.bounds.west, t.bounds.south, t.bounds.east, t.bounds.north],
      },
      mapBox: MAP_BOX,
      sidesBox: SIDES_BOX,
      examples: [...data.examples.values()].map((e) => ({
        id: e.id,
        kind: e.kind,
        title: e.title,
      })),
      defaultExample: options.defaultExample ?? 'dmz',
      technologies: technologyIds.map((id) => {
        const t = technology(id);
        return {
          id,
          name: t.name,
          dlMHz: t.dlFrequencyMHz,
          ulMHz: t.ulFrequencyMHz,
          cellRanges: knownCellRanges(id) ?? [],
        };
      }),
      provinces: KP_PROVINCES.map((p) => ({ en: p.en, ko: p.ko })),
    };
  });

  app.get<{ Params: { z: string; x: string; y: string } }>(
    `${PREFIX}/dem/:z/:x/:y.png`,
    async (request, reply) => {
      const { data, maxZoom } = await ready();
      const z = number(Number(request.params.z), 'z', 0, maxZoom);
      const n = 2 ** z;
      const x = number(Number(request.params.x), 'x', 0, n - 1);
      const y = number(Number(request.params.y), 'y', 0, n - 1);
      if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y)) {
        throw new PlannerError(400, `tile ${z}/${x}/${y}: whole numbers expected`);
      }
      const key = `${z}/${x}/${y}`;
      let png = demCache.get(key);
      if (!png) {
        const b = tileBounds(z, x, y);
        const t = data.terrain.bounds;
        const area = {
          south: Math.max(b.south, t.south),
          north: Math.min(b.north, t.north),
          west: Math.max(b.west, t.west),
          east: Math.min(b.east, t.east),
        };
        if (area.south < area.north && area.west < area.east) await data.terrain.preload(area);
        const image = new RgbaImage(DEM_TILE_SIZE, DEM_TILE_SIZE);
        image.data.set(demTileRgba(data.terrain.sampler(), z, x, y));
        png = Buffer.from(encodePng(image));
        if (demCache.size > 2000) demCache.delete(demCache.keys().next().value!);
        demCache.set(key, png);
      }
      return reply
        .header('content-type', 'image/png')
        .header('cache-control', 'public, max-age=86400')
        .send(png);
    },
  );

  app.get(`${PREFIX}/borders.geojson`, async (_request, reply) => {
    const { bordersJson } = await ready();
    return reply
      .type('application/geo+json')
      .header('cache-control', 'public, max-age=86400')
      .send(bordersJson());
  });
  app.get(`${PREFIX}/places.geojson`, async (_request, reply) => {
    const { placesJson } = await ready();
    return reply
      .type('application/geo+json')
      .header('cache-control', 'public, max-age=86400')
      .send(placesJson());
  });
  app.get(`${PREFIX}/sides.png`, async (_request, reply) => {
    const s = (await ready()).sides();
    return sendPng(reply, s.width, s.height, s.rgba, 86400);
  });

  app.get<{ Params: { id: string } }>(`${PREFIX}/examples/:id`, async (request) => {
    const { data } = await ready();
    const example = data.examples.get(request.params.id);
    if (!example) throw new PlannerError(404, `no example named "${request.params.id}"`);
    return example;
  });

  app.post<{ Body: { lat?: unknown; lon?: unknown } }>(`${PREFIX}/check-site`, async (request) => {
    const { data } = await ready();
    const lat = number(request.body?.lat, 'lat', -90, 90);
    const lon = number(request.body?.lon, 'lon', -180, 180);
    const refusal = siteRefusal(data.borders, lat, lon);
    let side: string | null;
    try {
      side = data.borders.whichSide(lat, lon);
    } catch {
      side = null;
    }
    return { allowed: refusal === null, side, reason: refusal };
  });

  app.post<{ Body: { plan?: unknown } }>(`${PREFIX}/validate`, async (request) => {
    const { data } = await ready();
    return { plan: checkPlan(data, request.body?.plan) };
  });

  app.post<{ Body: { plan?: unknown } }>(`${PREFIX}/jobs`, async (request, reply) => {
    const { data, jobs } = await ready();
    const plan = checkPlan(data, request.body?.plan);
    return reply.code(202).send(jobs.submit(plan));
  });

  const job = async (id: string): Promise<JobView> => {
    const view = (await ready()).jobs.get(id);
    if (!view)
      throw new PlannerError(404, `no job ${id} (finished jobs are kept for a while only)`);
    return view;
  };

  app.get<{ Params: { id: string } }>(`${PREFIX}/jobs/:id`, (request) => job(request.params.id));

  app.delete<{ Params: { id: string } }>(`${PREFIX}/jobs/:id`, async (request) => {
    await job(request.params.id);
    return { cancelled: (await ready()).jobs.cancel(request.params.id) };
  });

  // Server-sent events: one `data:` line of JSON per change, until the job ends.
  app.get<{ Params: { id: string } }>(`${PREFIX}/jobs/:id/events`, async (request, reply) => {
    const { jobs } = await ready();
    const first = await job(request.params.id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const send = (view: JobView) => res.write(`data: ${JSON.stringify(view)}\n\n`);
    const ended = (view: JobView) => view.status !== 'queued' && view.status !== 'running';
    send(first);
    if (ended(first)) {
      res.end();
      return;
    }
    const stop = jobs.listen(first.id, (view) => {
      send(view);
      if (ended(view)) {
        stop();
        res.end();
      }
    });
    request.raw.on('close', stop);
  });

  const fileOf = async (id: string, name: string): Promise<string> => {
    const dir = (await ready()).jobs.dirOf(id);
    const view = await job(id);
    if (!dir) throw new PlannerError(409, `job ${id} is ${view.status}, not done`);
    if (!view.files?.includes(name) && !/^web\/[\w-]+\.png$/.test(name)) {
      throw new PlannerError(404, `job ${id} has no file ${name}`);
    }
    const path = join(dir, name);
    if (!existsSync(path)) throw new PlannerError(404, `job ${id} has no file ${name}`);
    return path;
  };

  const types: Record<string, string> = {
    '.png': 'image/png',
    '.tif': 'image/tiff',
    '.kmz': 'application/vnd.google-earth.kmz',
    '.geojson': 'application/geo+json',
    '.json': 'application/json; charset=utf-8',
  };
  const typeOf = (name: string) =>
    types[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';

  app.get<{ Params: { id: string; layer: string } }>(
    `${PREFIX}/jobs/:id/layers/:layer.png`,
    async (request, reply) => {
      const path = await fileOf(request.params.id, `web/${request.params.layer}.png`);
      return reply
        .type('image/png')
        .header('cache-control', 'private, max-age=3600')
        .send(createReadStream(path));
    },
  );

  app.get<{ Params: { id: string; name: string } }>(
    `${PREFIX}/jobs/:id/files/:name`,
    async (request, reply) => {
      const { id, name } = request.params;
      const path = await fileOf(id, name);
      const plan =
        (await job(id)).plan
          .replace(/[^\w-]+/g, '-')
          .replace(/^-|-$/g, '')
          .toLowerCase() || 'plan';
      return reply
        .type(typeOf(name))
        .header('content-disposition', `attachment; filename="${plan}-${name}"`)
        .send(createReadStream(path));
    },
  );

  app.post<{ Body: { plan?: unknown; site?: unknown; lat?: unknown; lon?: unknown } }>(
    `${PREFIX}/link`,
    async (request) => {
      const { data } = await ready();
      const plan = checkPlan(data, request.body?.plan);
      const index = number(request.body?.site, 'site', 0, plan.sites.length - 1);
      const site = plan.sites[Math.floor(index)]!;
      const lat = number(request.body?.lat, 'lat', -90, 90);
      const lon = number(request.body?.lon, 'lon', -180, 180);
      if (!data.terrain.covers(lat, lon)) {
        throw new PlannerError(400, `${lat.toFixed(4)}, ${lon.toFixed(4)} is outside the terrain`);
      }
      return linkToPoint(data.terrain, plan, site, lat, lon);
    },
  );
  return Promise.resolve();
}
