/**
 * @module Two-way link budget between a base station and a handset.
 *
 * Downlink: EIRP_BS = P_BS + G_BS − L_cable; P_rx,UE = EIRP_BS − L_DL + G_UE − L_body; the handset
 * metric (RxLev, CPICH RSCP, RSRP) is P_rx,UE minus the preset's offset and is compared with the
 * preset's threshold. Uplink: EIRP_UE = P_UE + G_UE − L_body; P_rx,BS = EIRP_UE − L_UL + G_BS −
 * L_cable + G_div, compared with the base-station sensitivity scaled to the uplink allocation
 * (10·log10(N_RB/N_RB,ref): the same SNR over a narrower band needs proportionally less power).
 * Downlink and uplink use their own frequencies, hence their own path losses. The link works both
 * ways only if both margins are ≥ 0 and the handset is within the cell range that timing allows.
 * The usual outcome for a 23 dBm phone against a 43–46 dBm base station is an uplink-limited link,
 * which `limitingDirection` makes explicit.
 */
import { assertFinite, assertInRange, assertPositive } from '../core/assert.ts';
import { wattsToDbm } from '../core/units.ts';
import { getCellRange } from '../technology/presets.ts';
import type { TechnologyPreset } from '../technology/presets.ts';

/** Base-station side of the budget. */
export interface SiteRadio {
  /** Transmit power per carrier, dBm (default: the preset's). Give this or `powerW`. */
  readonly powerDbm?: number;
  /** Transmit power per carrier, W. */
  readonly powerW?: number;
  /** Antenna gain toward the handset, dBi (pattern and tilt already applied). */
  readonly antennaGainDbi: number;
  /** Feeder/cable and connector loss, dB (default 0). */
  readonly cableLossDb?: number;
  /** Receive-diversity gain on the uplink, dB (default 0). */
  readonly rxDiversityGainDb?: number;
}

/** Handset side of the budget. */
export interface HandsetRadio {
  /** Transmit power, dBm (default: the preset's power class). */
  readonly powerDbm?: number;
  /** Antenna gain, dBi (default 0). */
  readonly antennaGainDbi?: number;
  /** Body (head/hand) loss, dB (default 3, a planning assumption). */
  readonly bodyLossDb?: number;
}

/** Path loss per direction: two numbers, or a function of frequency and direction. */
export type PathLossInput =
  | { readonly downlinkDb: number; readonly uplinkDb: number }
  | ((frequencyMhz: number, direction: 'downlink' | 'uplink') => number);

/** Inputs of {@link linkBudget}. */
export interface LinkBudgetInput {
  readonly preset: TechnologyPreset;
  readonly site: SiteRadio;
  readonly handset?: HandsetRadio;
  readonly pathLoss: PathLossInput;
  /** Ground distance between site and handset, metres. */
  readonly distanceM: number;
  /** Cell-range option id (default: the preset's default). */
  readonly cellRange?: string;
  /** Uplink resource blocks (LTE/NR; default the base sensitivity's reference allocation). */
  readonly uplinkResourceBlocks?: number;
  /** Extra loss in both directions (fade margin, building penetration…), dB (default 0). */
  readonly extraLossDb?: number;
}

/** One direction of the budget. */
export interface DirectionBudget {
  readonly frequencyMhz: number;
  /** EIRP of the transmitting end, dBm. */
  readonly eirpDbm: number;
  readonly pathLossDb: number;
  /** Power at the receiver input (after gains and losses), dBm, total over the carrier/allocation. */
  readonly receivedDbm: number;
  /** What `levelDbm` measures (e.g. 'RSRP', 'BS input (25 RB)'). */
  readonly metric: string;
  /** The level compared with the threshold, dBm. */
  readonly levelDbm: number;
  readonly thresholdDbm: number;
  /** levelDbm − thresholdDbm, dB. */
  readonly marginDb: number;
  /** Largest path loss that still closes this direction, dB. */
  readonly maxPathLossDb: number;
}

/** Result of {@link linkBudget}. */
export interface LinkBudgetResult {
  readonly downlink: DirectionBudget;
  readonly uplink: DirectionBudget;
  readonly range: {
    readonly distanceM: number;
    readonly maxRangeM: number;
    readonly option: string;
    readonly basis: string;
    readonly within: boolean;
  };
  /** Both margins ≥ 0 and within range. */
  readonly twoWay: boolean;
  /**
   * What decides the link: 'range' when the handset is beyond the timing limit, otherwise the
   * direction with the smaller margin (the one that fails first as loss grows); null on a tie.
   */
  readonly limitingDirection: 'uplink' | 'downlink' | 'range' | null;
  /** Every constraint that fails. */
  readonly failing: ReadonlyArray<'downlink' | 'uplink' | 'range'>;
  /** uplink margin − downlink margin, dB (negative: uplink weaker). */
  readonly imbalanceDb: number;
}

function sitePowerDbm(site: SiteRadio, preset: TechnologyPreset): number {
  if (site.powerDbm !== undefined && site.powerW !== undefined) {
    throw new RangeError('site: give powerDbm or powerW, not both');
  }
  if (site.powerW !== undefined) return wattsToDbm(site.powerW);
  const p = site.powerDbm ?? preset.base.powerDbm.value;
  assertInRange('site.powerDbm', p, -30, 90, 'dBm');
  return p;
}

/**
 * Two-way link budget for one site–handset pair.
 * @throws {RangeError} for inconsistent power inputs or out-of-range values, naming the field
 */
export function linkBudget(input: LinkBudgetInput): LinkBudgetResult {
  const { preset, site } = input;
  const handset = input.handset ?? {};
  assertPositive('distanceM', input.distanceM, 'm');
  assertFinite('site.antennaGainDbi', site.antennaGainDbi);
  const cable = site.cableLossDb ?? 0;
  assertInRange('site.cableLossDb', cable, 0, 50, 'dB');
  const diversity = site.rxDiversityGainDb ?? 0;
  assertInRange('site.rxDiversityGainDb', diversity, 0, 20, 'dB');
  const pUe = handset.powerDbm ?? preset.handset.maxPowerDbm.value;
  assertInRange('handset.powerDbm', pUe, -50, 40, 'dBm');
  const gUe = handset.antennaGainDbi ?? 0;
  assertInRange('handset.antennaGainDbi', gUe, -30, 20, 'dBi');
  const body = handset.bodyLossDb ?? 3;
  assertInRange('handset.bodyLossDb', body, 0, 40, 'dB');
  const extra = input.extraLossDb ?? 0;
  assertInRange('extraLossDb', extra, 0, 200, 'dB');

  const fDl = preset.downlinkMhz;
  const fUl = preset.uplinkMhz;
  const pl = input.pathLoss;
  const lDl = typeof pl === 'function' ? pl(fDl, 'downlink') : pl.downlinkDb;
  const lUl = typeof pl === 'function' ? pl(fUl, 'uplink') : pl.uplinkDb;
  assertFinite('pathLoss.downlinkDb', lDl);
  assertFinite('pathLoss.uplinkDb', lUl);

  // Downlink.
  const eirpBs = sitePowerDbm(site, preset) + site.antennaGainDbi - cable;
  const rxUe = eirpBs - lDl - extra + gUe - body;
  const offset = preset.downlinkMetric.offsetFromTotalDb;
  const levelDl = rxUe - offset;
  const thDl = preset.handset.thresholdDbm.value;
  const downlink: DirectionBudget = {
    frequencyMhz: fDl,
    eirpDbm: eirpBs,
    pathLossDb: lDl,
    receivedDbm: rxUe,
    metric: preset.downlinkMetric.name,
    levelDbm: levelDl,
    thresholdDbm: thDl,
    marginDb: levelDl - thDl,
    maxPathLossDb: eirpBs - extra + gUe - body - offset - thDl,
  };

  // Uplink.
  const eirpUe = pUe + gUe - body;
  const rxBs = eirpUe - lUl - extra + site.antennaGainDbi - cable + diversity;
  const refRb = preset.base.sensitivityResourceBlocks;
  let thUl = preset.base.sensitivityDbm.value;
  let metricUl = 'BS input';
  if (refRb !== undefined) {
    const rb = input.uplinkResourceBlocks ?? refRb;
    assertInRange('uplinkResourceBlocks', rb, 1, preset.resourceBlocks ?? 1000);
    thUl += 10 * Math.log10(rb / refRb);
    metricUl = `BS input (${rb} RB)`;
  } else if (input.uplinkResourceBlocks !== undefined) {
    throw new RangeError(`uplinkResourceBlocks applies to LTE/NR, not ${preset.id}`);
  }
  const uplink: DirectionBudget = {
    frequencyMhz: fUl,
    eirpDbm: eirpUe,
    pathLossDb: lUl,
    receivedDbm: rxBs,
    metric: metricUl,
    levelDbm: rxBs,
    thresholdDbm: thUl,
    marginDb: rxBs - thUl,
    maxPathLossDb: eirpUe - extra + site.antennaGainDbi - cable + diversity - thUl,
  };

  const cr = getCellRange(preset, input.cellRange);
  const within = input.distanceM <= cr.maxRangeM;
  const failing: Array<'downlink' | 'uplink' | 'range'> = [];
  if (downlink.marginDb < 0) failing.push('downlink');
  if (uplink.marginDb < 0) failing.push('uplink');
  if (!within) failing.push('range');
  let limitingDirection: LinkBudgetResult['limitingDirection'];
  if (!within) limitingDirection = 'range';
  else if (uplink.marginDb < downlink.marginDb) limitingDirection = 'uplink';
  else if (downlink.marginDb < uplink.marginDb) limitingDirection = 'downlink';
  else limitingDirection = null;
  return {
    downlink,
    uplink,
    range: {
      distanceM: input.distanceM,
      maxRangeM: cr.maxRangeM,
      option: cr.id,
      basis: cr.basis,
      within,
    },
    twoWay: failing.length === 0,
    limitingDirection,
    failing,
    imbalanceDb: uplink.marginDb - downlink.marginDb,
  };
}
