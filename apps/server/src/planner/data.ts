/**
 * @module planner/data
 * What the planner serves from, loaded once when the server starts: the terrain (shared memory,
 * so coverage workers read it without a copy), the border model, the land polygons, the
 * populated places and the example plans.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parsePlanText } from '@tongilnet/coverage';
import {
  Mosaic,
  loadBorders,
  loadLand,
  loadPlaces,
  type Borders,
  type LandData,
  type Place,
} from '@tongilnet/geodata';

export interface PlannerOptions {
  /** Data directory: `terrain/` and `borders/nll.geojson` (see geodata's findDataDir). */
  dataDir: string;
  /** Terrain file or directory (default `<dataDir>/terrain`). */
  terrain?: string;
  /** Directory of example plans (`*.yaml`). */
  examplesDir: string;
  /** The example opened first (file stem, default `dmz`). */
  defaultExample?: string;
  /** Coverage worker threads (default: one per core). */
  workers?: number;
  /** Where job outputs are written (default: a fresh directory under the OS temp dir). */
  outDir?: string;
  /** Finished jobs kept (older ones and their files are deleted), default 10. */
  keepJobs?: number;
}

export interface Example {
  /** File stem: `dmz`. */
  id: string;
  /** `plan`: a whole plan; `jammers`: a list of jammers to add to a plan. */
  kind: 'plan' | 'jammers';
  title: string;
  /** The file as written (YAML). */
  text: string;
  /** The parsed file, with a `jammers: file.yaml` reference replaced by that file's list. */
  raw: Record<string, unknown>;
}

export interface PlannerData {
  options: PlannerOptions;
  terrain: Mosaic;
  borders: Borders;
  land: LandData;
  /** Places of both Koreas with a population figure, largest first. */
  places: Place[];
  /** The North's places (what the engine counts people with). */
  northPlaces: Place[];
  examples: Map<string, Example>;
}

function readExample(file: string): Example {
  const text = readFileSync(file, 'utf8');
  const parsed = parsePlanText(text, basename(file)).value;
  const id = basename(file).replace(/\.ya?ml$/i, '');
  let raw: Record<string, unknown>;
  if (Array.isArray(parsed)) raw = { jammers: parsed };
  else if (parsed !== null && typeof parsed === 'object') raw = { ...(parsed as object) };
  else throw new Error(`${file}: not a plan or a list of jammers`);
  const kind = Array.isArray(raw.sites) ? 'plan' : 'jammers';
  if (typeof raw.jammers === 'string') {
    const jammersFile = resolve(file, '..', raw.jammers);
    const list = readExample(jammersFile).raw.jammers;
    raw.jammers = Array.isArray(list) ? list : [];
  }
  const title = typeof raw.name === 'string' ? raw.name : id;
  return { id, kind, title, text, raw };
}

/** Every `*.yaml` in the examples directory, by file stem. */
export function readExamples(dir: string): Map<string, Example> {
  const out = new Map<string, Example>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/i.test(name)) continue;
    const example = readExample(join(dir, name));
    out.set(example.id, example);
  }
  return out;
}

export async function loadPlannerData(options: PlannerOptions): Promise<PlannerData> {
  const terrainPath = options.terrain ?? join(options.dataDir, 'terrain');
  const nll = join(options.dataDir, 'borders', 'nll.geojson');
  if (!existsSync(terrainPath)) throw new Error(`planner: no terrain at ${terrainPath}`);
  if (!existsSync(nll)) throw new Error(`planner: no Northern Limit Line at ${nll}`);
  const [terrain, borders, land] = await Promise.all([
    Mosaic.open(terrainPath, { shared: true }),
    loadBorders({ nll }),
    loadLand().then((l) => l.land),
  ]);
  const places = loadPlaces({ countries: ['KP', 'KR'] });
  return {
    options,
    terrain,
    borders,
    land,
    places,
    northPlaces: places.filter((p) => p.country === 'KP'),
    examples: readExamples(options.examplesDir),
  };
}
