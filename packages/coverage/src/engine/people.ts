/**
 * @module engine/people
 * Counting people inside a layer on the North side. The engine takes any {@link PeopleCounter};
 * the default ones wrap geodata's population layers (named GeoNames places, or a population
 * GeoTIFF) and say which source was used — a point layer counts only the places it names.
 */
import {
  GEONAMES_PLACES_SOURCE,
  sumPlacesInGrid,
  sumRasterInGrid,
  type Place,
  type PopulationRaster,
} from '@tongilnet/geodata';
import type { Grid } from '../raster/grid.ts';

/** A regular grid in geodata's convention: samples at cell centres, row 0 north. */
export interface SampleGrid {
  lat0: number;
  lon0: number;
  dLat: number;
  dLon: number;
  width: number;
  height: number;
}

/** Our cell grid as geodata's sample grid (the same cells: centres as samples). */
export function sampleGridOf(grid: Grid): SampleGrid {
  return {
    lat0: grid.north - grid.stepLat / 2,
    lon0: grid.west + grid.stepLon / 2,
    dLat: grid.stepLat,
    dLon: grid.stepLon,
    width: grid.width,
    height: grid.height,
  };
}

export interface PlaceCount {
  name: string;
  province: string | null;
  population: number;
  lat: number;
  lon: number;
}

export interface PeopleCount {
  /** Persons. */
  total: number;
  /** Persons per province (points: the place's province; rasters: when the counter knows). */
  byProvince: Record<string, number>;
  /** The places counted, largest first (point layers only). */
  places: PlaceCount[];
}

export interface PeopleSourceInfo {
  id: string;
  /** One line for outputs, saying what the source can and cannot see. */
  label: string;
  kind: 'points' | 'raster';
  licence?: string;
  attribution?: string;
}

export interface PeopleCounter {
  readonly source: PeopleSourceInfo;
  /** People on the cells of `grid` where `mask[i]` is 1 (the caller has already kept the North only). */
  count(grid: Grid, mask: Uint8Array): PeopleCount;
}

/**
 * The default counter: GeoNames places (geodata's `loadPlaces`), each counted whole at its point,
 * by the province it belongs to. Only named places count — the countryside between them does not.
 */
export function placesCounter(places: readonly Place[]): PeopleCounter {
  return {
    source: {
      id: GEONAMES_PLACES_SOURCE.id,
      label: GEONAMES_PLACES_SOURCE.label,
      kind: 'points',
      licence: GEONAMES_PLACES_SOURCE.licence,
      attribution: GEONAMES_PLACES_SOURCE.attribution,
    },
    count(grid, mask) {
      const sum = sumPlacesInGrid(places, sampleGridOf(grid), mask);
      const byProvince: Record<string, number> = {};
      for (const p of sum.places) {
        const key = p.province?.en ?? 'unknown province';
        byProvince[key] = (byProvince[key] ?? 0) + p.population;
      }
      return {
        total: sum.total,
        byProvince,
        places: sum.places.map((p) => ({
          name: p.name,
          province: p.province?.en ?? null,
          population: p.population,
          lat: p.lat,
          lon: p.lon,
        })),
      };
    },
  };
}

/** A counter over a persons-per-pixel raster (geodata's `readPopulationRaster`). */
export function rasterCounter(raster: PopulationRaster): PeopleCounter {
  return {
    source: {
      id: raster.source.id,
      label: raster.source.label,
      kind: 'raster',
      licence: raster.source.licence,
      attribution: raster.source.attribution,
    },
    count(grid, mask) {
      const sum = sumRasterInGrid(raster, sampleGridOf(grid), mask);
      return { total: Math.round(sum.total), byProvince: {}, places: [] };
    },
  };
}
