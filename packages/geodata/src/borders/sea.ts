/**
 * @module borders/sea
 * Which side of the inter-Korean sea boundary a point at sea is on.
 *
 * The boundary used is one line from far west to far east:
 * 1. west of the Northern Limit Line's western end (123.55E 38.20N), the parallel of that end;
 * 2. the NLL itself (the shared data's 32 vertices, which run through the Han estuary and end where
 *    the land outlines meet, 126.69E 37.84N);
 * 3. the MDL from its vertex nearest the NLL's eastern end to the east coast (a land line, but it
 *    closes the polygon across the peninsula);
 * 4. east of the MDL's eastern end (128.36E 38.62N), the parallel of that end — the usual depiction
 *    of the East Sea NLL, which the shared data does not hold; treat it as approximate.
 *
 * The "north" sea is the polygon bounded by that line below and by 60N, 110E and 150E; a point at sea
 * inside it is on the North's side. Both NLL extensions are this model's convention, not a treaty line,
 * and far from Korea (Bohai, Sea of Japan) the answer only says north or south of those parallels.
 */

import { readFile } from 'node:fs/promises';
import { metresPerDegree } from './geodesy.ts';

/** Limits of the polygon that closes the boundary line to the north, degrees. */
export const SEA_DIVIDE_LIMITS = { west: 110, east: 150, north: 60 } as const;

/**
 * Reads a LineString from GeoJSON: a FeatureCollection with exactly one LineString feature, a
 * Feature, or a bare LineString geometry.
 * @param where Named in errors (the file path, or a label).
 * @returns Flat `[lon0, lat0, …]`, west to east.
 * @throws Error naming `where` and the field that is wrong.
 */
export function parseLineString(geojson: unknown, where: string): number[] {
  const fail = (what: string): Error => new Error(`${where}: ${what}`);
  const obj = geojson as {
    type?: unknown;
    features?: unknown;
    geometry?: unknown;
    coordinates?: unknown;
  } | null;
  if (obj === null || typeof obj !== 'object') throw fail('not a GeoJSON object');
  let geometry: { type?: unknown; coordinates?: unknown } | null | undefined;
  if (obj.type === 'FeatureCollection') {
    if (!Array.isArray(obj.features)) throw fail('FeatureCollection has no "features" array');
    const lines = (obj.features as { geometry?: { type?: unknown } | null }[]).filter(
      (f) => f?.geometry?.type === 'LineString',
    );
    if (lines.length !== 1)
      throw fail(`expected exactly one LineString feature, found ${lines.length}`);
    geometry = lines[0].geometry as typeof geometry;
  } else if (obj.type === 'Feature') {
    geometry = obj.geometry as typeof geometry;
  } else {
    geometry = obj;
  }
  if (geometry?.type !== 'LineString')
    throw fail(`geometry type ${String(geometry?.type)} is not LineString`);
  const coords = geometry.coordinates;
  if (!Array.isArray(coords) || coords.length < 2)
    throw fail('LineString needs at least two positions');
  const flat: number[] = [];
  coords.forEach((p: unknown, i) => {
    const [lon, lat] = Array.isArray(p) ? (p as unknown[]) : [];
    if (
      typeof lon !== 'number' ||
      typeof lat !== 'number' ||
      Math.abs(lat) > 90 ||
      Math.abs(lon) > 180
    ) {
      throw fail(
        `coordinates[${i}] = ${JSON.stringify(p)} is not a [lon, lat] position in degrees`,
      );
    }
    flat.push(lon, lat);
  });
  return flat[0] > flat[flat.length - 2] ? reversePairs(flat) : flat;
}

/** Reads the NLL (or any LineString) from a GeoJSON file. */
export async function readLineString(file: string): Promise<number[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new Error(`${file}: cannot read the sea boundary file`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${file}: not valid JSON`, { cause });
  }
  return parseLineString(json, file);
}

export interface SeaDivide {
  /** The whole boundary line, west to east, flat lon/lat (see the module comment). */
  readonly line: number[];
  /** The closed "north" polygon: the line plus the limits of {@link SEA_DIVIDE_LIMITS}. */
  readonly northRing: number[];
  /** Gap between the NLL's eastern end and the MDL vertex it joins, metres. */
  readonly joinGapM: number;
}

/**
 * Builds the sea boundary from the NLL and the MDL (both flat lon/lat, west to east).
 * @throws Error if the NLL's eastern end is more than `maxJoinGapM` from the MDL.
 */
export function buildSeaDivide(
  nll: readonly number[],
  mdl: readonly number[],
  maxJoinGapM = 5000,
): SeaDivide {
  const endLon = nll[nll.length - 2];
  const endLat = nll[nll.length - 1];
  const { kx, ky } = metresPerDegree(endLat);
  let join = 0;
  let gap = Infinity;
  for (let i = 0; i < mdl.length; i += 2) {
    const d = Math.hypot((mdl[i] - endLon) * kx, (mdl[i + 1] - endLat) * ky);
    if (d < gap) {
      gap = d;
      join = i;
    }
  }
  if (gap > maxJoinGapM) {
    throw new Error(
      `the NLL's eastern end (${endLat.toFixed(4)}N ${endLon.toFixed(4)}E) is ${(gap / 1000).toFixed(1)} km ` +
        `from the MDL; expected them to meet in the Han estuary (within ${maxJoinGapM / 1000} km)`,
    );
  }
  const line = [SEA_DIVIDE_LIMITS.west, nll[1], ...nll, ...mdl.slice(join)];
  line.push(SEA_DIVIDE_LIMITS.east, mdl[mdl.length - 1]);
  const northRing = [...line, SEA_DIVIDE_LIMITS.east, SEA_DIVIDE_LIMITS.north];
  northRing.push(SEA_DIVIDE_LIMITS.west, SEA_DIVIDE_LIMITS.north);
  return { line, northRing, joinGapM: gap };
}

function reversePairs(flat: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = flat.length - 2; k >= 0; k -= 2) out.push(flat[k], flat[k + 1]);
  return out;
}
