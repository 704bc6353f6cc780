/**
 * @module Technology presets: the radio parameters of GSM, UMTS, LTE and NR carriers that a link
 * budget needs, each with its source.
 *
 * References (3GPP; Release given where a value changed over time):
 * - GSM: TS 45.005 §2 (bands), §4.1.1 (MS power classes: GSM 900 class 4 = 33 dBm, DCS 1800 class 1 =
 *   30 dBm), §6.2 (reference sensitivity: normal BTS −104 dBm; GSM 900 small MS −102 dBm; DCS 1800
 *   MS −102 dBm for class 3, −100 dBm for classes 1 and 2 in the same clause).
 * - UMTS: TS 25.101 §5.2 (band I), §6.2.1 Table 6.1 (UE power class 3 = +24 dBm, class 4 = +21 dBm),
 *   §7.3.1 Table 7.2 (band I reference sensitivity DPCH_Ec −117 dBm at Î_or −106.7 dBm), Annex C
 *   (P-CPICH_Ec/I_or = −10 dB in the test); TS 25.104 §7.2.1 (wide-area BS −121 dBm, 12.2 kbit/s).
 * - LTE: TS 36.101 Table 5.5-1 (bands), Table 6.2.2-1 (power class 3 = 23 dBm), Table 7.3.1-1
 *   (UE REFSENS, 10 MHz); TS 36.104 Table 7.2.1-1 (wide-area BS REFSENS −101.5 dBm for FRC A1-3,
 *   25 RB, 5–20 MHz channels).
 * - NR: TS 38.101-1 Table 5.2-1 (n78 3300–3800 MHz TDD), Table 6.2.1-1 (power class 3 = 23 dBm);
 *   TS 38.104 Table 7.2.2-1 (wide-area BS REFSENS with G-FR1-A1-2, 11 RB at 30 kHz).
 * - Planning assumptions that are not 3GPP requirements are marked as such: base-station output per
 *   carrier (43 dBm, 46 dBm for LTE/NR macro), the LTE/NR RSRP threshold (−120 dBm), and noise figures
 *   (UE 9 dB, BS 5 dB, the values of 3GPP TR 36.942 §4).
 */
import {
  LTE_PRACH_FORMATS,
  NR_PRACH_FORMATS,
  gsmTimingAdvanceRangeM,
  lteTimingAdvanceRangeM,
  nrTimingAdvanceRangeM,
  prachRangeM,
} from './cell-range.ts';

/** A value with what it means and where it comes from. */
export interface SourcedValue {
  readonly value: number;
  /** What the number is (so nobody compares an RSRP with a total power). */
  readonly meaning: string;
  /** Specification clause or 'planning assumption'. */
  readonly source: string;
}

/** One way the cell range can be limited. */
export interface CellRangeOption {
  readonly id: string;
  readonly maxRangeM: number;
  readonly basis: string;
}

/** What the downlink received power is compared with at the handset. */
export interface DownlinkMetric {
  /** 'RxLev' (GSM), 'CPICH RSCP' (UMTS), 'RSRP' (LTE), 'SS-RSRP' (NR). */
  readonly name: string;
  /**
   * dB to subtract from the total received carrier power to get the metric: 0 for RxLev, the
   * pilot share for CPICH RSCP, 10·log10(12·N_RB) for (SS-)RSRP when power is spread evenly.
   */
  readonly offsetFromTotalDb: number;
  readonly meaning: string;
}

/** A technology preset. */
export interface TechnologyPreset {
  readonly id: string;
  readonly name: string;
  readonly technology: 'gsm' | 'umts' | 'lte' | 'nr';
  readonly band: string;
  readonly duplex: 'FDD' | 'TDD';
  /** Uplink band edges, MHz. */
  readonly uplinkBandMhz: readonly [number, number];
  /** Downlink band edges, MHz. */
  readonly downlinkBandMhz: readonly [number, number];
  /** Band-centre uplink frequency, MHz. */
  readonly uplinkMhz: number;
  /** Band-centre downlink frequency, MHz. */
  readonly downlinkMhz: number;
  /** Channel bandwidth assumed, MHz. */
  readonly channelBandwidthMhz: number;
  /** Resource blocks in the channel (LTE/NR), for RSRP. */
  readonly resourceBlocks?: number;
  /** Handset (UE/MS) parameters. */
  readonly handset: {
    readonly powerClass: string;
    readonly maxPowerDbm: SourcedValue;
    /** The threshold the downlink metric is compared with. */
    readonly thresholdDbm: SourcedValue;
    /** The specification's reference sensitivity, if different from the threshold. */
    readonly referenceSensitivityDbm?: SourcedValue;
    readonly noiseFigureDb: SourcedValue;
  };
  /** Base-station parameters. */
  readonly base: {
    readonly powerDbm: SourcedValue;
    readonly sensitivityDbm: SourcedValue;
    /** Resource blocks of the sensitivity's reference allocation (LTE/NR), for scaling. */
    readonly sensitivityResourceBlocks?: number;
    readonly noiseFigureDb: SourcedValue;
  };
  readonly downlinkMetric: DownlinkMetric;
  /** Range limits; `defaultCellRange` names the one the link budget uses unless told otherwise. */
  readonly cellRanges: readonly CellRangeOption[];
  readonly defaultCellRange: string;
  readonly notes: readonly string[];
}

const UE_NF: SourcedValue = {
  value: 9,
  meaning: 'UE noise figure, dB',
  source: 'planning assumption (3GPP TR 36.942 §4)',
};
const BS_NF: SourcedValue = {
  value: 5,
  meaning: 'BS noise figure, dB',
  source: 'planning assumption (3GPP TR 36.942 §4)',
};

function centre([lo, hi]: readonly [number, number]): number {
  return (lo + hi) / 2;
}

function rsrpOffset(rb: number): number {
  return 10 * Math.log10(12 * rb);
}

const GSM_RANGES: CellRangeOption[] = [
  {
    id: 'timing-advance',
    maxRangeM: gsmTimingAdvanceRangeM(),
    basis: 'timing advance 0–63 bit periods (TS 45.010 §5.4)',
  },
  {
    id: 'extended',
    maxRangeM: 120_000,
    basis: 'vendor extended-range cells (two timeslots per burst), ~120 km; not a 3GPP figure',
  },
];

function gsm(id: 'gsm900' | 'gsm1800'): TechnologyPreset {
  const is900 = id === 'gsm900';
  const ul: [number, number] = is900 ? [890, 915] : [1710, 1785];
  const dl: [number, number] = is900 ? [935, 960] : [1805, 1880];
  return {
    id,
    name: is900 ? 'GSM 900 (P-GSM)' : 'GSM 1800 (DCS)',
    technology: 'gsm',
    band: is900 ? 'P-GSM 900' : 'DCS 1800',
    duplex: 'FDD',
    uplinkBandMhz: ul,
    downlinkBandMhz: dl,
    uplinkMhz: centre(ul),
    downlinkMhz: centre(dl),
    channelBandwidthMhz: 0.2,
    handset: {
      powerClass: is900 ? 'class 4 (2 W)' : 'class 1 (1 W)',
      maxPowerDbm: {
        value: is900 ? 33 : 30,
        meaning: 'MS maximum output power',
        source: 'TS 45.005 §4.1.1',
      },
      thresholdDbm: {
        value: -102,
        meaning: 'RxLev (carrier power) at the MS reference sensitivity',
        source: is900
          ? 'TS 45.005 §6.2 (GSM 900 small MS)'
          : 'TS 45.005 §6.2 (DCS 1800 class 3 MS; −100 dBm for classes 1–2)',
      },
      noiseFigureDb: UE_NF,
    },
    base: {
      powerDbm: {
        value: 43,
        meaning: 'BTS output per carrier (20 W)',
        source: 'planning assumption',
      },
      sensitivityDbm: {
        value: -104,
        meaning: 'normal BTS reference sensitivity (carrier power)',
        source: 'TS 45.005 §6.2',
      },
      noiseFigureDb: BS_NF,
    },
    downlinkMetric: {
      name: 'RxLev',
      offsetFromTotalDb: 0,
      meaning: 'received carrier power (BCCH), dBm',
    },
    cellRanges: GSM_RANGES,
    defaultCellRange: 'timing-advance',
    notes: [
      'GSM 900 E-GSM extends the band to 880–915 / 925–960 MHz; P-GSM centres are used here.',
    ],
  };
}

function umts2100(): TechnologyPreset {
  const ul: [number, number] = [1920, 1980];
  const dl: [number, number] = [2110, 2170];
  return {
    id: 'umts2100',
    name: 'UMTS 2100 (band I)',
    technology: 'umts',
    band: 'I',
    duplex: 'FDD',
    uplinkBandMhz: ul,
    downlinkBandMhz: dl,
    uplinkMhz: centre(ul),
    downlinkMhz: centre(dl),
    channelBandwidthMhz: 5,
    handset: {
      powerClass: 'class 3 (+24 dBm)',
      maxPowerDbm: {
        value: 24,
        meaning: 'UE maximum output power (class 3; class 3bis is +23 dBm)',
        source: 'TS 25.101 §6.2.1 Table 6.1',
      },
      thresholdDbm: {
        value: -116.7,
        meaning:
          'CPICH RSCP at the UE reference sensitivity (Î_or −106.7 dBm with P-CPICH_Ec/I_or −10 dB)',
        source: 'TS 25.101 §7.3.1 Table 7.2 and Annex C',
      },
      referenceSensitivityDbm: {
        value: -117,
        meaning: 'DPCH_Ec at reference sensitivity (12.2 kbit/s, BER 0.001)',
        source: 'TS 25.101 §7.3.1 Table 7.2',
      },
      noiseFigureDb: UE_NF,
    },
    base: {
      powerDbm: {
        value: 43,
        meaning: 'NodeB output per carrier (20 W)',
        source: 'planning assumption',
      },
      sensitivityDbm: {
        value: -121,
        meaning: 'wide-area BS reference sensitivity, 12.2 kbit/s (after despreading)',
        source: 'TS 25.104 §7.2.1',
      },
      noiseFigureDb: BS_NF,
    },
    downlinkMetric: {
      name: 'CPICH RSCP',
      offsetFromTotalDb: 10,
      meaning: 'pilot (P-CPICH) received power, dBm; pilot = 10 % of carrier power',
    },
    cellRanges: [
      {
        id: 'classic',
        maxRangeM: 60_000,
        basis: 'typical vendor RACH search-window limit, ~60 km; not a 3GPP figure',
      },
      {
        id: 'extended',
        maxRangeM: 200_000,
        basis: 'extended cell range (Rel-7 era vendor feature), up to ~200 km',
      },
    ],
    defaultCellRange: 'classic',
    notes: ['Most handsets are power class 3 (+24 dBm); the brief’s 23 dBm is class 3bis.'],
  };
}

interface LteBand {
  readonly n: number;
  readonly ul: [number, number];
  readonly dl: [number, number];
  readonly refsens10: number;
}

const LTE_BANDS: Record<'lte-b1' | 'lte-b3' | 'lte-b8' | 'lte-b20' | 'lte-b28', LteBand> = {
  'lte-b1': { n: 1, ul: [1920, 1980], dl: [2110, 2170], refsens10: -97 },
  'lte-b3': { n: 3, ul: [1710, 1785], dl: [1805, 1880], refsens10: -94 },
  'lte-b8': { n: 8, ul: [880, 915], dl: [925, 960], refsens10: -94 },
  'lte-b20': { n: 20, ul: [832, 862], dl: [791, 821], refsens10: -94 },
  'lte-b28': { n: 28, ul: [703, 748], dl: [758, 803], refsens10: -95.5 },
};

function lte(id: keyof typeof LTE_BANDS): TechnologyPreset {
  const b = LTE_BANDS[id];
  const rb = 50;
  const ranges: CellRangeOption[] = ([0, 1, 2, 3] as const).map((f) => ({
    id: `prach-format-${f}`,
    maxRangeM: Math.min(prachRangeM(LTE_PRACH_FORMATS[f]), lteTimingAdvanceRangeM()),
    basis: `PRACH preamble format ${f} cyclic prefix / guard time (TS 36.211 Table 5.7.1-1), capped by the timing-advance range (TS 36.213 §4.2.3)`,
  }));
  return {
    id,
    name: `LTE band ${b.n}`,
    technology: 'lte',
    band: String(b.n),
    duplex: 'FDD',
    uplinkBandMhz: b.ul,
    downlinkBandMhz: b.dl,
    uplinkMhz: centre(b.ul),
    downlinkMhz: centre(b.dl),
    channelBandwidthMhz: 10,
    resourceBlocks: rb,
    handset: {
      powerClass: 'class 3 (23 dBm)',
      maxPowerDbm: {
        value: 23,
        meaning: 'UE maximum output power',
        source: 'TS 36.101 Table 6.2.2-1',
      },
      thresholdDbm: {
        value: -120,
        meaning:
          'RSRP (power of one 15 kHz resource element of the reference signal) below which the UE is taken as out of coverage',
        source: 'planning assumption',
      },
      referenceSensitivityDbm: {
        value: b.refsens10,
        meaning: `REFSENS: total power over the 10 MHz channel (50 RB, QPSK R=1/3, 2 Rx) ≈ ${(b.refsens10 - rsrpOffset(rb)).toFixed(1)} dBm per resource element`,
        source: 'TS 36.101 Table 7.3.1-1',
      },
      noiseFigureDb: UE_NF,
    },
    base: {
      powerDbm: {
        value: 46,
        meaning: 'eNB output per carrier (40 W macro)',
        source: 'planning assumption',
      },
      sensitivityDbm: {
        value: -101.5,
        meaning: 'wide-area BS REFSENS for a 25-RB allocation (FRC A1-3)',
        source: 'TS 36.104 Table 7.2.1-1',
      },
      sensitivityResourceBlocks: 25,
      noiseFigureDb: BS_NF,
    },
    downlinkMetric: {
      name: 'RSRP',
      offsetFromTotalDb: rsrpOffset(rb),
      meaning:
        'reference-signal received power per resource element, dBm (power spread evenly over 600 subcarriers)',
    },
    cellRanges: ranges,
    defaultCellRange: 'prach-format-1',
    notes: b.n === 20 ? ['Band 20 is reverse duplex: the uplink is above the downlink.'] : [],
  };
}

function nrN78(): TechnologyPreset {
  const band: [number, number] = [3300, 3800];
  const rb = 273;
  const ranges: CellRangeOption[] = ([0, 1, 2, 3] as const).map((f) => ({
    id: `prach-format-${f}`,
    maxRangeM: Math.min(prachRangeM(NR_PRACH_FORMATS[f]), nrTimingAdvanceRangeM(1)),
    basis: `long PRACH format ${f} cyclic prefix / guard time (TS 38.211 Table 6.3.3.1-1), capped by the timing-advance range at 30 kHz (TS 38.213 §4.2)`,
  }));
  return {
    id: 'nr-n78',
    name: 'NR n78 (3.5 GHz TDD)',
    technology: 'nr',
    band: 'n78',
    duplex: 'TDD',
    uplinkBandMhz: band,
    downlinkBandMhz: band,
    uplinkMhz: centre(band),
    downlinkMhz: centre(band),
    channelBandwidthMhz: 100,
    resourceBlocks: rb,
    handset: {
      powerClass: 'class 3 (23 dBm)',
      maxPowerDbm: {
        value: 23,
        meaning: 'UE maximum output power (class 2, 26 dBm, also exists for n78)',
        source: 'TS 38.101-1 Table 6.2.1-1',
      },
      thresholdDbm: {
        value: -120,
        meaning:
          'SS-RSRP (power of one resource element of the SS block) below which the UE is taken as out of coverage',
        source: 'planning assumption (same as LTE)',
      },
      noiseFigureDb: UE_NF,
    },
    base: {
      powerDbm: {
        value: 46,
        meaning: 'gNB output per carrier (macro; massive-MIMO units radiate more)',
        source: 'planning assumption',
      },
      sensitivityDbm: {
        value: -101.5,
        meaning:
          'wide-area BS REFSENS for an 11-RB allocation at 30 kHz SCS (G-FR1-A1-2), 3 GHz < f ≤ 4.2 GHz (−101.8 dBm at f ≤ 3 GHz)',
        source: 'TS 38.104 Table 7.2.2-1',
      },
      sensitivityResourceBlocks: 11,
      noiseFigureDb: BS_NF,
    },
    downlinkMetric: {
      name: 'SS-RSRP',
      offsetFromTotalDb: rsrpOffset(rb),
      meaning:
        'SS-block received power per resource element, dBm (power spread evenly over 3276 subcarriers)',
    },
    cellRanges: ranges,
    defaultCellRange: 'prach-format-0',
    notes: [
      'TDD: the guard period of the special slot must also cover the round trip (2 symbols at 30 kHz ≈ 71 µs ≈ 10.7 km).',
      'Downlink and uplink share one frequency.',
    ],
  };
}

const PRESETS: Readonly<Record<string, TechnologyPreset>> = {
  gsm900: gsm('gsm900'),
  gsm1800: gsm('gsm1800'),
  umts2100: umts2100(),
  'lte-b1': lte('lte-b1'),
  'lte-b3': lte('lte-b3'),
  'lte-b8': lte('lte-b8'),
  'lte-b20': lte('lte-b20'),
  'lte-b28': lte('lte-b28'),
  'nr-n78': nrN78(),
};

/** Ids of all presets, in a stable order. */
export const TECHNOLOGY_IDS: readonly string[] = Object.keys(PRESETS);

/**
 * A technology preset by id.
 * @throws {RangeError} listing the valid ids when `id` is unknown
 */
export function getTechnologyPreset(id: string): TechnologyPreset {
  const p = PRESETS[id];
  if (p === undefined) {
    throw new RangeError(`unknown technology '${id}'; valid ids: ${TECHNOLOGY_IDS.join(', ')}`);
  }
  return p;
}

/** The preset's range option by id (default: its `defaultCellRange`). */
export function getCellRange(preset: TechnologyPreset, optionId?: string): CellRangeOption {
  const id = optionId ?? preset.defaultCellRange;
  const r = preset.cellRanges.find((c) => c.id === id);
  if (r === undefined) {
    throw new RangeError(
      `unknown cell range '${id}' for ${preset.id}; valid: ${preset.cellRanges.map((c) => c.id).join(', ')}`,
    );
  }
  return r;
}
