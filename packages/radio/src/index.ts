/**
 * @module @tongilnet/radio
 * Pure radio propagation and link budgets. Named re-exports only; each model keeps its own folder.
 */

// --- NTIA Irregular Terrain Model v1.4 (src/itm; NTIA's names kept) ---------------------------
export { itmP2pTls } from './itm/itm-p2p-tls.ts';
export { itmP2pCr } from './itm/itm-p2p-cr.ts';
export { itmAreaTls } from './itm/itm-area-tls.ts';
export { itmAreaCr } from './itm/itm-area-cr.ts';
export { createItmResult } from './itm/types.ts';
export type {
  ItmAreaCommonInput,
  ItmAreaCrInput,
  ItmAreaTlsInput,
  ItmP2pCommonInput,
  ItmP2pCrInput,
  ItmP2pTlsInput,
  ItmResult,
  Pfl as ItmPfl,
} from './itm/types.ts';
export {
  itmPropModeName,
  itmPropModeV2Name,
  itmReturnCodeName,
  itmWarningNames,
  // Errors.h; SUCCESS and friends get an ITM_ prefix so they cannot be mistaken for other models'
  SUCCESS as ITM_SUCCESS,
  SUCCESS_WITH_WARNINGS as ITM_SUCCESS_WITH_WARNINGS,
  NO_WARNINGS as ITM_NO_WARNINGS,
  ERROR__TX_TERMINAL_HEIGHT,
  ERROR__RX_TERMINAL_HEIGHT,
  ERROR__INVALID_RADIO_CLIMATE,
  ERROR__INVALID_TIME,
  ERROR__INVALID_LOCATION,
  ERROR__INVALID_SITUATION,
  ERROR__INVALID_CONFIDENCE,
  ERROR__INVALID_RELIABILITY,
  ERROR__REFRACTIVITY,
  ERROR__FREQUENCY,
  ERROR__POLARIZATION,
  ERROR__EPSILON,
  ERROR__SIGMA,
  ERROR__GROUND_IMPEDANCE,
  ERROR__MDVAR,
  ERROR__EFFECTIVE_EARTH,
  ERROR__PATH_DISTANCE,
  ERROR__DELTA_H,
  ERROR__TX_SITING_CRITERIA,
  ERROR__RX_SITING_CRITERIA,
  ERROR__SURFACE_REFRACTIVITY_SMALL,
  ERROR__SURFACE_REFRACTIVITY_LARGE,
  // Warnings.h
  WARN__TX_TERMINAL_HEIGHT,
  WARN__RX_TERMINAL_HEIGHT,
  WARN__FREQUENCY,
  WARN__PATH_DISTANCE_TOO_BIG_1,
  WARN__PATH_DISTANCE_TOO_BIG_2,
  WARN__PATH_DISTANCE_TOO_SMALL_1,
  WARN__PATH_DISTANCE_TOO_SMALL_2,
  WARN__TX_HORIZON_ANGLE,
  WARN__RX_HORIZON_ANGLE,
  WARN__TX_HORIZON_DISTANCE_1,
  WARN__RX_HORIZON_DISTANCE_1,
  WARN__TX_HORIZON_DISTANCE_2,
  WARN__RX_HORIZON_DISTANCE_2,
  WARN__EXTREME_VARIABILITIES,
  WARN__SURFACE_REFRACTIVITY,
  // Enums.h
  POLARIZATION__HORIZONTAL,
  POLARIZATION__VERTICAL,
  SITING_CRITERIA__RANDOM,
  SITING_CRITERIA__CAREFUL,
  SITING_CRITERIA__VERY_CAREFUL,
  CLIMATE__EQUATORIAL,
  CLIMATE__CONTINENTAL_SUBTROPICAL,
  CLIMATE__MARITIME_SUBTROPICAL,
  CLIMATE__DESERT,
  CLIMATE__CONTINENTAL_TEMPERATE,
  CLIMATE__MARITIME_TEMPERATE_OVER_LAND,
  CLIMATE__MARITIME_TEMPERATE_OVER_SEA,
  MODE__NOT_SET,
  MODE__LINE_OF_SIGHT,
  MODE__DIFFRACTION,
  MODE__TROPOSCATTER,
  PROPMODE_V2__NOT_SET,
  PROPMODE_V2__LINE_OF_SIGHT,
  PROPMODE_V2__DIFFRACTION_SINGLE_HORIZON,
  PROPMODE_V2__DIFFRACTION_DOUBLE_HORIZON,
  PROPMODE_V2__TROPOSCATTER_SINGLE_HORIZON,
  PROPMODE_V2__TROPOSCATTER_DOUBLE_HORIZON,
  MDVAR__SINGLE_MESSAGE_MODE,
  MDVAR__ACCIDENTAL_MODE,
  MDVAR__MOBILE_MODE,
  MDVAR__BROADCAST_MODE,
} from './itm/constants.ts';

// ITM's inner steps, for engines that compute quickPfl's outputs incrementally (coverage's radial
// fast mode) and must then run exactly what itmP2pTls runs after quickPfl.
export { computeDeltaH } from './itm/compute-delta-h.ts';
export { linearLeastSquaresFit } from './itm/linear-least-squares-fit.ts';
export { findHorizons } from './itm/find-horizons.ts';
export { quickPfl, createPathParameters } from './itm/quick-pfl.ts';
export type { PathParameters as ItmPathParameters } from './itm/quick-pfl.ts';
export {
  initializePointToPoint,
  createPointToPointParameters,
} from './itm/initialize-point-to-point.ts';
export type { PointToPointParameters as ItmPointToPointParameters } from './itm/initialize-point-to-point.ts';
export { longleyRice } from './itm/longley-rice.ts';
export type { ReferenceAttenuation as ItmReferenceAttenuation } from './itm/longley-rice.ts';
export { variability } from './itm/variability.ts';
export { freeSpaceLoss as itmFreeSpaceLoss } from './itm/free-space-loss.ts';
export { validateInputs as itmValidateInputs } from './itm/validate-inputs.ts';
export { failItmResult } from './itm/types.ts';
export { MODE__P2P, MODE__AREA } from './itm/constants.ts';

// --- Free space, two-ray, knife-edge and terrain diffraction (ITU-R P.525, P.526) -------------
export { SPEED_OF_LIGHT_M_PER_S, EARTH_RADIUS_M, STANDARD_K_FACTOR } from './core/constants.ts';
export { wattsToDbm, dbmToWatts, wavelengthM, DIPOLE_GAIN_DBI } from './core/units.ts';
export { freeSpaceLossDb, FREE_SPACE_CONSTANT_DB } from './fspl/free-space-loss.ts';
export {
  groundReflectionCoefficient,
  complexPermittivity,
  AVERAGE_GROUND,
} from './two-ray/ground-reflection.ts';
export type { GroundElectrical, Polarization } from './two-ray/ground-reflection.ts';
export {
  twoRayLossDb,
  planeEarthLossDb,
  planeEarthCrossoverM,
  twoRayBreakpointM,
} from './two-ray/two-ray-loss.ts';
export type { TwoRayInput, TwoRayResult } from './two-ray/two-ray-loss.ts';
export type { Complex } from './math/complex.ts';
export { fresnelIntegrals } from './math/fresnel-integrals.ts';
export type { FresnelCS } from './math/fresnel-integrals.ts';
export { inverseNormalCdf, inverseComplementaryNormal } from './math/inverse-normal.ts';
export { fresnelZoneRadiusM } from './diffraction/fresnel-zone.ts';
export {
  nuFromHeight,
  nuFromAngle,
  nuFromHeightAndAngle,
  nuFromAngles,
} from './diffraction/fresnel-parameter.ts';
export {
  knifeEdgeLossDb,
  knifeEdgeLossExactDb,
  KNIFE_EDGE_NU_MIN,
} from './diffraction/knife-edge.ts';
export { effectiveEarthRadiusM, earthBulgeM, normaliseProfile } from './diffraction/profile.ts';
export type { TerrainProfile, EarthModel } from './diffraction/profile.ts';
export { dominantKnifeEdge } from './diffraction/single-knife-edge.ts';
export type { DominantEdge } from './diffraction/single-knife-edge.ts';
export { deygoutLoss } from './diffraction/deygout.ts';
export type { DeygoutEdge, DeygoutOptions, DeygoutResult } from './diffraction/deygout.ts';
export { bullingtonLoss } from './diffraction/bullington.ts';
export type { BullingtonResult } from './diffraction/bullington.ts';
export {
  sphericalEarthDiffraction,
  sphericalEarthFirstTerm,
  LAND_P452,
  SEA_P452,
} from './diffraction/spherical-earth.ts';
export type {
  FirstTermResult,
  SphericalEarthOptions,
  SphericalEarthResult,
} from './diffraction/spherical-earth.ts';
export { smoothSurfaceHeights } from './diffraction/smooth-surface.ts';
export type { SmoothSurfaceHeights } from './diffraction/smooth-surface.ts';
export { deltaBullingtonLoss } from './diffraction/delta-bullington.ts';
export type { DeltaBullingtonResult } from './diffraction/delta-bullington.ts';

// --- Empirical models (Hata 1980, COST-231) and statistical clutter (ITU-R P.2108) -----------
export {
  okumuraHataLoss,
  cost231HataLoss,
  hataFamilyLoss,
  mobileCorrectionSmallCityDb,
  mobileCorrectionLargeCityDb,
} from './empirical/hata.ts';
export type { HataEnvironment, HataInput, HataResult } from './empirical/hata.ts';
export { terrestrialClutterLoss } from './clutter/p2108-terrestrial.ts';
export type { ClutterLossResult } from './clutter/p2108-terrestrial.ts';

// --- Antennas (3GPP TR 36.814 / 36.942 parametric, MSI/Planet files) ---------------------------
export type { AntennaPattern, AntennaMount, PathDirection } from './antenna/types.ts';
export { wrap180 } from './antenna/types.ts';
export { gainTowardDbi, toAntennaFrame } from './antenna/pointing.ts';
export type { AntennaFrameDirection } from './antenna/pointing.ts';
export {
  sectorAntenna,
  omniAntenna,
  TR36814_SECTOR,
  TR36942_SECTOR,
} from './antenna/parametric.ts';
export type { SectorAntennaParams, OmniAntennaParams } from './antenna/parametric.ts';
export { parseMsiPattern, MsiParseError } from './antenna/msi.ts';
export type { MsiPattern } from './antenna/msi.ts';

// --- Technology presets (3GPP TS 45.005, 25.101/104, 36.101/104, 38.101-1/104) ---------------
export { getTechnologyPreset, getCellRange, TECHNOLOGY_IDS } from './technology/presets.ts';
export type {
  TechnologyPreset,
  SourcedValue,
  CellRangeOption,
  DownlinkMetric,
} from './technology/presets.ts';
export {
  gsmTimingAdvanceRangeM,
  lteTimingAdvanceRangeM,
  nrTimingAdvanceRangeM,
  prachRangeM,
  rangeFromRoundTripM,
  LTE_PRACH_FORMATS,
  NR_PRACH_FORMATS,
  TS_SECONDS,
} from './technology/cell-range.ts';
export type { PrachFormat } from './technology/cell-range.ts';

// --- Link budget, Fresnel clearance and the `link` analysis ------------------------------------
export { linkBudget } from './link/link-budget.ts';
export type {
  LinkBudgetInput,
  LinkBudgetResult,
  DirectionBudget,
  SiteRadio,
  HandsetRadio,
  PathLossInput,
} from './link/link-budget.ts';
export {
  profileClearance,
  elevationAngleDeg,
  horizonElevationDeg,
} from './link/profile-clearance.ts';
export type { ProfileClearance } from './link/profile-clearance.ts';
export { summariseProfile } from './link/profile-summary.ts';
export type { ProfileSummary } from './link/profile-summary.ts';
export { analyseLink } from './link/analyse-link.ts';
export type {
  LinkAnalysis,
  LinkAnalysisInput,
  ModelLosses,
  BudgetModel,
} from './link/analyse-link.ts';
