/**
 * @module borders/borders
 * Which side of the Korean divide a point is on: the North, the South, the DMZ, the sea (and at sea,
 * which side of the sea boundary), or a neighbour's land.
 *
 * - Land is the OSM-derived country land of `@geo-maps/countries-land-100m` ({@link loadLand}).
 * - `dmz`: on the land of either Korea within `dmzHalfWidthM` (2 km) of the MDL, measured as a
 *   geodesic distance to the line derived in {@link deriveMdl}. (The Armistice DMZ is 2 km either
 *   side of the MDL; the real southern and northern limit lines wander, so this is the nominal zone.)
 * - `sea`: on no land polygon. The sea side comes from {@link buildSeaDivide} (the NLL in the west).
 * - `abroad`: China, Russia or Japan, so their land is not mistaken for sea near the Yalu and Tumen.
 *
 * Single points: {@link Borders.whichSide} / {@link Borders.locate}. Whole rasters:
 * {@link Borders.classifyGrid}, which fills a Uint8Array of {@link SIDE_CODE}s by scanline — use it
 * for coverage rasters rather than calling `whichSide` per cell.
 */

import type { LatLonBox, LatLonGrid } from './grid.ts';
import { formatPoint, validateGrid, validatePoint } from './grid.ts';
import { metresPerDegree, PolylineDistance } from './geodesy.ts';
import type { LandData, LoadLandOptions } from './land.ts';
import { loadLand } from './land.ts';
import type { DeriveMdlOptions, DerivedMdl } from './mdl.ts';
import { deriveMdl } from './mdl.ts';
import { RingIndex } from './ring-index.ts';
import type { SeaDivide } from './sea.ts';
import { buildSeaDivide, parseLineString, readLineString } from './sea.ts';

/** Where a point is. */
export type Side = 'north' | 'south' | 'dmz' | 'sea' | 'abroad';

/** Side of the sea boundary (NLL) for points at sea. */
export type SeaSide = 'north' | 'south';

/**
 * Codes written by {@link Borders.classifyGrid}. `outside` marks samples beyond the region the border
 * data covers. The DMZ and the sea carry the side too, so "the North" as a target area is
 * `north | dmzNorth` on land (and `seaNorth` for waters).
 */
export const SIDE_CODE = {
  outside: 0,
  north: 1,
  south: 2,
  dmzNorth: 3,
  dmzSouth: 4,
  seaNorth: 5,
  seaSouth: 6,
  abroad: 7,
} as const;

export type SideCode = (typeof SIDE_CODE)[keyof typeof SIDE_CODE];

/** The {@link Side} a code stands for (`null` for `outside`). */
export function sideOfCode(code: number): Side | null {
  switch (code) {
    case SIDE_CODE.north:
      return 'north';
    case SIDE_CODE.south:
      return 'south';
    case SIDE_CODE.dmzNorth:
    case SIDE_CODE.dmzSouth:
      return 'dmz';
    case SIDE_CODE.seaNorth:
    case SIDE_CODE.seaSouth:
      return 'sea';
    case SIDE_CODE.abroad:
      return 'abroad';
    default:
      return null;
  }
}

/** Everything {@link Borders.locate} knows about a point. */
export interface SideReport {
  readonly lat: number;
  readonly lon: number;
  readonly side: Side;
  /** ISO alpha-3 code of the land polygon the point is on (`PRK`, `KOR`, `CHN`, …), null at sea. */
  readonly land: string | null;
  /** At sea: which side of the sea boundary. Null on land. */
  readonly seaSide: SeaSide | null;
  /** Geodesic distance to the MDL, km (to the nearest point of the derived line). */
  readonly mdlDistanceKm: number;
}

export interface BordersOptions {
  /** Half-width of the DMZ, metres (default 2000). */
  readonly dmzHalfWidthM?: number;
  /** Tolerances for deriving the MDL. */
  readonly mdl?: DeriveMdlOptions;
}

const NORTH_CODE = 'PRK';
/** Cell size of the DMZ segment buckets, degrees (~2 km, the DMZ's half-width). */
const DMZ_CELL_DEG = 0.02;
const SOUTH_CODE = 'KOR';

/** The border model. Build it with {@link loadBorders} (or the constructor, from data in memory). */
export class Borders {
  readonly region: LatLonBox;
  readonly dmzHalfWidthM: number;
  readonly mdl: DerivedMdl;
  readonly seaDivide: SeaDivide;
  /** Land codes by ring label (index 0 unused). */
  private readonly landCodes: string[];
  private readonly northLabel: number;
  private readonly southLabel: number;
  private readonly land: RingIndex;
  private readonly sea: RingIndex;
  private readonly mdlDistance: PolylineDistance;
  /** The MDL's box grown by the DMZ half-width (plus a margin), degrees. */
  private readonly dmzBox: LatLonBox;
  /** Side code by land label, for the grid fill. */
  private readonly codeOfLabel: Uint8Array;
  /** MDL segments near each cell of `dmzBox`, so a point test looks at a handful of segments. */
  private readonly dmzCells: { nx: number; start: Uint32Array; segments: Uint32Array };

  /**
   * @param land Land polygons from {@link loadLand} / {@link extractLand}; must include PRK and KOR.
   * @param nll The NLL as flat `[lon0, lat0, …]`, or GeoJSON (see {@link parseLineString}).
   */
  constructor(land: LandData, nll: readonly number[] | object, options: BordersOptions = {}) {
    this.dmzHalfWidthM = options.dmzHalfWidthM ?? 2000;
    if (!(this.dmzHalfWidthM >= 0 && this.dmzHalfWidthM <= 50_000)) {
      throw new RangeError(`dmzHalfWidthM = ${this.dmzHalfWidthM} is outside 0..50000 m`);
    }
    this.region = land.region;
    this.landCodes = ['', ...land.countries.map((c) => c.code)];
    this.northLabel = this.landCodes.indexOf(NORTH_CODE);
    this.southLabel = this.landCodes.indexOf(SOUTH_CODE);
    if (this.northLabel < 1 || this.southLabel < 1) {
      throw new Error(
        `land data must include ${NORTH_CODE} and ${SOUTH_CODE} (has ${this.landCodes.slice(1).join(', ')})`,
      );
    }
    this.land = new RingIndex(
      land.countries.flatMap((c, i) => c.rings.map((coords) => ({ label: i + 1, coords }))),
    );
    const ringsOf = (label: number): readonly (readonly number[])[] =>
      land.countries[label - 1].rings;
    this.mdl = deriveMdl(ringsOf(this.northLabel), ringsOf(this.southLabel), options.mdl);
    const nllCoords = Array.isArray(nll) ? (nll as number[]) : parseLineString(nll, 'NLL');
    this.seaDivide = buildSeaDivide(nllCoords, this.mdl.coords);
    this.sea = new RingIndex([{ label: 1, coords: this.seaDivide.northRing }], {
      cellSizeDeg: 0.1,
    });
    this.mdlDistance = new PolylineDistance(this.mdl.coords);
    const b = this.mdlDistance.bounds;
    const pad = this.dmzHalfWidthM + 100;
    const { kx, ky } = metresPerDegree(Math.max(Math.abs(b.north), Math.abs(b.south)));
    this.dmzBox = {
      south: b.south - pad / ky,
      north: b.north + pad / ky,
      west: b.west - pad / kx,
      east: b.east + pad / kx,
    };
    this.dmzCells = this.buildDmzCells();
    this.codeOfLabel = new Uint8Array(this.landCodes.length).fill(SIDE_CODE.abroad);
    this.codeOfLabel[0] = SIDE_CODE.seaSouth; // refined by the sea polygon
    this.codeOfLabel[this.northLabel] = SIDE_CODE.north;
    this.codeOfLabel[this.southLabel] = SIDE_CODE.south;
  }

  /**
   * Where the point is: `north`, `south`, `dmz`, `sea` or `abroad`. Degrees, WGS 84.
   * @throws RangeError for a coordinate out of range or outside the region of the border data.
   */
  whichSide(lat: number, lon: number): Side {
    return sideOfCode(this.sideCode(lat, lon)) as Side;
  }

  /** Like {@link whichSide}, as a {@link SIDE_CODE} (with the half of the DMZ and the sea side). */
  sideCode(lat: number, lon: number): SideCode {
    this.checkInRegion(lat, lon);
    const label = this.land.labelAt(lat, lon);
    if (label === 0)
      return this.sea.labelAt(lat, lon) === 1 ? SIDE_CODE.seaNorth : SIDE_CODE.seaSouth;
    if (label !== this.northLabel && label !== this.southLabel) return SIDE_CODE.abroad;
    const north = label === this.northLabel;
    return this.inDmz(lat, lon)
      ? north
        ? SIDE_CODE.dmzNorth
        : SIDE_CODE.dmzSouth
      : north
        ? SIDE_CODE.north
        : SIDE_CODE.south;
  }

  /** Everything about a point: side, land polygon, sea side and the geodesic distance to the MDL. */
  locate(lat: number, lon: number): SideReport {
    const code = this.sideCode(lat, lon);
    const label = this.land.labelAt(lat, lon);
    return {
      lat,
      lon,
      side: sideOfCode(code) as Side,
      land: label === 0 ? null : this.landCodes[label],
      seaSide: code === SIDE_CODE.seaNorth ? 'north' : code === SIDE_CODE.seaSouth ? 'south' : null,
      mdlDistanceKm: this.mdlDistance.exactM(lat, lon) / 1000,
    };
  }

  /** Geodesic distance from the point to the MDL, km (exact on WGS 84). */
  mdlDistanceKm(lat: number, lon: number): number {
    validatePoint(lat, lon);
    return this.mdlDistance.exactM(lat, lon) / 1000;
  }

  /**
   * Classifies every sample of a grid into a {@link SIDE_CODE} (row-major, row 0 north). Land by
   * scanline fill, the DMZ by visiting the samples near each MDL segment, the sea side by a second
   * fill of the sea polygon. The DMZ test uses the local-plane distance (within 0.1 m of the geodesic
   * one at 2 km), so a sample within centimetres of the DMZ's edge may differ from `whichSide`.
   * @param out Reused if given (length ≥ width × height).
   */
  classifyGrid(grid: LatLonGrid, out?: Uint8Array): Uint8Array {
    validateGrid(grid);
    const { width, height, lat0, lon0, dLat, dLon } = grid;
    const labels = this.land.classifyGrid(grid, out);
    const size = width * height;
    let sea = 0;
    for (let i = 0; i < size; i++) {
      const code = this.codeOfLabel[labels[i]];
      labels[i] = code;
      if (code === SIDE_CODE.seaSouth) sea++;
    }
    if (sea > 0) {
      const north = this.sea.classifyGrid(grid);
      for (let i = 0; i < size; i++) {
        if (labels[i] === SIDE_CODE.seaSouth && north[i] === 1) labels[i] = SIDE_CODE.seaNorth;
      }
    }
    this.markDmz(grid, labels);
    // Blank what lies outside the region the data covers.
    const { south, north, west, east } = this.region;
    const c0 = clampIndex(Math.ceil((west - lon0) / dLon), width);
    const c1 = clampIndex(Math.floor((east - lon0) / dLon) + 1, width);
    for (let r = 0; r < height; r++) {
      const lat = lat0 - r * dLat;
      const base = r * width;
      if (lat < south || lat > north) labels.fill(SIDE_CODE.outside, base, base + width);
      else {
        labels.fill(SIDE_CODE.outside, base, base + c0);
        labels.fill(SIDE_CODE.outside, base + c1, base + width);
      }
    }
    return labels;
  }

  private markDmz(grid: LatLonGrid, codes: Uint8Array): void {
    const { width, height, lat0, lon0, dLat, dLon } = grid;
    const half = this.dmzHalfWidthM;
    const c = this.mdlDistance.coords;
    for (let s = 0; s + 3 < c.length; s += 2) {
      const aLon = c[s];
      const aLat = c[s + 1];
      const bLon = c[s + 2];
      const bLat = c[s + 3];
      const mid = (aLat + bLat) / 2;
      const padLat = (half + 10) / metresPerDegree(mid).ky;
      const padLon = (half + 10) / metresPerDegree(Math.max(aLat, bLat) + padLat).kx;
      const r0 = clampIndex(Math.ceil((lat0 - Math.max(aLat, bLat) - padLat) / dLat), height);
      const r1 = clampIndex(Math.floor((lat0 - Math.min(aLat, bLat) + padLat) / dLat) + 1, height);
      const cs = clampIndex(Math.ceil((Math.min(aLon, bLon) - padLon - lon0) / dLon), width);
      const ce = clampIndex(Math.floor((Math.max(aLon, bLon) + padLon - lon0) / dLon) + 1, width);
      for (let r = r0; r < r1; r++) {
        const lat = lat0 - r * dLat;
        const { kx, ky } = metresPerDegree((lat + mid) / 2);
        const ay = (aLat - lat) * ky;
        const ey = (bLat - aLat) * ky;
        const base = r * width;
        for (let col = cs; col < ce; col++) {
          const code = codes[base + col];
          if (code !== SIDE_CODE.north && code !== SIDE_CODE.south) continue;
          const lon = lon0 + col * dLon;
          const ax = (aLon - lon) * kx;
          const ex = (bLon - aLon) * kx;
          const len2 = ex * ex + ey * ey;
          const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * ex + ay * ey) / len2)) : 0;
          const dx = ax + t * ex;
          const dy = ay + t * ey;
          if (dx * dx + dy * dy <= half * half) {
            codes[base + col] = code === SIDE_CODE.north ? SIDE_CODE.dmzNorth : SIDE_CODE.dmzSouth;
          }
        }
      }
    }
  }

  private inDmz(lat: number, lon: number): boolean {
    const box = this.dmzBox;
    if (lat < box.south || lat > box.north || lon < box.west || lon > box.east) return false;
    const cells = this.dmzCells;
    const cell =
      Math.floor((box.north - lat) / DMZ_CELL_DEG) * cells.nx +
      Math.floor((lon - box.west) / DMZ_CELL_DEG);
    let approx = Infinity;
    for (let i = cells.start[cell]; i < cells.start[cell + 1]; i++) {
      approx = Math.min(approx, this.mdlDistance.segmentLocalM(cells.segments[i], lat, lon));
    }
    const half = this.dmzHalfWidthM;
    // The local estimate is within ~0.1 m of the geodesic one at 2 km; settle near-ties exactly.
    if (Math.abs(approx - half) > 1) return approx <= half;
    return this.mdlDistance.exactM(lat, lon) <= half;
  }

  /** Buckets the MDL's segments by the DMZ-box cells they can reach within the half-width. */
  private buildDmzCells(): { nx: number; start: Uint32Array; segments: Uint32Array } {
    const box = this.dmzBox;
    const nx = Math.ceil((box.east - box.west) / DMZ_CELL_DEG) + 1;
    const ny = Math.ceil((box.north - box.south) / DMZ_CELL_DEG) + 1;
    const c = this.mdlDistance.coords;
    const pad = this.dmzHalfWidthM + 100;
    const { kx, ky } = metresPerDegree(Math.max(Math.abs(box.north), Math.abs(box.south)));
    const lists: number[][] = Array.from({ length: nx * ny }, () => []);
    for (let s = 0; s < this.mdlDistance.segmentCount; s++) {
      const west = Math.min(c[2 * s], c[2 * s + 2]) - pad / kx;
      const east = Math.max(c[2 * s], c[2 * s + 2]) + pad / kx;
      const south = Math.min(c[2 * s + 1], c[2 * s + 3]) - pad / ky;
      const north = Math.max(c[2 * s + 1], c[2 * s + 3]) + pad / ky;
      const c0 = Math.max(0, Math.floor((west - box.west) / DMZ_CELL_DEG));
      const c1 = Math.min(nx - 1, Math.floor((east - box.west) / DMZ_CELL_DEG));
      const r0 = Math.max(0, Math.floor((box.north - north) / DMZ_CELL_DEG));
      const r1 = Math.min(ny - 1, Math.floor((box.north - south) / DMZ_CELL_DEG));
      for (let r = r0; r <= r1; r++)
        for (let col = c0; col <= c1; col++) lists[r * nx + col].push(s);
    }
    const start = new Uint32Array(nx * ny + 1);
    lists.forEach((l, i) => (start[i + 1] = start[i] + l.length));
    return { nx, start, segments: Uint32Array.from(lists.flat()) };
  }

  private checkInRegion(lat: number, lon: number): void {
    validatePoint(lat, lon);
    const { south, north, west, east } = this.region;
    if (lat < south || lat > north || lon < west || lon > east) {
      throw new RangeError(
        `${formatPoint(lat, lon)} is outside the region the border data covers ` +
          `(${south}..${north}N, ${west}..${east}E)`,
      );
    }
  }
}

function clampIndex(i: number, n: number): number {
  return Math.min(n, Math.max(0, i));
}

export interface LoadBordersOptions extends BordersOptions {
  /** The NLL: a GeoJSON file path, or parsed GeoJSON (see {@link parseLineString}). */
  readonly nll: string | object;
  /** Where the land polygons come from and where they are cached. */
  readonly land?: LoadLandOptions;
}

/**
 * Loads the land polygons (cached after the first use), derives the MDL and builds the model.
 * About 1 s the first time (extraction from the 121 MB source), ~0.1 s after.
 */
export async function loadBorders(options: LoadBordersOptions): Promise<Borders> {
  const [{ land }, nll] = await Promise.all([
    loadLand(options.land),
    typeof options.nll === 'string'
      ? readLineString(options.nll)
      : Promise.resolve(parseLineString(options.nll, 'NLL')),
  ]);
  return new Borders(land, nll, options);
}
