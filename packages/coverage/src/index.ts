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
  Variability,
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
export {
  cellsInDisc,
  discBox,
  itmParams,
  lossRaster,
  outputGrid,
  profileStepFor,
  runCoverage,
  windowAround,
} from './engine/run.ts';
export type {
  CoverageResult,
  EngineMode,
  LossRasterOptions,
  Progress,
  RunOptions,
} from './engine/run.ts';
export {
  FastProfiler,
  GeodesicLattice,
  fastRows,
  horizonIsFragile,
  latticeFor,
} from './engine/kernel-fast.ts';
export { WorkerPool, abortError, shareGrids } from './engine/pool.ts';
export type { WorkerMethods, WorkerRequest, WorkerReply } from './engine/protocol.ts';
export { combine, bandOverlap, maskNodata } from './engine/combine.ts';
export type { CombinedLayers, JammerLayers, SiteLayers } from './engine/combine.ts';
export { cellRangeIds, technology, technologyIds, noiseFloorDbm } from './engine/technology.ts';
export type { TechParams } from './engine/technology.ts';
export { antennaPattern, emitterGain } from './engine/antenna.ts';
export { placesCounter, rasterCounter, sampleGridOf } from './engine/people.ts';
export type { PeopleCount, PeopleCounter, PeopleSourceInfo, PlaceCount } from './engine/people.ts';
export type {
  AreaCount,
  BandSummary,
  CoverageSummary,
  FarthestPoint,
  LayerId,
  LayerSummary,
  SiteSummary,
} from './engine/summary.ts';
export { PointLoss, referenceRows } from './engine/kernel-reference.ts';
export { mdvarCode } from './engine/jobs.ts';
export { BENCHMARK_SITE, benchmarkJob } from './engine/benchmark-job.ts';
export {
  perimeterCells,
  radialSweepRaster,
  sweepRadials,
  sweepStepM,
} from './engine/radial-sweep.ts';
export type { SweepResult, SweepTask } from './engine/radial-sweep.ts';
export type { ItmParams, LossJob, RowsResult, RowsTask } from './engine/jobs.ts';
export { borderLines, fileStem, outputLayers, writeOutputs } from './output/write.ts';
export type { OutputLayer, WriteOptions } from './output/write.ts';
