/**
 * @module @tongilnet/coverage
 * The area engine: plan files, rasters, per-site and multi-site coverage, SINR under jamming and
 * people reached, computed on worker threads, written as GeoTIFF, PNG, KML/KMZ, GeoJSON and JSON.
 */
export { Checker, PlanError, formatPath } from './plan/checker.ts';
export type { FieldPath, PlanIssue } from './plan/checker.ts';
export { loadJammersFile, loadPlanFile, parsePlan, parsePlanText } from './plan/load.ts';
export type { LoadPlanOptions } from './plan/load.ts';
export { modelIds, validateJammers, validatePlan } from './plan/validate.ts';
export type { ValidateOptions } from './plan/validate.ts';
export type {
  AntennaSpec,
  Area,
  BBox,
  Emitter,
  Environment,
  Jammer,
  ModelId,
  Plan,
  PopulationChoice,
  Receiver,
  Reliability,
  Site,
  Thresholds,
} from './plan/types.ts';
export { Grid, maxGridCells } from './raster/grid.ts';
export type { GridSpec } from './raster/grid.ts';
export { Raster } from './raster/raster.ts';
export type { RasterArray, RasterSpec } from './raster/raster.ts';
export { encodeGeoTiff, fileNodata } from './output/geotiff.ts';
export type { GeoTiffOptions } from './output/geotiff.ts';
export { RgbaImage } from './output/image.ts';
export type { Rgba } from './output/image.ts';
export { encodePng, renderLegend, renderMap, renderOverlay } from './output/png.ts';
export type { MapLines, MapOptions, MapPoint } from './output/png.ts';
export { categoryStyle, colorOf, legendEntries, levelStyle, maskStyle } from './output/style.ts';
export type { LayerStyle } from './output/style.ts';
export { escapeXml, groundOverlayKml, kmz } from './output/kml.ts';
export type { OverlaySpec } from './output/kml.ts';
export { contourFeatures, featureCollection } from './output/contours.ts';
export type { ContourCollection, ContourFeature } from './output/contours.ts';
