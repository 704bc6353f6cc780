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
