/**
 * @module output/write
 * Writes a coverage result as the files planners' tools open, into one directory:
 *
 * | file | what |
 * |---|---|
 * | `summary.json` | areas, people, per site / band / layer, farthest points, sources, timing |
 * | `plan.json` | the plan as validated (defaults filled in), for reproducibility |
 * | `<layer>.tif` | float32 GeoTIFF, EPSG:4326, nodata −9999 |
 * | `<layer>.png` | map with shaded terrain, the border, sites, jammers and a legend |
 * | `coverage.kmz` | every layer as a Google Earth ground overlay (PNG + legend inside) |
 * | `coverage.kml` + `kml/*.png` | the same, unzipped |
 * | `contours.geojson` | the layers' threshold contours, lon/lat |
 * | `sites/<site>-{loss-db,dl-dbm,ul-margin-db}.tif` | each site's own rasters |
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Borders } from '@tongilnet/geodata';
import type { CoverageResult } from '../engine/run.ts';
import type { Raster } from '../raster/raster.ts';
import { contourFeatures, featureCollection, type ContourFeature } from './contours.ts';
import { encodeGeoTiff } from './geotiff.ts';
import { groundOverlayKml, kmz, type OverlaySpec } from './kml.ts';
import { encodePng, renderLegend, renderMap, renderOverlay, type MapLines } from './png.ts';
import { categoryStyle, levelStyle, maskStyle, type LayerStyle } from './style.ts';

export interface OutputLayer {
  /** File stem: `downlink-dbm`. */
  id: string;
  title: string;
  unit: string;
  raster: Raster;
  style: LayerStyle;
  /** Values at which to draw contours. */
  contours: number[];
}

/** The combined layers with their styles and contour levels. */
export function outputLayers(result: CoverageResult): OutputLayer[] {
  const { layers, sites, plan } = result;
  const dlThresholds = [...new Set(sites.map((s) => s.dlThresholdDbm))].sort((a, b) => a - b);
  const dlMin = dlThresholds[0] ?? -100;
  const sinr = plan.thresholds.sinrDb;
  return [
    {
      id: 'downlink-dbm',
      title: 'Downlink level (best server), dBm',
      unit: 'dBm',
      raster: layers.dl,
      style: levelStyle('Downlink, dBm', 'dBm', dlMin, 10, 6),
      contours: dlThresholds,
    },
    {
      id: 'uplink-margin-db',
      title: 'Uplink margin at the best server, dB',
      unit: 'dB',
      raster: layers.ulMargin,
      style: levelStyle('Uplink margin, dB', 'dB', 0, 5, 6),
      contours: [0],
    },
    {
      id: 'two-way',
      title: 'Two-way service (1 = served)',
      unit: '',
      raster: layers.twoWay,
      style: maskStyle('Two-way service', 'DL and UL both clear', [40, 160, 70, 200]),
      contours: [0.5],
    },
    {
      id: 'best-server',
      title: 'Best server (index into the plan’s sites)',
      unit: '',
      raster: layers.bestServer,
      style: categoryStyle(
        'Best server',
        sites.map((s) => s.site.name),
      ),
      contours: [],
    },
    {
      id: 'sinr-db',
      title: 'SINR at the best server (co-channel sites and jammers), dB',
      unit: 'dB',
      raster: layers.sinr,
      style: levelStyle('SINR, dB', 'dB', sinr, 5, 6),
      contours: [sinr],
    },
    {
      id: 'served-under-jamming',
      title: 'Served under jamming (1 = served)',
      unit: '',
      raster: layers.servedUnderJamming,
      style: maskStyle('Served under jamming', 'two-way despite jammers', [200, 60, 160, 200]),
      contours: [0.5],
    },
  ];
}

/** Safe file name for a site: letters, digits, dashes. */
export function fileStem(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'site'
  );
}

/** The MDL/NLL as polylines for the maps. */
export function borderLines(borders: Borders): MapLines[] {
  const toPairs = (flat: readonly number[]) => {
    const out: [number, number][] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
    return out;
  };
  return [
    { label: 'MDL', color: [150, 0, 0, 255], width: 2, lines: [toPairs(borders.mdl.coords)] },
    {
      label: 'NLL / sea divide',
      color: [150, 0, 0, 160],
      width: 1,
      lines: [toPairs(borders.seaDivide.line)],
    },
  ];
}

export interface WriteOptions {
  borders?: Borders;
  /** Map width in pixels (default 1000). */
  mapWidth?: number;
}

/** Writes every output file into `dir` (created if needed); returns the paths written. */
export function writeOutputs(
  result: CoverageResult,
  dir: string,
  options: WriteOptions = {},
): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const put = (name: string, bytes: Uint8Array | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    written.push(path);
  };
  const summary = result.summary;
  put('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
  put('plan.json', `${JSON.stringify(result.plan, null, 2)}\n`);

  const lines = options.borders ? borderLines(options.borders) : [];
  const points = [
    ...result.plan.sites.map((s) => ({
      lat: s.lat,
      lon: s.lon,
      label: s.name,
      kind: 'site' as const,
    })),
    ...result.plan.jammers.map((j) => ({
      lat: j.lat,
      lon: j.lon,
      label: j.name,
      kind: 'jammer' as const,
    })),
  ];
  const source = summary.population ? `people: ${summary.population.id}` : 'people: not counted';
  const notes = [
    `${result.plan.name}`,
    `${summary.model.toUpperCase()} ${summary.mode} mode, ${summary.grid.resolutionArcSec}″ grid`,
    `time/location/situation ${summary.reliability.timePct}/${summary.reliability.locationPct}/${summary.reliability.situationPct} %`,
    source,
  ];
  const layers = outputLayers(result);
  const overlays: OverlaySpec[] = [];
  const kmzFiles: Record<string, Uint8Array> = {};
  mkdirSync(join(dir, 'kml'), { recursive: true });
  const contours: ContourFeature[] = [];
  for (const layer of layers) {
    put(`${layer.id}.tif`, encodeGeoTiff(layer.raster, { description: layer.title }));
    const map = renderMap(layer.raster, {
      style: layer.style,
      title: layer.title,
      notes,
      terrain: result.elevation,
      lines,
      points,
      targetWidth: options.mapWidth ?? 1000,
    });
    put(`${layer.id}.png`, encodePng(map));
    const overlay = encodePng(renderOverlay(layer.raster, layer.style));
    const legend = encodePng(renderLegend(layer.style));
    kmzFiles[`${layer.id}.png`] = overlay;
    kmzFiles[`${layer.id}-legend.png`] = legend;
    put(join('kml', `${layer.id}.png`), overlay);
    put(join('kml', `${layer.id}-legend.png`), legend);
    overlays.push({
      name: layer.title,
      bbox: result.grid.bounds,
      href: `${layer.id}.png`,
      legendHref: `${layer.id}-legend.png`,
      placemarks: points.map((p) => ({
        name: `${p.kind === 'jammer' ? 'jammer ' : ''}${p.label}`,
        lat: p.lat,
        lon: p.lon,
      })),
    });
    if (layer.contours.length > 0) {
      contours.push(...contourFeatures(layer.raster, layer.id, layer.contours, layer.unit));
    }
  }
  put('coverage.kmz', kmz(groundOverlayKml(result.plan.name, overlays), kmzFiles));
  put(
    'coverage.kml',
    groundOverlayKml(
      result.plan.name,
      overlays.map((o) => ({ ...o, href: `kml/${o.href}`, legendHref: `kml/${o.legendHref}` })),
    ),
  );
  put('contours.geojson', `${JSON.stringify(featureCollection(contours))}\n`);

  mkdirSync(join(dir, 'sites'), { recursive: true });
  for (const s of result.sites) {
    const stem = fileStem(s.site.name);
    put(
      join('sites', `${stem}-loss-db.tif`),
      encodeGeoTiff(s.lossDb, { description: `${s.site.name}: path loss, dB` }),
    );
    put(
      join('sites', `${stem}-dl-dbm.tif`),
      encodeGeoTiff(s.dlDbm, { description: `${s.site.name}: downlink, dBm` }),
    );
    put(
      join('sites', `${stem}-ul-margin-db.tif`),
      encodeGeoTiff(s.ulMarginDb, { description: `${s.site.name}: uplink margin, dB` }),
    );
  }
  return written;
}
