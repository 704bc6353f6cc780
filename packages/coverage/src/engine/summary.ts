/**
 * @module engine/summary
 * The numbers a planner reads first: area (km²) and people reached in each layer, per site and per
 * band, on the North side; the farthest point each site reaches into the North; which population
 * source was used and what it cannot see. Serialised as `summary.json`.
 */
import { PolylineDistance, SIDE_CODE, type Borders } from '@tongilnet/geodata';
import type { Plan } from '../plan/types.ts';
import type { Grid } from '../raster/grid.ts';
import { type GridSpec } from '../raster/grid.ts';
import type { CombinedLayers, JammerLayers, SiteLayers } from './combine.ts';
import { sphericalDistanceM } from './geometry.ts';
import type { PeopleCount, PeopleCounter, PeopleSourceInfo } from './people.ts';
import type { TechParams } from './technology.ts';

export interface AreaCount {
  /** Area of the layer's cells, km². */
  areaKm2: number;
  /** Of which on the North side (land north of the MDL, including the North's half of the DMZ). */
  northAreaKm2: number;
  /** People on the North side inside the layer (null without a population source or borders). */
  people: PeopleCount | null;
}

export interface LayerSummary extends AreaCount {
  id: LayerId;
  title: string;
  /** What "inside" means for this layer. */
  rule: string;
}

export type LayerId = 'downlink' | 'uplink' | 'two-way' | 'sinr' | 'served-under-jamming';

export interface FarthestPoint {
  lat: number;
  lon: number;
  /** From the site, km. */
  distanceKm: number;
  /** From the divide (the MDL on land, the NLL at sea), km: how deep into the North. */
  depthKm: number | null;
}

export interface SiteSummary extends AreaCount {
  name: string;
  technology: string;
  /** The range limit applied, km, and what sets it. */
  rangeKm: number;
  rangeLimit: string;
  dlThresholdDbm: number;
  ulThresholdDbm: number;
  /** Noise rise at the site's receiver from jammers in its uplink band, dB. */
  ulNoiseRiseDb: number;
  /** Share of this site's DL-covered cells where the uplink is what fails (the weak link). */
  uplinkLimitedShare: number;
  /** The two-way-served North cell farthest from the site. */
  farthestNorth: FarthestPoint | null;
}

export interface BandSummary extends AreaCount {
  technology: string;
  name: string;
  sites: string[];
}

export interface CoverageSummary {
  plan: string;
  mode: string;
  model: string;
  grid: GridSpec & { cells: number; resolutionArcSec: number };
  terrain: {
    path: string;
    resolutionArcSec: number;
    /** 1° cells the area touches that no terrain tile covers. */
    missingCells: string[];
    /** Cells whose profile left the terrain or met a void (left without a value). */
    terrainMisses: number;
  };
  population: (PeopleSourceInfo & { note: string }) | null;
  borders: string | null;
  reliability: Plan['reliability'];
  thresholds: { sinrDb: number };
  layers: LayerSummary[];
  sites: SiteSummary[];
  bands: BandSummary[];
  jammers: {
    name: string;
    frequencyMHz: number;
    bandwidthMHz: number;
    dutyCycle: number;
    powerDbm: number;
  }[];
  timing: {
    seconds: number;
    lossSeconds: number;
    cells: number;
    cellsPerSecond: number;
    workers: number;
  };
}

export interface SummaryInput {
  plan: Plan;
  mode: string;
  grid: Grid;
  techs: TechParams[];
  sites: SiteLayers[];
  jammers: JammerLayers[];
  layers: CombinedLayers;
  sides: Uint8Array | null;
  borders?: Borders;
  people?: PeopleCounter;
  terrain: CoverageSummary['terrain'];
  timing: { seconds: number; lossSeconds: number; cells: number; workers: number };
}

const isNorth = (code: number) => code === SIDE_CODE.north || code === SIDE_CODE.dmzNorth;
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Area and North-side people of a mask over `grid` (sides: the same grid's side codes). */
function countMask(
  grid: Grid,
  mask: Uint8Array,
  sides: Uint8Array | null,
  people: PeopleCounter | undefined,
): AreaCount {
  let area = 0;
  let north = 0;
  const northMask = new Uint8Array(mask.length);
  for (let row = 0; row < grid.height; row++) {
    const a = grid.cellAreaKm2(row);
    for (let col = 0; col < grid.width; col++) {
      const i = row * grid.width + col;
      if (mask[i] !== 1) continue;
      area += a;
      if (sides && isNorth(sides[i]!)) {
        north += a;
        northMask[i] = 1;
      }
    }
  }
  return {
    areaKm2: round(area),
    northAreaKm2: round(north),
    people: people && sides ? people.count(grid, northMask) : null,
  };
}

/** A window's slice of the whole grid's side codes. */
function windowSides(grid: Grid, window: Grid, sides: Uint8Array | null): Uint8Array | null {
  if (!sides) return null;
  const col0 = Math.round((window.west - grid.west) / grid.stepLon);
  const row0 = Math.round((grid.north - window.north) / grid.stepLat);
  const out = new Uint8Array(window.size);
  for (let r = 0; r < window.height; r++) {
    const from = (row0 + r) * grid.width + col0;
    out.set(sides.subarray(from, from + window.width), r * window.width);
  }
  return out;
}

export function summarise(input: SummaryInput): CoverageSummary {
  const { plan, grid, layers, sides, people, borders } = input;
  // The whole divide: the NLL through the Han estuary joined to the MDL (geodata's sea divide), so
  // a point in South Hwanghae is measured from the NLL it lies behind, not from the MDL's end.
  const divide = borders ? new PolylineDistance(borders.seaDivide.line) : null;
  const n = grid.size;
  const masks: Record<LayerId, Uint8Array> = {
    downlink: new Uint8Array(n),
    uplink: new Uint8Array(n),
    'two-way': new Uint8Array(n),
    sinr: new Uint8Array(n),
    'served-under-jamming': new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const s = layers.bestServer.data[i]!;
    if (s < 0) continue;
    if (layers.dl.data[i]! >= input.sites[s]!.dlThresholdDbm) masks.downlink[i] = 1;
    if (layers.ulMargin.data[i]! >= 0) masks.uplink[i] = 1;
    if (layers.twoWay.data[i] === 1) masks['two-way'][i] = 1;
    if (layers.sinr.data[i]! >= plan.thresholds.sinrDb) masks.sinr[i] = 1;
    if (layers.servedUnderJamming.data[i] === 1) masks['served-under-jamming'][i] = 1;
  }
  const titles: Record<LayerId, [string, string]> = {
    downlink: ['Downlink', 'best server level ≥ its DL threshold, within range'],
    uplink: ['Uplink', 'handset heard by the best server: UL margin ≥ 0 dB, within range'],
    'two-way': ['Two-way service', 'downlink and uplink both clear at the best server'],
    sinr: ['SINR', `SINR ≥ ${plan.thresholds.sinrDb} dB with co-channel sites and jammers`],
    'served-under-jamming': [
      'Served under jamming',
      'two-way, SINR ≥ threshold, and the uplink margin survives the jammers’ noise rise',
    ],
  };
  const layerSummaries: LayerSummary[] = (Object.keys(masks) as LayerId[]).map((id) => ({
    id,
    title: titles[id][0],
    rule: titles[id][1],
    ...countMask(grid, masks[id], sides, people),
  }));

  const siteSummaries: SiteSummary[] = input.sites.map((layer) => {
    const w = layer.window;
    const wSides = windowSides(grid, w, sides);
    const mask = new Uint8Array(w.size);
    let dlCovered = 0;
    let ulLimited = 0;
    let far: FarthestPoint | null = null;
    for (let row = 0; row < w.height; row++) {
      const lat = w.latOf(row);
      for (let col = 0; col < w.width; col++) {
        const i = row * w.width + col;
        if (layer.dlDbm.data[i]! >= layer.dlThresholdDbm) {
          dlCovered++;
          if (!(layer.ulMarginDb.data[i]! >= 0)) ulLimited++;
        }
        if (layer.twoWay.data[i] !== 1) continue;
        mask[i] = 1;
        if (!wSides || !isNorth(wSides[i]!)) continue;
        const lon = w.lonOf(col);
        const d = sphericalDistanceM(layer.site.lat, layer.site.lon, lat, lon) / 1000;
        if (!far || d > far.distanceKm) far = { lat, lon, distanceKm: d, depthKm: null };
      }
    }
    if (far) {
      far = {
        lat: round(far.lat, 5),
        lon: round(far.lon, 5),
        distanceKm: round(far.distanceKm),
        depthKm: divide ? round(divide.exactM(far.lat, far.lon) / 1000) : null,
      };
    }
    return {
      name: layer.site.name,
      technology: layer.tech.id,
      rangeKm: layer.tech.maxRangeKm,
      rangeLimit: layer.tech.rangeLimit,
      dlThresholdDbm: layer.dlThresholdDbm,
      ulThresholdDbm: layer.ulThresholdDbm,
      ulNoiseRiseDb: round(layer.ulNoiseRiseDb),
      uplinkLimitedShare: dlCovered === 0 ? 0 : round(ulLimited / dlCovered, 3),
      ...countMask(w, mask, wSides, people),
      farthestNorth: far,
    };
  });

  const bandIds = [...new Set(input.sites.map((l) => l.tech.id))];
  const bands: BandSummary[] = bandIds.map((id) => {
    const mask = new Uint8Array(n);
    const members = input.sites.filter((l) => l.tech.id === id);
    for (const layer of members) {
      const w = layer.window;
      const col0 = Math.round((w.west - grid.west) / grid.stepLon);
      const row0 = Math.round((grid.north - w.north) / grid.stepLat);
      for (let r = 0; r < w.height; r++) {
        for (let c = 0; c < w.width; c++) {
          if (layer.twoWay.data[r * w.width + c] === 1)
            mask[(row0 + r) * grid.width + col0 + c] = 1;
        }
      }
    }
    return {
      technology: id,
      name: members[0]!.tech.name,
      sites: members.map((l) => l.site.name),
      ...countMask(grid, mask, sides, people),
    };
  });

  const res = grid.stepLat * 3600;
  return {
    plan: plan.name,
    mode: input.mode,
    model: plan.model,
    grid: { ...grid.toJSON(), cells: grid.size, resolutionArcSec: round(res, 4) },
    terrain: input.terrain,
    population: people
      ? {
          ...people.source,
          note:
            people.source.kind === 'points'
              ? 'point sources count only named places: people outside the listed towns are not counted'
              : 'persons per pixel, shared out by the area of each pixel that falls in the layer',
        }
      : null,
    borders: borders
      ? 'geodata borders: MDL derived from OSM land polygons, NLL at sea; North = land north of the MDL incl. the North half of the DMZ'
      : null,
    reliability: plan.reliability,
    thresholds: { sinrDb: plan.thresholds.sinrDb },
    layers: layerSummaries,
    sites: siteSummaries,
    bands,
    jammers: input.jammers.map((j) => ({
      name: j.jammer.name,
      frequencyMHz: j.jammer.frequencyMHz,
      bandwidthMHz: j.jammer.bandwidthMHz,
      dutyCycle: j.jammer.dutyCycle,
      powerDbm: round(j.jammer.powerDbm),
    })),
    timing: {
      seconds: round(input.timing.seconds, 3),
      lossSeconds: round(input.timing.lossSeconds, 3),
      cells: input.timing.cells,
      cellsPerSecond: Math.round(input.timing.cells / Math.max(input.timing.lossSeconds, 1e-9)),
      workers: input.timing.workers,
    },
  };
}
