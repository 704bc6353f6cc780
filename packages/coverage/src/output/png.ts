/**
 * @module output/png
 * Pictures of a layer: a map PNG for people (shaded terrain underneath, the North/South border,
 * sites and jammers, a legend and notes) and a bare transparent overlay for Google Earth (plate
 * carrée, exactly the raster's box, so a KML LatLonBox places it). PNG encoding: fast-png.
 */
import { encode } from 'fast-png';
import type { Raster } from '../raster/raster.ts';
import { textWidth } from './font.ts';
import { RgbaImage, type Rgba } from './image.ts';
import { colorOf, legendEntries, type LayerStyle } from './style.ts';

/** A polyline layer drawn over the map (borders): lines of [lon, lat] pairs. */
export interface MapLines {
  label: string;
  color: Rgba;
  width: number;
  lines: (readonly (readonly [number, number])[])[];
}

export interface MapPoint {
  lat: number;
  lon: number;
  label: string;
  kind: 'site' | 'jammer';
}

export interface MapOptions {
  style: LayerStyle;
  title?: string;
  /** Short lines printed under the legend (data sources, caveats). */
  notes?: string[];
  /** Elevation (m) for a shaded-relief background; sea (≤ 0 m) is drawn blue-grey. */
  terrain?: Raster;
  lines?: MapLines[];
  points?: MapPoint[];
  /** Map width to aim for, pixels (the legend panel comes on top of this). */
  targetWidth?: number;
}

const ink: Rgba = [30, 30, 30, 255];
const paper: Rgba = [250, 250, 248, 255];
const siteColor: Rgba = [0, 90, 200, 255];
const jammerColor: Rgba = [200, 0, 0, 255];

/** Pixel size of the map for a raster, keeping ground distances square at the mid latitude. */
function mapSize(r: Raster, targetWidth: number): { width: number; height: number } {
  const g = r.grid;
  const midLat = (g.north + g.south) / 2;
  const aspect = ((g.east - g.west) * Math.cos((midLat * Math.PI) / 180)) / (g.north - g.south);
  const width = Math.max(64, Math.min(4096, Math.round(targetWidth)));
  const height = Math.max(32, Math.min(4096, Math.round(width / aspect)));
  return { width, height };
}

/** Grey shaded relief from an elevation raster, sampled at the map's pixels. */
function shade(
  terrain: Raster,
  lonAt: (px: number) => number,
  latAt: (py: number) => number,
  w: number,
  h: number,
): RgbaImage {
  const img = new RgbaImage(w, h, paper);
  const g = terrain.grid;
  const mPerDegLat = 111_320;
  for (let py = 0; py < h; py++) {
    const lat = latAt(py);
    const row = g.rowAt(lat);
    const mPerDegLon = mPerDegLat * Math.cos((lat * Math.PI) / 180);
    for (let px = 0; px < w; px++) {
      const col = g.colAt(lonAt(px));
      if (!g.contains(col, row)) continue;
      const z = terrain.data[row * g.width + col]!;
      if (Number.isNaN(z)) continue;
      if (z <= 0) {
        img.setPixel(px, py, [205, 220, 232, 255], false);
        continue;
      }
      const zx1 = terrain.data[row * g.width + Math.min(g.width - 1, col + 1)]!;
      const zx0 = terrain.data[row * g.width + Math.max(0, col - 1)]!;
      const zy1 = terrain.data[Math.min(g.height - 1, row + 1) * g.width + col]!;
      const zy0 = terrain.data[Math.max(0, row - 1) * g.width + col]!;
      const dzdx = (zx1 - zx0) / (2 * g.stepLon * mPerDegLon);
      const dzdy = (zy0 - zy1) / (2 * g.stepLat * mPerDegLat);
      // Light from the north-west, 45° up; exaggerate relief so coarse DEMs still read as hills.
      const nx = -dzdx * 3;
      const ny = -dzdy * 3;
      const lum = (nx * -0.5 + ny * 0.5 + 0.707) / Math.sqrt(nx * nx + ny * ny + 1);
      const v = Math.round(Math.max(150, Math.min(250, 200 + 60 * (lum - 0.6))));
      img.setPixel(px, py, [v, v, v - 4, 255], false);
    }
  }
  return img;
}

/** The layer's colours over a transparent map of `w` × `h` pixels. */
function paint(r: Raster, style: LayerStyle, w: number, h: number): RgbaImage {
  const g = r.grid;
  const img = new RgbaImage(w, h);
  for (let py = 0; py < h; py++) {
    const row = Math.min(g.height - 1, Math.floor(((py + 0.5) / h) * g.height));
    for (let px = 0; px < w; px++) {
      const col = Math.min(g.width - 1, Math.floor(((px + 0.5) / w) * g.width));
      const v = r.data[row * g.width + col]!;
      if (r.isNodata(v)) continue;
      const c = colorOf(style, v);
      if (c) img.setPixel(px, py, c, false);
    }
  }
  return img;
}

/**
 * The transparent overlay for a KML GroundOverlay: one pixel per cell up to 4096 pixels a side
 * (Google Earth's texture limit), plate carrée over exactly the raster's bounds.
 */
export function renderOverlay(r: Raster, style: LayerStyle): RgbaImage {
  const k = Math.max(1, Math.ceil(Math.max(r.grid.width, r.grid.height) / 4096));
  return paint(r, style, Math.ceil(r.grid.width / k), Math.ceil(r.grid.height / k));
}

/** The legend alone (Google Earth shows it as a ScreenOverlay). */
export function renderLegend(
  style: LayerStyle,
  extra: { label: string; color: Rgba }[] = [],
): RgbaImage {
  const entries = legendEntries(style);
  const lines = [style.title, ...entries.map((e) => e.label), ...extra.map((e) => e.label)];
  const w = Math.max(...lines.map((l) => textWidth(l))) + 40;
  const h = 24 + (entries.length + extra.length) * 14 + 6;
  const img = new RgbaImage(w, h, [255, 255, 255, 230]);
  img.strokeRect(0, 0, w, h, ink);
  img.text(8, 7, style.title, ink);
  let y = 24;
  for (const e of entries) {
    img.fillRect(8, y, 16, 10, e.color);
    img.strokeRect(8, y, 16, 10, [60, 60, 60, 255]);
    img.text(30, y + 2, e.label, ink);
    y += 14;
  }
  for (const e of extra) {
    img.fillRect(8, y + 4, 16, 2, e.color);
    img.text(30, y + 2, e.label, ink);
    y += 14;
  }
  return img;
}

/** The map picture: relief, layer, borders, markers, a title, the legend and notes. */
export function renderMap(r: Raster, options: MapOptions): RgbaImage {
  const { width: mw, height: mh } = mapSize(r, options.targetWidth ?? 1000);
  const g = r.grid;
  const lonAt = (px: number) => g.west + ((px + 0.5) / mw) * (g.east - g.west);
  const latAt = (py: number) => g.north - ((py + 0.5) / mh) * (g.north - g.south);
  const xOf = (lon: number) => ((lon - g.west) / (g.east - g.west)) * mw;
  const yOf = (lat: number) => ((g.north - lat) / (g.north - g.south)) * mh;

  const map = options.terrain
    ? shade(options.terrain, lonAt, latAt, mw, mh)
    : new RgbaImage(mw, mh, paper);
  map.draw(paint(r, options.style, mw, mh), 0, 0);
  for (const layer of options.lines ?? []) {
    for (const line of layer.lines) {
      for (let i = 1; i < line.length; i++) {
        const [a, b] = [line[i - 1]!, line[i]!];
        map.line(xOf(a[0]), yOf(a[1]), xOf(b[0]), yOf(b[1]), layer.color, layer.width);
      }
    }
  }
  for (const p of options.points ?? []) {
    const x = Math.round(xOf(p.lon));
    const y = Math.round(yOf(p.lat));
    if (x < -50 || y < -50 || x > mw + 50 || y > mh + 50) continue;
    const color = p.kind === 'site' ? siteColor : jammerColor;
    if (p.kind === 'site') {
      for (let dy = -4; dy <= 4; dy++) {
        const half = Math.round((dy + 4) / 2);
        map.fillRect(x - half, y + dy, 2 * half + 1, 1, color);
      }
    } else {
      map.line(x - 4, y - 4, x + 4, y + 4, color, 2);
      map.line(x - 4, y + 4, x + 4, y - 4, color, 2);
    }
    map.fillRect(x + 7, y - 5, textWidth(p.label) + 3, 10, [255, 255, 255, 170]);
    map.text(x + 8, y - 4, p.label, color);
  }
  map.strokeRect(0, 0, mw, mh, ink);

  const extra = (options.lines ?? []).map((l) => ({ label: l.label, color: l.color }));
  const legend = renderLegend(options.style, extra);
  const markers = [
    ...(options.points?.some((p) => p.kind === 'site')
      ? [{ label: 'site', color: siteColor }]
      : []),
    ...(options.points?.some((p) => p.kind === 'jammer')
      ? [{ label: 'jammer', color: jammerColor }]
      : []),
  ];
  const notes = options.notes ?? [];
  const panel = Math.max(legend.width, ...notes.map((n) => textWidth(n)), 120) + 20;
  const header = options.title ? 30 : 8;
  const width = mw + panel + 8;
  const height = Math.max(
    mh + header + 8,
    header + legend.height + 40 + notes.length * 12 + markers.length * 14,
  );
  const img = new RgbaImage(width, height, paper);
  if (options.title) img.text(8, 8, options.title, ink, 2);
  img.draw(map, 8, header);
  const lx = mw + 18;
  img.draw(legend, lx, header);
  let y = header + legend.height + 8;
  for (const m of markers) {
    img.fillRect(lx + 4, y, 8, 8, m.color);
    img.text(lx + 18, y, m.label, ink);
    y += 14;
  }
  y += 4;
  for (const n of notes) {
    img.text(lx, y, n, [70, 70, 70, 255]);
    y += 12;
  }
  // A scale bar: 10, 20, 50 or 100 km, whichever is closest to a fifth of the map.
  const kmPerPx =
    ((g.east - g.west) * 111.32 * Math.cos(((g.north + g.south) / 2) * (Math.PI / 180))) / mw;
  const barKm = [1, 2, 5, 10, 20, 50, 100, 200].reduce((best, km) =>
    Math.abs(km / kmPerPx - mw / 5) < Math.abs(best / kmPerPx - mw / 5) ? km : best,
  );
  const barPx = Math.round(barKm / kmPerPx);
  img.fillRect(16, header + mh - 14, barPx, 3, ink);
  img.text(16, header + mh - 24, `${barKm} km`, ink);
  return img;
}

/** PNG bytes of an image (8-bit RGBA). */
export function encodePng(img: RgbaImage): Uint8Array {
  return encode({ width: img.width, height: img.height, data: img.data, channels: 4, depth: 8 });
}
