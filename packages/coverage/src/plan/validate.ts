/**
 * @module plan/validate
 * Turns a parsed plan (from YAML or JSON) into a checked, normalised {@link Plan}. The file format:
 *
 * ```yaml
 * name: DMZ south side               # required
 * terrain: ../terrain                # optional: file or directory, relative to the plan file
 * area: { bbox: { south: 37.5, west: 125.5, north: 39.0, east: 128.5 } }
 *       # or { centre: { lat: 38.3, lon: 127.5 }, radiusKm: 50 }; default: around the sites
 * resolutionArcSec: 3                # optional; default the DEM's own spacing ("dem")
 * technology: lte-b8                 # radio's preset id; a site may override it
 * cellRange: prach-format-3          # the preset's range option (default: the preset's default)
 * model: itm                         # itm (default) | p526 | fspl | hata
 * reliability: { timePct: 50, locationPct: 50, situationPct: 50 }
 * environment: { climate: 5, n0: 301, epsilon: 15, sigma: 0.005, polarization: vertical,
 *                variability: mobile }   # ITM mdvar: single-message|accidental|mobile|broadcast
 * receiver: { heightM: 1.5, gainDbi: 0, bodyLossDb: 0 }
 * thresholds: { dlDbm: -110, ulDbm: -120, sinrDb: -3 }   # dl/ul default to the preset's
 * maxDistanceKm: 150                 # how far from each site to compute
 * population: geonames               # or { geotiff: people.tif }
 * sites:
 *   - { name: Gamaksan, lat: 37.94, lon: 126.97, heightM: 40, powerW: 40,
 *       antenna: { type: sector, gainDbi: 17, beamwidthDeg: 65, frontBackDb: 25 },
 *       azimuthDeg: 0, tiltDeg: 0, cableLossDb: 2, channel: 0 }
 * jammers: jammers.yaml              # or an inline list; jammer = site fields +
 *                                    # frequencyMHz + bandwidthMHz, or band: lte-b8 (its
 *                                    # downlink band; lte-b8/ul its uplink), dutyCycle (0..1)
 * ```
 *
 * Unknown fields are errors (a misspelt `heigthM` would otherwise silently take a default).
 */
import { isAbsolute, resolve } from 'node:path';
import { TECHNOLOGY_IDS, getTechnologyPreset } from '@tongilnet/radio';
import { Checker, PlanError, showValue, type FieldPath, type Raw } from './checker.ts';
import type {
  AntennaSpec,
  Area,
  Emitter,
  Environment,
  Jammer,
  ModelId,
  Plan,
  PopulationChoice,
  Receiver,
  Reliability,
  Site,
  Thresholds,
} from './types.ts';

export const modelIds: readonly ModelId[] = ['itm', 'p526', 'fspl', 'hata'];

export interface ValidateOptions {
  /** Directory relative paths in the plan are resolved against (the plan file's directory). */
  baseDir?: string;
  /** Known technology preset ids; when given, unknown ids are errors. */
  technologies?: readonly string[];
  /** The cell-range option ids of a technology (undefined for an unknown one). */
  cellRanges?: (technology: string) => readonly string[] | undefined;
  /** Maps a field path to its line in the source file, for messages. */
  locate?: (path: FieldPath) => number | undefined;
  /** The plan file's name, for messages. */
  file?: string;
  /** Jammers already loaded from a separate file (when `jammers:` names one). */
  jammers?: Jammer[];
}

const planKeys = [
  'name',
  'description',
  'terrain',
  'area',
  'resolutionArcSec',
  'technology',
  'cellRange',
  'model',
  'reliability',
  'environment',
  'receiver',
  'thresholds',
  'maxDistanceKm',
  'population',
  'sites',
  'jammers',
] as const;

const emitterKeys = [
  'name',
  'lat',
  'lon',
  'heightM',
  'powerDbm',
  'powerW',
  'antenna',
  'azimuthDeg',
  'tiltDeg',
  'cableLossDb',
];
const siteKeys = [...emitterKeys, 'technology', 'channel', 'cellRange'];
const jammerKeys = [...emitterKeys, 'band', 'frequencyMHz', 'bandwidthMHz', 'dutyCycle'];

function resolvePath(baseDir: string | undefined, path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir ?? process.cwd(), path);
}

function checkTechnology(
  c: Checker,
  id: string | undefined,
  path: FieldPath,
  known: readonly string[] | undefined,
): void {
  if (id === undefined || !known || known.includes(id)) return;
  c.fail(path, `${showValue(id)} is not a known technology preset (known: ${known.join(', ')})`);
}

function area(c: Checker, raw: unknown, path: FieldPath): Area | undefined {
  const obj = c.object(raw, path);
  if (!obj) return undefined;
  c.onlyKeys(obj, path, ['bbox', 'centre', 'center', 'radiusKm']);
  const centreKey = obj.centre !== undefined ? 'centre' : obj.center !== undefined ? 'center' : '';
  if (obj.bbox !== undefined && centreKey) {
    return c.fail(path, 'give either bbox or centre+radiusKm, not both');
  }
  if (obj.bbox !== undefined) {
    const at = [...path, 'bbox'];
    const b = c.object(obj.bbox, at);
    if (!b) return undefined;
    c.onlyKeys(b, at, ['south', 'west', 'north', 'east']);
    const south = c.number(b, 'south', at, { min: -90, max: 90, required: true });
    const north = c.number(b, 'north', at, { min: -90, max: 90, required: true });
    const west = c.number(b, 'west', at, { min: -180, max: 180, required: true });
    const east = c.number(b, 'east', at, { min: -180, max: 180, required: true });
    if (south === undefined || north === undefined || west === undefined || east === undefined) {
      return undefined;
    }
    if (north <= south) return c.fail([...at, 'north'], `${north} must be above south (${south})`);
    if (east <= west) return c.fail([...at, 'east'], `${east} must be east of west (${west})`);
    return { kind: 'bbox', bbox: { south, west, north, east } };
  }
  if (centreKey) {
    const at = [...path, centreKey];
    const centre = c.object(obj[centreKey], at);
    const radiusKm = c.number(obj, 'radiusKm', path, {
      min: 0,
      minExclusive: true,
      max: 2000,
      required: true,
    });
    if (!centre) return undefined;
    c.onlyKeys(centre, at, ['lat', 'lon']);
    const lat = c.number(centre, 'lat', at, { min: -90, max: 90, required: true });
    const lon = c.number(centre, 'lon', at, { min: -180, max: 180, required: true });
    if (lat === undefined || lon === undefined || radiusKm === undefined) return undefined;
    return { kind: 'circle', lat, lon, radiusKm };
  }
  return c.fail(path, 'needs bbox: {south, west, north, east} or centre: {lat, lon} with radiusKm');
}

function antenna(c: Checker, raw: unknown, path: FieldPath, baseDir?: string): AntennaSpec {
  const fallback: AntennaSpec = { type: 'omni', gainDbi: 0 };
  if (raw === undefined || raw === null) return fallback;
  if (raw === 'omni') return fallback;
  const obj = c.object(raw, path);
  if (!obj) return fallback;
  const type = c.choice(obj, 'type', path, ['omni', 'sector', 'pattern'] as const, 'omni');
  const gain = { min: -20, max: 40 };
  if (obj.type === undefined) c.fail([...path, 'type'], 'is required (omni, sector or pattern)');
  if (type === 'omni') {
    c.onlyKeys(obj, path, ['type', 'gainDbi']);
    return { type, gainDbi: c.number(obj, 'gainDbi', path, gain, 0) };
  }
  if (type === 'sector') {
    c.onlyKeys(obj, path, [
      'type',
      'gainDbi',
      'beamwidthDeg',
      'verticalBeamwidthDeg',
      'frontBackDb',
    ]);
    return {
      type,
      gainDbi: c.number(obj, 'gainDbi', path, gain, 17),
      beamwidthDeg: c.number(obj, 'beamwidthDeg', path, { min: 1, max: 360 }, 65),
      verticalBeamwidthDeg: c.number(obj, 'verticalBeamwidthDeg', path, { min: 1, max: 180 }, 7),
      frontBackDb: c.number(obj, 'frontBackDb', path, { min: 0, max: 80 }, 25),
    };
  }
  c.onlyKeys(obj, path, ['type', 'file', 'gainDbi']);
  const file = c.string(obj, 'file', path, true);
  const gainDbi = c.number(obj, 'gainDbi', path, gain);
  return {
    type,
    file: resolvePath(baseDir, file ?? ''),
    ...(gainDbi !== undefined ? { gainDbi } : {}),
  };
}

function emitter(
  c: Checker,
  obj: Raw,
  path: FieldPath,
  index: number,
  baseDir?: string,
): Emitter | undefined {
  const name = c.string(obj, 'name', path, false) ?? `#${index + 1}`;
  if (obj.name === undefined) c.fail([...path, 'name'], 'is required');
  const lat = c.number(obj, 'lat', path, { min: -90, max: 90, required: true });
  const lon = c.number(obj, 'lon', path, { min: -180, max: 180, required: true });
  const heightM = c.number(obj, 'heightM', path, { min: 0, max: 3000, required: true });
  let powerDbm: number | undefined;
  if (obj.powerDbm !== undefined && obj.powerW !== undefined) {
    c.fail([...path, 'powerW'], 'give powerDbm or powerW, not both');
  } else if (obj.powerW !== undefined) {
    const w = c.number(obj, 'powerW', path, { min: 0, minExclusive: true, max: 1e7 });
    if (w !== undefined) powerDbm = 10 * Math.log10(w * 1000);
  } else if (obj.powerDbm !== undefined) {
    powerDbm = c.number(obj, 'powerDbm', path, { min: -30, max: 100 });
  } else {
    c.fail([...path, 'powerDbm'], 'is required (or powerW)');
  }
  const spec = antenna(c, obj.antenna, [...path, 'antenna'], baseDir);
  const azimuthDeg = c.number(obj, 'azimuthDeg', path, { min: 0, max: 360 }, 0);
  const tiltDeg = c.number(obj, 'tiltDeg', path, { min: -90, max: 90 }, 0);
  const cableLossDb = c.number(obj, 'cableLossDb', path, { min: 0, max: 60 }, 0);
  if (lat === undefined || lon === undefined || heightM === undefined || powerDbm === undefined) {
    return undefined;
  }
  return { name, lat, lon, heightM, powerDbm, antenna: spec, azimuthDeg, tiltDeg, cableLossDb };
}

function uniqueNames(c: Checker, list: { name: string }[], path: FieldPath): void {
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const first = seen.get(item.name);
    if (first !== undefined) {
      c.fail([...path, i, 'name'], `${showValue(item.name)} repeats ${formatIndex(path, first)}`);
    } else seen.set(item.name, i);
  });
}

function formatIndex(path: FieldPath, i: number): string {
  return `${String(path[path.length - 1])}[${i}]`;
}

/** Band edges (MHz) of `id` (a technology preset's downlink band) or `id/ul` (its uplink). */
function bandEdges(band: string): readonly [number, number] | undefined {
  const [id, direction] = band.split('/');
  if (
    !id ||
    !TECHNOLOGY_IDS.includes(id) ||
    (direction && direction !== 'ul' && direction !== 'dl')
  ) {
    return undefined;
  }
  const preset = getTechnologyPreset(id);
  return direction === 'ul' ? preset.uplinkBandMhz : preset.downlinkBandMhz;
}

/** Checks a list of jammers (inline in a plan, or the `jammers:` of a separate file). */
export function validateJammers(
  c: Checker,
  raw: unknown,
  path: FieldPath,
  baseDir?: string,
): Jammer[] {
  const list = c.list(raw, path);
  if (!list) return [];
  const out: Jammer[] = [];
  list.forEach((item, i) => {
    const at = [...path, i];
    const obj = c.object(item, at);
    if (!obj) return;
    c.onlyKeys(obj, at, jammerKeys);
    const base = emitter(c, obj, at, i, baseDir);
    let frequencyMHz: number | undefined;
    let bandwidthMHz: number | undefined;
    if (obj.band !== undefined) {
      if (obj.frequencyMHz !== undefined || obj.bandwidthMHz !== undefined) {
        c.fail([...at, 'band'], 'give band or frequencyMHz/bandwidthMHz, not both');
      }
      const band = c.string(obj, 'band', at, true);
      const edges = band ? bandEdges(band) : undefined;
      if (band && !edges) {
        c.fail(
          [...at, 'band'],
          `${showValue(band)} is not a technology band (e.g. lte-b8, lte-b8/ul; known: ${TECHNOLOGY_IDS.join(', ')})`,
        );
      } else if (edges) {
        frequencyMHz = (edges[0] + edges[1]) / 2;
        bandwidthMHz = edges[1] - edges[0];
      }
    } else {
      frequencyMHz = c.number(obj, 'frequencyMHz', at, { min: 20, max: 100_000, required: true });
      bandwidthMHz = c.number(
        obj,
        'bandwidthMHz',
        at,
        { min: 0, minExclusive: true, max: 10_000 },
        10,
      );
    }
    const dutyCycle = c.number(obj, 'dutyCycle', at, { min: 0, minExclusive: true, max: 1 }, 1);
    if (base && frequencyMHz !== undefined && bandwidthMHz !== undefined) {
      out.push({ ...base, frequencyMHz, bandwidthMHz, dutyCycle });
    }
  });
  uniqueNames(c, out, path);
  return out;
}

function sites(
  c: Checker,
  raw: unknown,
  path: FieldPath,
  technology: string,
  cellRange: string | undefined,
  options: ValidateOptions,
): Site[] {
  if (raw === undefined) {
    c.fail(path, 'is required: a list of at least one site');
    return [];
  }
  const list = c.list(raw, path);
  if (!list) return [];
  if (list.length === 0) c.fail(path, 'must list at least one site');
  const out: Site[] = [];
  list.forEach((item, i) => {
    const at = [...path, i];
    const obj = c.object(item, at);
    if (!obj) return;
    c.onlyKeys(obj, at, siteKeys);
    const base = emitter(c, obj, at, i, options.baseDir);
    const tech = c.string(obj, 'technology', at, false, technology);
    if (obj.technology !== undefined) {
      checkTechnology(c, tech, [...at, 'technology'], options.technologies);
    }
    const channel = c.number(obj, 'channel', at, { min: 0, max: 100_000, integer: true }, 0);
    const range = c.string(obj, 'cellRange', at, false) ?? cellRange;
    const known = range && tech ? options.cellRanges?.(tech) : undefined;
    if (range && known && !known.includes(range)) {
      const where = obj.cellRange !== undefined ? [...at, 'cellRange'] : ['cellRange'];
      c.fail(
        where,
        `${showValue(range)} is not a cell range of ${tech} (known: ${known.join(', ')})`,
      );
    }
    if (base)
      out.push({ ...base, technology: tech, channel, ...(range ? { cellRange: range } : {}) });
  });
  uniqueNames(c, out, path);
  return out;
}

function reliability(c: Checker, raw: unknown, path: FieldPath): Reliability {
  const obj = raw === undefined ? {} : (c.object(raw, path) ?? {});
  c.onlyKeys(obj, path, ['timePct', 'locationPct', 'situationPct']);
  // ITM's TLS variant takes 0 < p < 100 [NTIA itm, ValidateInputs].
  const pct = { min: 0, max: 100, minExclusive: true, maxExclusive: true };
  return {
    timePct: c.number(obj, 'timePct', path, pct, 50),
    locationPct: c.number(obj, 'locationPct', path, pct, 50),
    situationPct: c.number(obj, 'situationPct', path, pct, 50),
  };
}

function environment(c: Checker, raw: unknown, path: FieldPath): Environment {
  const obj = raw === undefined ? {} : (c.object(raw, path) ?? {});
  c.onlyKeys(obj, path, ['climate', 'n0', 'epsilon', 'sigma', 'polarization', 'variability']);
  // Ranges follow NTIA ITM's ValidateInputs error limits.
  return {
    climate: c.number(obj, 'climate', path, { min: 1, max: 7, integer: true }, 5),
    n0: c.number(obj, 'n0', path, { min: 250, max: 400 }, 301),
    epsilon: c.number(obj, 'epsilon', path, { min: 1, minExclusive: true, max: 100 }, 15),
    sigma: c.number(obj, 'sigma', path, { min: 0, minExclusive: true, max: 100 }, 0.005),
    polarization: c.choice(obj, 'polarization', path, ['horizontal', 'vertical'], 'vertical'),
    variability: c.choice(
      obj,
      'variability',
      path,
      ['single-message', 'accidental', 'mobile', 'broadcast'],
      'mobile',
    ),
  };
}

function receiver(c: Checker, raw: unknown, path: FieldPath): Receiver {
  const obj = raw === undefined ? {} : (c.object(raw, path) ?? {});
  c.onlyKeys(obj, path, ['heightM', 'gainDbi', 'bodyLossDb']);
  return {
    heightM: c.number(obj, 'heightM', path, { min: 0.5, max: 3000 }, 1.5),
    gainDbi: c.number(obj, 'gainDbi', path, { min: -20, max: 30 }, 0),
    bodyLossDb: c.number(obj, 'bodyLossDb', path, { min: 0, max: 60 }, 0),
  };
}

function thresholds(c: Checker, raw: unknown, path: FieldPath): Thresholds {
  const obj = raw === undefined ? {} : (c.object(raw, path) ?? {});
  c.onlyKeys(obj, path, ['dlDbm', 'ulDbm', 'sinrDb']);
  const dlDbm = c.number(obj, 'dlDbm', path, { min: -200, max: 0 });
  const ulDbm = c.number(obj, 'ulDbm', path, { min: -200, max: 0 });
  return {
    ...(dlDbm !== undefined ? { dlDbm } : {}),
    ...(ulDbm !== undefined ? { ulDbm } : {}),
    sinrDb: c.number(obj, 'sinrDb', path, { min: -30, max: 60 }, 0),
  };
}

function population(c: Checker, raw: unknown, path: FieldPath, baseDir?: string): PopulationChoice {
  if (raw === undefined || raw === null || raw === 'geonames') return { source: 'geonames' };
  if (typeof raw === 'string') {
    c.fail(path, `${showValue(raw)} is not geonames or { geotiff: FILE }`);
    return { source: 'geonames' };
  }
  const obj = c.object(raw, path);
  if (!obj) return { source: 'geonames' };
  c.onlyKeys(obj, path, ['geotiff']);
  const file = c.string(obj, 'geotiff', path, true);
  return file ? { source: 'geotiff', file: resolvePath(baseDir, file) } : { source: 'geonames' };
}

/**
 * Validates a parsed plan. Throws a {@link PlanError} listing every problem found, each naming
 * the field path and the value.
 */
export function validatePlan(raw: unknown, options: ValidateOptions = {}): Plan {
  const c = new Checker(options.locate);
  const obj = c.object(raw, []);
  if (!obj) throw new PlanError(c.issues, options.file);
  c.onlyKeys(obj, [], planKeys);
  const name = c.string(obj, 'name', [], true) ?? '';
  const description = c.string(obj, 'description', [], false);
  const terrainText = c.string(obj, 'terrain', [], false);
  const technology = c.string(obj, 'technology', [], true) ?? '';
  const cellRange = c.string(obj, 'cellRange', [], false);
  checkTechnology(c, obj.technology as string | undefined, ['technology'], options.technologies);
  let resolutionArcSec: number | undefined;
  if (obj.resolutionArcSec !== 'dem') {
    resolutionArcSec = c.number(obj, 'resolutionArcSec', [], { min: 0.1, max: 3600 });
  }
  const plan: Plan = {
    name,
    ...(description !== undefined ? { description } : {}),
    ...(terrainText !== undefined ? { terrain: resolvePath(options.baseDir, terrainText) } : {}),
    ...(obj.area !== undefined ? { area: area(c, obj.area, ['area']) } : {}),
    ...(resolutionArcSec !== undefined ? { resolutionArcSec } : {}),
    technology,
    ...(cellRange !== undefined ? { cellRange } : {}),
    model: c.choice(obj, 'model', [], modelIds, 'itm'),
    reliability: reliability(c, obj.reliability, ['reliability']),
    environment: environment(c, obj.environment, ['environment']),
    receiver: receiver(c, obj.receiver, ['receiver']),
    thresholds: thresholds(c, obj.thresholds, ['thresholds']),
    maxDistanceKm: c.number(
      obj,
      'maxDistanceKm',
      [],
      { min: 0, minExclusive: true, max: 2000 },
      150,
    ),
    population: population(c, obj.population, ['population'], options.baseDir),
    sites: sites(c, obj.sites, ['sites'], technology, cellRange, options),
    jammers: [],
  };
  if (plan.area === undefined) delete plan.area;
  if (options.jammers) plan.jammers = options.jammers;
  else if (typeof obj.jammers === 'string') {
    c.fail(['jammers'], `${showValue(obj.jammers)} names a file; load the plan with loadPlanFile`);
  } else if (obj.jammers !== undefined && obj.jammers !== null) {
    plan.jammers = validateJammers(c, obj.jammers, ['jammers'], options.baseDir);
  }
  if (c.issues.length > 0) throw new PlanError(c.issues, options.file);
  return plan;
}
