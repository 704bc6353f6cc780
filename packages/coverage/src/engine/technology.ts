/**
 * @module engine/technology
 * What the engine takes from radio's technology presets: frequencies, channel bandwidth, the
 * handset's power class, the thresholds both directions must clear, noise figures, and the cell
 * range the air interface allows (timing advance / PRACH format).
 *
 * The downlink layer is in the technology's own downlink metric (RxLev for GSM, CPICH RSCP for
 * UMTS, RSRP for LTE, SS-RSRP for NR), so the preset's threshold applies unchanged: metric = total
 * received carrier power − the preset's `offsetFromTotalDb`. SINR works in total powers.
 */
import {
  getCellRange,
  getTechnologyPreset,
  TECHNOLOGY_IDS,
  type TechnologyPreset,
} from '@tongilnet/radio';

export interface TechParams {
  id: string;
  name: string;
  dlFrequencyMHz: number;
  ulFrequencyMHz: number;
  /** Channel bandwidth, MHz (noise and jammer overlap are computed over it). */
  bandwidthMHz: number;
  /** Handset transmit power (power class), dBm. */
  handsetPowerDbm: number;
  /** The downlink metric ('RSRP', 'RxLev', …). */
  dlMetric: string;
  /** dB from the total received carrier power down to the metric. */
  dlMetricOffsetDb: number;
  /** Downlink threshold at the handset, dBm, in the downlink metric. */
  dlThresholdDbm: number;
  /** Uplink threshold at the site's receiver input (BS reference sensitivity), dBm. */
  ulThresholdDbm: number;
  /** Greatest cell radius the air interface allows, km, and what sets it. */
  maxRangeKm: number;
  rangeLimit: string;
  rangeId: string;
  handsetNoiseFigureDb: number;
  bsNoiseFigureDb: number;
}

/** The technology ids the engine knows (radio's presets). */
export const technologyIds: readonly string[] = TECHNOLOGY_IDS;

/** Cell-range option ids of a technology, for messages. */
export function cellRangeIds(id: string): string[] {
  return getTechnologyPreset(id).cellRanges.map((c) => c.id);
}

/**
 * The engine's view of technology `id`, with the cell range `rangeId` (default: the preset's).
 * @throws RangeError naming the known ids when `id` or `rangeId` is unknown.
 */
export function technology(id: string, rangeId?: string): TechParams {
  const p: TechnologyPreset = getTechnologyPreset(id);
  const range = getCellRange(p, rangeId);
  return {
    id: p.id,
    name: p.name,
    dlFrequencyMHz: p.downlinkMhz,
    ulFrequencyMHz: p.uplinkMhz,
    bandwidthMHz: p.channelBandwidthMhz,
    handsetPowerDbm: p.handset.maxPowerDbm.value,
    dlMetric: p.downlinkMetric.name,
    dlMetricOffsetDb: p.downlinkMetric.offsetFromTotalDb,
    dlThresholdDbm: p.handset.thresholdDbm.value,
    ulThresholdDbm: p.base.sensitivityDbm.value,
    maxRangeKm: range.maxRangeM / 1000,
    rangeLimit: range.basis,
    rangeId: range.id,
    handsetNoiseFigureDb: p.handset.noiseFigureDb.value,
    bsNoiseFigureDb: p.base.noiseFigureDb.value,
  };
}

/** Thermal noise over `bandwidthMHz` at 290 K plus a noise figure, dBm: −174 + 10 log B + NF. */
export function noiseFloorDbm(bandwidthMHz: number, noiseFigureDb: number): number {
  return -174 + 10 * Math.log10(bandwidthMHz * 1e6) + noiseFigureDb;
}
