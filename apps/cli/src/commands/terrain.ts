/**
 * @module commands/terrain
 * `tongilnet terrain sample` (elevation at a point) and `tongilnet terrain profile` (elevations along
 * the WGS 84 geodesic between two points, optionally drawn as an SVG with the earth's curvature).
 * Terrain comes from `--terrain PATH` (a tile, a GeoTIFF or a directory of them), else `terrain/` in
 * the data directory (`--data`, TONGILNET_DATA, ../shared/data): the SRTM30_PLUS demo GeoTIFF.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  formatLatLon,
  openTerrain,
  terrainProfile,
  type Mosaic,
  type TerrainProfile,
} from '@tongilnet/geodata';
import { parseBoundedNumber, parseLatLon, type LatLonHeight } from '../args.ts';
import { terrainPath, type DataOptions } from '../data.ts';
import { UserError } from '../errors.ts';
import { emit, fixed, note } from '../output.ts';

interface CommonOptions extends DataOptions {
  json?: boolean;
}

/** Mean earth radius, metres [IUGG R1 = 6371.0088 km]. */
const EARTH_RADIUS_M = 6371008.8;
/** Median effective earth radius factor for a standard atmosphere (see ITU-R P.834 on refraction). */
const K_FACTOR = 4 / 3;

async function openChosenTerrain(options: DataOptions): Promise<{ mosaic: Mosaic; via: string }> {
  const { path, via } = terrainPath(options);
  return { mosaic: await openTerrain(path), via };
}

function describeSource(mosaic: Mosaic, via: string): string {
  const n = mosaic.tiles.length;
  const res = Number(mosaic.resolutionArcSec.toFixed(3));
  return `terrain: ${mosaic.path} (via ${via}; ${n} tile${n === 1 ? '' : 's'}, ${res}″ posts)`;
}

export function register(program: Command): void {
  const terrain = program
    .command('terrain')
    .description('elevations and path profiles from SRTM .hgt or GeoTIFF terrain');

  terrain
    .command('sample')
    .description('elevation in metres at a point (bilinear between posts)')
    .requiredOption('--at <LAT,LON>', 'the point, decimal degrees (WGS 84)')
    .option('--terrain <path>', 'terrain file or directory of tiles (default: <data>/terrain)')
    .option('--data <dir>', 'data directory (default: TONGILNET_DATA or ../shared/data)')
    .option('--json', 'machine-readable output')
    .action(async (options: CommonOptions & { at: string }) => {
      const at = parseLatLon(options.at, '--at');
      const { mosaic, via } = await openChosenTerrain(options);
      const elevationM = await mosaic.elevation(at.lat, at.lon);
      const tile = mosaic.tilesAt(at.lat, at.lon)[0]!;
      if (!options.json) note(describeSource(mosaic, via));
      emit(
        options,
        {
          lat: at.lat,
          lon: at.lon,
          elevationM,
          tile: tile.name,
          file: tile.file,
          resolutionArcSec: tile.resolutionArcSec,
        },
        (r) => `${formatLatLon(r.lat, r.lon)}  ${fixed(r.elevationM, 1)} m`,
      );
    });

  terrain
    .command('profile')
    .description('terrain along the geodesic between two points, every --step metres')
    .requiredOption('--from <LAT,LON[,H]>', 'start; H = antenna height above ground, m')
    .requiredOption('--to <LAT,LON[,H]>', 'end; H = antenna height above ground, m')
    .option('--step <m>', 'greatest spacing between points, metres', '90')
    .option('--svg <file>', 'also draw the profile (earth bulge for k = 4/3) to this SVG file')
    .option('--terrain <path>', 'terrain file or directory of tiles (default: <data>/terrain)')
    .option('--data <dir>', 'data directory (default: TONGILNET_DATA or ../shared/data)')
    .option('--json', 'machine-readable output')
    .action(
      async (options: CommonOptions & { from: string; to: string; step: string; svg?: string }) => {
        const from = parseLatLon(options.from, '--from', true);
        const to = parseLatLon(options.to, '--to', true);
        const stepM = parseBoundedNumber(options.step, '--step', 1, 100_000, 'm');
        if (from.lat === to.lat && from.lon === to.lon) {
          throw new UserError('--from and --to are the same point; a profile needs two', 2);
        }
        const { mosaic, via } = await openChosenTerrain(options);
        const profile = await terrainProfile(mosaic, from, to, stepM);
        const sight = lineOfSight(profile, from, to);
        if (options.svg) {
          await writeFile(options.svg, profileSvg(profile, from, to, sight));
          note(`wrote ${options.svg}`);
        }
        if (!options.json) note(describeSource(mosaic, via));
        emit(
          options,
          {
            from,
            to,
            distanceM: profile.distanceM,
            azimuthDeg: profile.azimuthDeg,
            nIntervals: profile.nIntervals,
            spacingM: profile.spacingM,
            lineOfSight: sight,
            distancesM: profile.distancesM,
            elevationsM: profile.elevationsM,
            lats: profile.lats,
            lons: profile.lons,
          },
          () => renderProfileText(profile, from, to, sight),
        );
      },
    );
}

/** Height of the earth's bulge above the chord between the ends, metres: d1·d2 / (2·k·a). */
export function earthBulgeM(dM: number, totalM: number, k = K_FACTOR): number {
  return (dM * (totalM - dM)) / (2 * k * EARTH_RADIUS_M);
}

/** Whether the straight ray between antenna tips clears the terrain plus bulge (k = 4/3). */
export interface LineOfSight {
  /** Antenna heights above ground at the ends, metres. */
  heightsM: [number, number];
  clear: boolean;
  /** Least clearance of the ray over terrain + bulge between the ends, metres (negative: blocked). */
  minClearanceM: number;
  /** Where that least clearance is, metres from the start. */
  atM: number;
}

function lineOfSight(
  profile: TerrainProfile,
  from: LatLonHeight,
  to: LatLonHeight,
): LineOfSight | null {
  if (from.heightM === undefined && to.heightM === undefined) return null;
  const h1 = from.heightM ?? 0;
  const h2 = to.heightM ?? 0;
  const n = profile.nIntervals;
  const z = profile.elevationsM;
  const d = profile.distancesM;
  const total = profile.distanceM;
  const y0 = z[0]! + h1;
  const y1 = z[n]! + h2;
  let minClearanceM = Infinity;
  let atM = 0;
  for (let i = 1; i < n; i++) {
    const ray = y0 + ((y1 - y0) * d[i]!) / total;
    const clearance = ray - (z[i]! + earthBulgeM(d[i]!, total));
    if (clearance < minClearanceM) {
      minClearanceM = clearance;
      atM = d[i]!;
    }
  }
  if (n < 2) minClearanceM = Math.min(y0, y1) - Math.max(z[0]!, z[n]!);
  return { heightsM: [h1, h2], clear: minClearanceM > 0, minClearanceM, atM };
}

function renderProfileText(
  p: TerrainProfile,
  from: LatLonHeight,
  to: LatLonHeight,
  sight: LineOfSight | null,
): string {
  let lo = 0;
  let hi = 0;
  for (let i = 1; i <= p.nIntervals; i++) {
    if (p.elevationsM[i]! < p.elevationsM[lo]!) lo = i;
    if (p.elevationsM[i]! > p.elevationsM[hi]!) hi = i;
  }
  const km = (m: number) => fixed(m / 1000, 3);
  const lines = [
    `profile ${formatLatLon(from.lat, from.lon)} → ${formatLatLon(to.lat, to.lon)}`,
    `distance ${km(p.distanceM)} km, azimuth ${fixed((p.azimuthDeg + 360) % 360, 2)}°, ` +
      `${p.nIntervals} intervals of ${fixed(p.spacingM, 2)} m`,
    `elevation min ${fixed(p.elevationsM[lo]!, 1)} m at ${km(p.distancesM[lo]!)} km, ` +
      `max ${fixed(p.elevationsM[hi]!, 1)} m at ${km(p.distancesM[hi]!)} km`,
  ];
  if (sight) {
    lines.push(
      `line of sight ${sight.heightsM[0]} m → ${sight.heightsM[1]} m above ground (k = 4/3): ` +
        (sight.clear ? 'clear' : 'blocked') +
        `, least clearance ${fixed(sight.minClearanceM, 1)} m at ${km(sight.atM)} km`,
    );
  }
  lines.push('distance_km\televation_m\tlat\tlon');
  for (let i = 0; i <= p.nIntervals; i++) {
    lines.push(
      `${km(p.distancesM[i]!)}\t${fixed(p.elevationsM[i]!, 1)}\t${fixed(p.lats[i]!, 6)}\t${fixed(p.lons[i]!, 6)}`,
    );
  }
  return lines.join('\n');
}

/** A "nice" tick step (1, 2 or 5 × 10^k) giving about `target` ticks over `span`. */
function tickStep(span: number, target: number): number {
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * power;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The profile as an SVG: terrain drawn on the curved earth (sea level bulges up by d1·d2/(2ka) with
 * k = 4/3 above the straight chord between the ends), axes in km and m, and the ray between antenna
 * tips when heights were given.
 */
export function profileSvg(
  p: TerrainProfile,
  from: LatLonHeight,
  to: LatLonHeight,
  sight: LineOfSight | null,
): string {
  const width = 960;
  const height = 420;
  const left = 70;
  const right = 20;
  const top = 40;
  const bottom = 50;
  const n = p.nIntervals;
  const total = p.distanceM;
  const bulge = Array.from(p.distancesM, (d) => earthBulgeM(d, total));
  const ground = Array.from(p.elevationsM, (z, i) => (Number.isFinite(z) ? z : 0) + bulge[i]!);
  const ray = sight ? [ground[0]! + sight.heightsM[0], ground[n]! + sight.heightsM[1]] : null;
  let yMin = Math.min(0, ...ground);
  let yMax = Math.max(...ground, ...bulge, ...(ray ?? []));
  const pad = Math.max(10, (yMax - yMin) * 0.08);
  yMin -= pad;
  yMax += pad;
  const x = (dM: number) => left + (dM / total) * (width - left - right);
  const y = (m: number) => top + ((yMax - m) / (yMax - yMin)) * (height - top - bottom);
  const pt = (dM: number, m: number) => `${x(dM).toFixed(1)},${y(m).toFixed(1)}`;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left}" y="22" font-size="14">${esc(
      `Terrain profile ${formatLatLon(from.lat, from.lon)} → ${formatLatLon(to.lat, to.lon)}, ` +
        `${(total / 1000).toFixed(2)} km, earth bulge for k = 4/3`,
    )}</text>`,
  );
  // Grid and axes.
  const xStep = tickStep(total / 1000, 8);
  for (let km = 0; km <= total / 1000 + 1e-9; km += xStep) {
    const px = x(km * 1000).toFixed(1);
    parts.push(
      `<line x1="${px}" y1="${top}" x2="${px}" y2="${height - bottom}" stroke="#ddd"/>`,
      `<text x="${px}" y="${height - bottom + 16}" text-anchor="middle">${Number(km.toFixed(6))}</text>`,
    );
  }
  const yStep = tickStep(yMax - yMin, 6);
  for (let m = Math.ceil(yMin / yStep) * yStep; m <= yMax; m += yStep) {
    const py = y(m).toFixed(1);
    parts.push(
      `<line x1="${left}" y1="${py}" x2="${width - right}" y2="${py}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${Number(m.toFixed(6))}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="black"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="black"/>`,
    `<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle">distance (km)</text>`,
    `<text transform="translate(16 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">height (m), sea level curved for k = 4/3</text>`,
  );
  // Terrain filled down to the curved sea level, the sea-level arc itself, then the ray.
  const terrain: string[] = [];
  for (let i = 0; i <= n; i++) terrain.push(pt(p.distancesM[i]!, ground[i]!));
  for (let i = n; i >= 0; i--) terrain.push(pt(p.distancesM[i]!, bulge[i]!));
  parts.push(
    `<polygon points="${terrain.join(' ')}" fill="#c8b48a" stroke="#7a6235" stroke-width="1"/>`,
    `<polyline points="${Array.from(p.distancesM, (d, i) => pt(d, bulge[i]!)).join(' ')}" fill="none" stroke="#2a6fb0" stroke-width="1.5"/>`,
  );
  if (ray && sight) {
    parts.push(
      `<line x1="${x(0).toFixed(1)}" y1="${y(ray[0]!).toFixed(1)}" x2="${x(total).toFixed(1)}" y2="${y(ray[1]!).toFixed(1)}" stroke="${sight.clear ? '#1a8a3a' : '#c0392b'}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
