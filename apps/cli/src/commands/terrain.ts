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
import { earthBulgeM, effectiveEarthRadiusM } from '@tongilnet/radio';
import { parseBoundedNumber, parseLatLon, type LatLonHeight } from '../args.ts';
import { terrainPath, type DataOptions } from '../data.ts';
import { UserError } from '../errors.ts';
import { emit, fixed, note } from '../output.ts';
import { profileSvg } from '../profile-svg.ts';

interface CommonOptions extends DataOptions {
  json?: boolean;
}

/** Effective earth radius for the median atmosphere, k = 4/3 (ITU-R P.452/P.526 convention). */
const EFFECTIVE_RADIUS_M = effectiveEarthRadiusM();

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
          await writeFile(options.svg, drawProfile(profile, from, to, sight));
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
function bulgeM(dM: number, totalM: number): number {
  return earthBulgeM(dM, totalM - dM, EFFECTIVE_RADIUS_M);
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
    const clearance = ray - (z[i]! + bulgeM(d[i]!, total));
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

/** The profile on the curved earth, with the ray between antenna tips when heights were given. */
function drawProfile(
  p: TerrainProfile,
  from: LatLonHeight,
  to: LatLonHeight,
  sight: LineOfSight | null,
): string {
  const total = p.distanceM;
  const seaLevelM = Array.from(p.distancesM, (d) => bulgeM(d, total));
  const groundM = Array.from(p.elevationsM, (z, i) => (Number.isFinite(z) ? z : 0) + seaLevelM[i]!);
  const n = p.nIntervals;
  return profileSvg({
    title:
      `Terrain profile ${formatLatLon(from.lat, from.lon)} → ${formatLatLon(to.lat, to.lon)}, ` +
      `${(total / 1000).toFixed(2)} km, earth bulge for k = 4/3`,
    distancesM: p.distancesM,
    groundM,
    seaLevelM,
    ray: sight
      ? {
          startM: groundM[0]! + sight.heightsM[0],
          endM: groundM[n]! + sight.heightsM[1],
          clear: sight.clear,
        }
      : undefined,
  });
}
