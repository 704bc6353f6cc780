/**
 * @module Everything the `link` command prints for one site and one handset over a terrain profile:
 * distance, profile summary, line of sight and Fresnel clearance, the losses of each model this
 * package owns at the downlink and uplink frequencies, the site antenna's gain toward the handset,
 * and the two-way link budget. Pure: the caller brings the profile (geodata) and, if it wants the
 * budget on another model (e.g. the ITM), that model's losses.
 *
 * Total losses: diffraction methods give the loss in excess of free space, so their totals are
 * L_bf + L_d [ITU-R P.526-15 §1; P.452-17 §4.2]; Hata-family models give the total directly. The
 * optional P.2108 clutter loss is added at the handset end only.
 */
import { assertInRange } from '../core/assert.ts';
import { freeSpaceLossDb } from '../fspl/free-space-loss.ts';
import { bullingtonLoss } from '../diffraction/bullington.ts';
import { deltaBullingtonLoss } from '../diffraction/delta-bullington.ts';
import { deygoutLoss } from '../diffraction/deygout.ts';
import { normaliseProfile } from '../diffraction/profile.ts';
import type { EarthModel, TerrainProfile } from '../diffraction/profile.ts';
import { dominantKnifeEdge } from '../diffraction/single-knife-edge.ts';
import type { SphericalEarthOptions } from '../diffraction/spherical-earth.ts';
import { hataFamilyLoss } from '../empirical/hata.ts';
import type { HataEnvironment } from '../empirical/hata.ts';
import { terrestrialClutterLoss } from '../clutter/p2108-terrestrial.ts';
import { omniAntenna } from '../antenna/parametric.ts';
import { gainTowardDbi } from '../antenna/pointing.ts';
import type { AntennaMount, AntennaPattern } from '../antenna/types.ts';
import { getTechnologyPreset } from '../technology/presets.ts';
import type { TechnologyPreset } from '../technology/presets.ts';
import { linkBudget } from './link-budget.ts';
import type { HandsetRadio, LinkBudgetResult } from './link-budget.ts';
import { elevationAngleDeg, horizonElevationDeg, profileClearance } from './profile-clearance.ts';
import type { ProfileClearance } from './profile-clearance.ts';
import { summariseProfile } from './profile-summary.ts';
import type { ProfileSummary } from './profile-summary.ts';

/** Models whose loss can feed the budget. */
export type BudgetModel =
  'delta-bullington' | 'bullington' | 'deygout' | 'knife-edge' | 'free-space' | 'hata';

/** Inputs of {@link analyseLink}. */
export interface LinkAnalysisInput {
  /** Terrain from the site (first sample) to the handset (last sample). */
  readonly profile: TerrainProfile;
  /** Technology preset or its id. */
  readonly technology: TechnologyPreset | string;
  readonly site: {
    /** Antenna height above ground, metres. */
    readonly heightM: number;
    readonly powerDbm?: number;
    readonly powerW?: number;
    readonly cableLossDb?: number;
    readonly rxDiversityGainDb?: number;
    /** Antenna pattern (default: omnidirectional 0 dBi). */
    readonly antenna?: AntennaPattern;
    /** Boresight azimuth and mechanical tilt (default: boresight toward the handset, no tilt). */
    readonly mount?: AntennaMount;
    /** Bearing from the site to the handset, degrees from true north (needed with `mount`). */
    readonly bearingDeg?: number;
  };
  readonly handset?: HandsetRadio & {
    /** Antenna height above ground, metres (default 1.5). */
    readonly heightM?: number;
  };
  /** k factor (default 4/3) or effective Earth radius. */
  readonly earth?: EarthModel;
  /** Surface for the spherical-Earth part of delta-Bullington. */
  readonly surface?: SphericalEarthOptions;
  /** Hata environment (default 'open'). */
  readonly hataEnvironment?: HataEnvironment;
  /** Add ITU-R P.2108 clutter at the handset end for this percentage of locations. */
  readonly clutterLocationPercent?: number;
  /** Model whose loss feeds the budget (default 'delta-bullington'). */
  readonly budgetModel?: BudgetModel;
  /** Use these losses for the budget instead (e.g. ITM results); `model` labels them. */
  readonly pathLossOverride?: {
    readonly downlinkDb: number;
    readonly uplinkDb: number;
    readonly model: string;
  };
  readonly cellRange?: string;
  readonly uplinkResourceBlocks?: number;
  readonly extraLossDb?: number;
}

/** Losses of every owned model at one frequency, dB. */
export interface ModelLosses {
  readonly frequencyMhz: number;
  readonly freeSpaceDb: number;
  /** Single dominant knife edge: excess loss, total, and the edge. */
  readonly knifeEdge: {
    readonly excessDb: number;
    readonly totalDb: number;
    readonly nu: number;
    readonly distanceM: number;
  };
  readonly deygout: { readonly excessDb: number; readonly totalDb: number; readonly edges: number };
  readonly bullington: {
    readonly excessDb: number;
    readonly totalDb: number;
    readonly lineOfSight: boolean;
  };
  readonly deltaBullington: {
    readonly excessDb: number;
    readonly totalDb: number;
    readonly actualDb: number;
    readonly smoothDb: number;
    readonly sphericalDb: number;
  };
  readonly hata: {
    readonly totalDb: number;
    readonly model: string;
    readonly warnings: readonly string[];
  };
  /** P.2108 clutter loss at the handset end (0 if not requested). */
  readonly clutterDb: number;
}

/** Everything `link` prints. */
export interface LinkAnalysis {
  readonly technology: string;
  readonly distanceM: number;
  readonly profile: ProfileSummary;
  /** Fresnel clearance at the downlink frequency (what the plot draws). */
  readonly clearance: ProfileClearance;
  /** Elevation angle from the site antenna toward the handset antenna, degrees. */
  readonly elevationAngleDeg: number;
  /** Horizon elevation angle seen from the site antenna, degrees. */
  readonly siteHorizonDeg: number;
  /** Site antenna gain toward the handset, dBi. */
  readonly siteAntennaGainDbi: number;
  readonly losses: { readonly downlink: ModelLosses; readonly uplink: ModelLosses };
  /** The model (or override label) whose losses fed the budget. */
  readonly budgetModel: string;
  readonly budget: LinkBudgetResult;
  /** Warnings from the models (validity ranges) and the analysis. */
  readonly warnings: readonly string[];
}

function lossesAt(
  fMhz: number,
  input: LinkAnalysisInput,
  hTx: number,
  hRx: number,
  distanceM: number,
): ModelLosses {
  const { profile } = input;
  const earth = input.earth ?? {};
  const fs = freeSpaceLossDb(fMhz, distanceM / 1000);
  const clutterDb =
    input.clutterLocationPercent === undefined
      ? 0
      : terrestrialClutterLoss(fMhz, distanceM / 1000, input.clutterLocationPercent).lossDb;
  const ke = dominantKnifeEdge(profile, hTx, hRx, fMhz, earth);
  const dy = deygoutLoss(profile, hTx, hRx, fMhz, earth);
  const bu = bullingtonLoss(profile, hTx, hRx, fMhz, earth);
  const db = deltaBullingtonLoss(profile, hTx, hRx, fMhz, { ...earth, ...(input.surface ?? {}) });
  const hata = hataFamilyLoss({
    frequencyMhz: fMhz,
    distanceKm: distanceM / 1000,
    baseHeightM: hTx,
    mobileHeightM: hRx,
    environment: input.hataEnvironment ?? 'open',
  });
  return {
    frequencyMhz: fMhz,
    freeSpaceDb: fs,
    knifeEdge: {
      excessDb: ke.lossDb,
      totalDb: fs + ke.lossDb + clutterDb,
      nu: ke.nu,
      distanceM: ke.distanceM,
    },
    deygout: { excessDb: dy.lossDb, totalDb: fs + dy.lossDb + clutterDb, edges: dy.edges.length },
    bullington: {
      excessDb: bu.lossDb,
      totalDb: fs + bu.lossDb + clutterDb,
      lineOfSight: bu.lineOfSight,
    },
    deltaBullington: {
      excessDb: db.lossDb,
      totalDb: fs + db.lossDb + clutterDb,
      actualDb: db.actual.lossDb,
      smoothDb: db.smooth.lossDb,
      sphericalDb: db.spherical.lossDb,
    },
    hata: { totalDb: hata.lossDb + clutterDb, model: hata.model, warnings: hata.warnings },
    clutterDb,
  };
}

function totalFor(model: BudgetModel, l: ModelLosses): number {
  switch (model) {
    case 'delta-bullington':
      return l.deltaBullington.totalDb;
    case 'bullington':
      return l.bullington.totalDb;
    case 'deygout':
      return l.deygout.totalDb;
    case 'knife-edge':
      return l.knifeEdge.totalDb;
    case 'free-space':
      return l.freeSpaceDb + l.clutterDb;
    case 'hata':
      return l.hata.totalDb;
  }
}

/**
 * Analyses one site–handset link over a terrain profile.
 * @throws {RangeError} naming the field for invalid inputs (profile, heights, technology id…)
 */
export function analyseLink(input: LinkAnalysisInput): LinkAnalysis {
  const preset =
    typeof input.technology === 'string' ? getTechnologyPreset(input.technology) : input.technology;
  const { d, h } = normaliseProfile(input.profile, 2);
  const n = d.length;
  const hTx = input.site.heightM;
  const hRx = input.handset?.heightM ?? 1.5;
  assertInRange('site.heightM', hTx, 0.5, 3000, 'm');
  assertInRange('handset.heightM', hRx, 0.5, 3000, 'm');
  const distanceM = d[n - 1];
  const earth = input.earth ?? {};
  const warnings: string[] = [];

  const clearance = profileClearance(input.profile, hTx, hRx, preset.downlinkMhz, earth);
  const elevation = elevationAngleDeg(h[0] + hTx, h[n - 1] + hRx, distanceM, earth);
  const horizon = horizonElevationDeg(input.profile, hTx, earth);

  const antenna = input.site.antenna ?? omniAntenna();
  if (input.site.mount !== undefined && input.site.bearingDeg === undefined) {
    throw new RangeError(
      'site.bearingDeg is needed with site.mount (bearing from the site to the handset)',
    );
  }
  const bearing = input.site.bearingDeg ?? 0;
  const mount = input.site.mount ?? { azimuthDeg: bearing };
  const gain = gainTowardDbi(antenna, mount, { bearingDeg: bearing, elevationDeg: elevation });

  const downlink = lossesAt(preset.downlinkMhz, input, hTx, hRx, distanceM);
  const uplink =
    preset.uplinkMhz === preset.downlinkMhz
      ? downlink
      : lossesAt(preset.uplinkMhz, input, hTx, hRx, distanceM);
  for (const w of new Set([...downlink.hata.warnings, ...uplink.hata.warnings])) warnings.push(w);
  if (input.clutterLocationPercent !== undefined) {
    for (const w of terrestrialClutterLoss(
      preset.downlinkMhz,
      distanceM / 1000,
      input.clutterLocationPercent,
    ).warnings) {
      warnings.push(w);
    }
  }

  const model = input.budgetModel ?? 'delta-bullington';
  const override = input.pathLossOverride;
  const budget = linkBudget({
    preset,
    site: {
      powerDbm: input.site.powerDbm,
      powerW: input.site.powerW,
      antennaGainDbi: gain,
      cableLossDb: input.site.cableLossDb,
      rxDiversityGainDb: input.site.rxDiversityGainDb,
    },
    handset: input.handset,
    pathLoss: override ?? {
      downlinkDb: totalFor(model, downlink),
      uplinkDb: totalFor(model, uplink),
    },
    distanceM,
    cellRange: input.cellRange,
    uplinkResourceBlocks: input.uplinkResourceBlocks,
    extraLossDb: input.extraLossDb,
  });
  if (model === 'hata' && override === undefined && downlink.hata.warnings.length > 0) {
    warnings.push('the budget uses a Hata-family loss outside its validity range');
  }
  return {
    technology: preset.id,
    distanceM,
    profile: summariseProfile(input.profile, hTx, hRx),
    clearance,
    elevationAngleDeg: elevation,
    siteHorizonDeg: horizon.angleDeg,
    siteAntennaGainDbi: gain,
    losses: { downlink, uplink },
    budgetModel: override?.model ?? model,
    budget,
    warnings,
  };
}
