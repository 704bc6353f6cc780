export { findDataDir, requireDataFile, repoRoot } from './data-dir.ts';
export type { DataDirChoice } from './data-dir.ts';

// Terrain: SRTM .hgt and GeoTIFF tiles, a lazily loaded mosaic, a synchronous sampler.
export type {
  GeoBounds,
  LatLon,
  LoadReport,
  PointSet,
  TerrainFormat,
  TerrainGrid,
  TileInfo,
  VoidPolicy,
  VoidReportEntry,
} from './terrain/types.ts';
export {
  TerrainCoverageError,
  TerrainFormatError,
  TerrainVoidError,
  formatLatLon,
} from './terrain/errors.ts';
export { HGT_VOID, cellName, decodeHgt, hgtTileName, parseHgtName } from './terrain/hgt.ts';
export { readHgtFile } from './terrain/hgt-file.ts';
export { decodeGeoTiff, readGeoTiffFile, readGeoTiffHeader } from './terrain/geotiff.ts';
export type { GeoTiffHeader, GeoTiffReadOptions } from './terrain/geotiff.ts';
export { sampleGrid } from './terrain/bilinear.ts';
export { TerrainSampler, formatBounds } from './terrain/sampler.ts';
export type { SamplerOptions } from './terrain/sampler.ts';
export { DEFAULT_TERRAIN_CACHE_BYTES, Mosaic, openTerrain } from './terrain/mosaic.ts';
export type { TerrainSource, TerrainSourceOptions } from './terrain/mosaic.ts';

// Profiles along the WGS 84 geodesic, and ITM's pfl array.
export { geodesicPath, intervalsFor } from './profile/geodesic-path.ts';
export type { GeodesicPath, GeodesicPathOptions } from './profile/geodesic-path.ts';
export { geodesicDirect, geodesicInverse } from './profile/geodesic.ts';
export type { GeodesicInverse } from './profile/geodesic.ts';
export {
  itmPfl,
  profileFromSampler,
  samplePfl,
  sampleProfile,
  terrainProfile,
} from './profile/terrain-profile.ts';
export type { TerrainProfile } from './profile/terrain-profile.ts';

// Borders: which side of the divide a point or a whole grid is on (land, DMZ, sea side of the NLL).
export type { LatLonBox, LatLonGrid } from './borders/grid.ts';
export { validateGrid } from './borders/grid.ts';
export { RingIndex } from './borders/ring-index.ts';
export type { LabelledRing, RingIndexOptions } from './borders/ring-index.ts';
export {
  KOREA_REGION,
  LAND_CODES,
  clipRingToBox,
  defaultCacheDir,
  defaultLandSource,
  extractLand,
  loadLand,
} from './borders/land.ts';
export type {
  ExtractLandOptions,
  LandCountry,
  LandData,
  LoadLandOptions,
  LoadedLand,
} from './borders/land.ts';
export { deriveMdl } from './borders/mdl.ts';
export type { DeriveMdlOptions, DerivedMdl } from './borders/mdl.ts';
export {
  SEA_DIVIDE_LIMITS,
  buildSeaDivide,
  parseLineString,
  readLineString,
} from './borders/sea.ts';
export type { SeaDivide } from './borders/sea.ts';
export {
  PolylineDistance,
  geodesicDistanceM,
  geodesicDistanceToSegmentM,
  localDistanceToSegmentM,
  metresPerDegree,
} from './borders/geodesy.ts';
export { Borders, SIDE_CODE, loadBorders, sideOfCode } from './borders/borders.ts';
export type {
  BordersOptions,
  LoadBordersOptions,
  SeaSide,
  Side,
  SideCode,
  SideReport,
} from './borders/borders.ts';

// Population: GeoNames places (default) or a persons-per-pixel GeoTIFF, summed over masks/polygons.
export { GEONAMES_PLACES_SOURCE, rasterSource } from './population/source.ts';
export type { PopulationSource, PopulationSum } from './population/source.ts';
export { KP_PROVINCES, kpProvince } from './population/provinces.ts';
export type { Province } from './population/provinces.ts';
export {
  loadPlaces,
  nearestPlace,
  sumPlacesInGrid,
  sumPlacesInPolygon,
} from './population/places.ts';
export type { LoadPlacesOptions, MaskSelect, Place, PlacesSum } from './population/places.ts';
export { polygonIndex } from './population/polygon.ts';
export { readPopulationRaster, sumRasterInGrid, sumRasterInPolygon } from './population/raster.ts';
export type { PopulationRaster, RasterSum, ReadPopulationOptions } from './population/raster.ts';
