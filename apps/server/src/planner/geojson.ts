/**
 * @module planner/geojson
 * The planner map's vector data, all from geodata: land (coastlines) by country, the derived MDL,
 * the sea divide (NLL), populated places, and an overlay image of the North side and the DMZ made
 * with the same `classifyGrid` the engine counts people with — so what the map shows as "North"
 * is exactly what the numbers count.
 */
import {
  SIDE_CODE,
  clipRingToBox,
  type Borders,
  type LandData,
  type Place,
} from '@tongilnet/geodata';
import { toMercatorRows } from './mercator.ts';

/** What the planner's map shows: the peninsula and the coasts around it. */
export const MAP_BOX = { south: 32.5, west: 123, north: 43.5, east: 132 } as const;

type Position = [number, number];
interface Feature {
  type: 'Feature';
  properties: Record<string, string | number | null>;
  geometry:
    | { type: 'Polygon'; coordinates: Position[][] }
    | { type: 'LineString'; coordinates: Position[] }
    | { type: 'Point'; coordinates: Position };
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

/** Perpendicular distance² of (px, py) from segment a–b, in degrees² (fine for simplification). */
function segmentDistance2(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/**
 * Douglas–Peucker simplification of a flat [lon, lat, …] polyline [Douglas & Peucker 1973],
 * iterative so long coastlines cannot overflow the stack. Keeps both ends.
 */
export function simplify(flat: readonly number[], tolerance: number): Position[] {
  const n = flat.length / 2;
  if (n <= 2) {
    const out: Position[] = [];
    for (let i = 0; i < n; i++) out.push([flat[2 * i]!, flat[2 * i + 1]!]);
    return out;
  }
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: Array<[number, number]> = [[0, n - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    let worst = -1;
    let worstD = tol2;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance2(
        flat[2 * i]!,
        flat[2 * i + 1]!,
        flat[2 * a]!,
        flat[2 * a + 1]!,
        flat[2 * b]!,
        flat[2 * b + 1]!,
      );
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const out: Position[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push([round(flat[2 * i]!), round(flat[2 * i + 1]!)]);
  return out;
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

/** Land polygons (coastlines) clipped to the map box, MDL and sea divide as lines. */
export function bordersGeoJson(
  land: LandData,
  borders: Borders,
  tolerance = 0.002,
): FeatureCollection {
  const features: Feature[] = [];
  for (const country of land.countries) {
    for (const ring of country.rings) {
      const clipped = clipRingToBox(ring, MAP_BOX);
      if (clipped.length < 8) continue;
      const coords = simplify(clipped, tolerance);
      if (coords.length < 4) continue;
      const first = coords[0]!;
      const last = coords[coords.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) coords.push([first[0], first[1]]);
      features.push({
        type: 'Feature',
        properties: { kind: 'land', country: country.code },
        geometry: { type: 'Polygon', coordinates: [coords] },
      });
    }
  }
  features.push({
    type: 'Feature',
    properties: { kind: 'mdl', name: 'MDL' },
    geometry: { type: 'LineString', coordinates: simplify(borders.mdl.coords, tolerance / 4) },
  });
  features.push({
    type: 'Feature',
    properties: { kind: 'sea-divide', name: 'NLL' },
    geometry: { type: 'LineString', coordinates: simplify(borders.seaDivide.line, tolerance / 4) },
  });
  return { type: 'FeatureCollection', features };
}

/** Populated places with their population (and province in the North), largest first. */
export function placesGeoJson(places: readonly Place[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: places.map((p) => ({
      type: 'Feature' as const,
      properties: {
        name: p.name,
        country: p.country,
        population: p.population,
        province: p.province?.en ?? null,
        provinceKo: p.province?.ko ?? null,
      },
      geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] as Position },
    })),
  };
}

/** The region the sides overlay covers (all of the North) and its pixel size (0.01°, ~1 km). */
export const SIDES_BOX = { south: 37.2, west: 124.1, north: 43.1, east: 130.8 } as const;
export const SIDES_STEP = 0.01;

const SIDE_COLOURS: Record<number, [number, number, number, number]> = {
  [SIDE_CODE.north]: [200, 40, 40, 40],
  [SIDE_CODE.dmzNorth]: [120, 120, 120, 150],
  [SIDE_CODE.dmzSouth]: [120, 120, 120, 150],
};

/**
 * RGBA pixels of the sides overlay over {@link SIDES_BOX} (rows already in Mercator steps, ready
 * for a MapLibre image source with the box's corners): the North's land tinted, the DMZ grey.
 * The sea stays clear: the NLL line says where its divide runs, a tint would only box it in.
 */
export function sidesOverlay(borders: Borders): {
  width: number;
  height: number;
  rgba: Uint8Array;
} {
  const b = SIDES_BOX;
  const width = Math.round((b.east - b.west) / SIDES_STEP);
  const height = Math.round((b.north - b.south) / SIDES_STEP);
  const codes = borders.classifyGrid({
    lat0: b.north - SIDES_STEP / 2,
    lon0: b.west + SIDES_STEP / 2,
    dLat: SIDES_STEP,
    dLon: SIDES_STEP,
    width,
    height,
  });
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < codes.length; i++) {
    const c = SIDE_COLOURS[codes[i]!];
    if (c) rgba.set(c, i * 4);
  }
  return { width, height, rgba: toMercatorRows(rgba, width, height, b.north, b.south) };
}
