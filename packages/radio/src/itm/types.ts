/**
 * @module itm/types
 * Inputs and the result record of the ITM entry points. Field names are NTIA's (`h_tx__meter`:
 * `_` marks a subscript, `__` the unit), so the oracle's JSON rows and NTIA's documentation map
 * one to one.
 */

/**
 * A terrain profile in NTIA's pfl layout: [intervals np, spacing xi (m), z_0 .. z_np (m)], from
 * the transmitter to the receiver. A Float64Array is used as is (and may be longer than np + 3,
 * so one buffer can hold profiles of different lengths); a number[] is copied into a scratch
 * buffer first.
 */
export type Pfl = Float64Array | readonly number[];

/** Inputs shared by the point-to-point entry points. */
export interface ItmP2pCommonInput {
  /** Structural height of the TX above ground, m (0.5..3000; warns outside 1..1000) */
  h_tx__meter: number;
  /** Structural height of the RX above ground, m (0.5..3000; warns outside 1..1000) */
  h_rx__meter: number;
  /** Terrain profile, TX to RX, see {@link Pfl} */
  pfl: Pfl;
  /** Radio climate 1..7 (CLIMATE__*) */
  climate: number;
  /** Sea-level surface refractivity, N-units (250..400) */
  N_0: number;
  /** Frequency, MHz (20..20000; warns outside 40..10000) */
  f__mhz: number;
  /** Polarization: 0 horizontal, 1 vertical */
  pol: number;
  /** Relative permittivity of the ground (>= 1) */
  epsilon: number;
  /** Conductivity of the ground, S/m (> 0) */
  sigma: number;
  /** Mode of variability: 0 single message, 1 accidental, 2 mobile, 3 broadcast; +10, +20 */
  mdvar: number;
}

/** Point-to-point inputs with time/location/situation variability (NTIA ITM_P2P_TLS). */
export interface ItmP2pTlsInput extends ItmP2pCommonInput {
  /** Time percentage, 0 < time < 100 */
  time: number;
  /** Location percentage, 0 < location < 100 */
  location: number;
  /** Situation percentage, 0 < situation < 100 */
  situation: number;
}

/** Point-to-point inputs with confidence/reliability variability (NTIA ITM_P2P_CR). */
export interface ItmP2pCrInput extends ItmP2pCommonInput {
  /** Confidence percentage, 0 < confidence < 100 */
  confidence: number;
  /** Reliability percentage, 0 < reliability < 100 */
  reliability: number;
}

/** Inputs shared by the area-mode entry points. */
export interface ItmAreaCommonInput {
  /** Structural height of the TX above ground, m */
  h_tx__meter: number;
  /** Structural height of the RX above ground, m */
  h_rx__meter: number;
  /** TX siting criteria: 0 random, 1 careful, 2 very careful */
  tx_site_criteria: number;
  /** RX siting criteria: 0 random, 1 careful, 2 very careful */
  rx_site_criteria: number;
  /** Path distance, km (> 0) */
  d__km: number;
  /** Terrain irregularity parameter, m (>= 0) */
  delta_h__meter: number;
  /** Radio climate 1..7 */
  climate: number;
  /** Sea-level surface refractivity, N-units */
  N_0: number;
  /** Frequency, MHz */
  f__mhz: number;
  /** Polarization: 0 horizontal, 1 vertical */
  pol: number;
  /** Relative permittivity */
  epsilon: number;
  /** Conductivity, S/m */
  sigma: number;
  /** Mode of variability */
  mdvar: number;
}

/** Area-mode inputs with time/location/situation variability (NTIA ITM_AREA_TLS). */
export interface ItmAreaTlsInput extends ItmAreaCommonInput {
  time: number;
  location: number;
  situation: number;
}

/** Area-mode inputs with confidence/reliability variability (NTIA ITM_AREA_CR). */
export interface ItmAreaCrInput extends ItmAreaCommonInput {
  confidence: number;
  reliability: number;
}

/**
 * What an ITM entry point returns: NTIA's return code, loss and warning word, plus everything
 * NTIA's `_Ex` variants put in `IntermediateValues`. When `rtn` is an error (>= 1000) the numbers
 * are NaN and both modes are 0; `warnings` keeps whatever flags were raised before the error,
 * as in the reference.
 */
export interface ItmResult {
  /** SUCCESS (0), SUCCESS_WITH_WARNINGS (1) or an ERROR__* code (>= 1000) */
  rtn: number;
  /** Basic transmission loss, dB (NaN on error) */
  A__db: number;
  /** Warning flags (WARN__*), OR-ed */
  warnings: number;
  /** v1.4 propagation mode: 1 LOS, 2 diffraction, 3 troposcatter, 0 not set */
  propmode: number;
  /** Horizon-aware mode: 10 LOS, 20/21 diffraction, 30/31 troposcatter (1/2 horizons), 0 not set */
  propmode_v2: number;
  /** Free-space basic transmission loss, dB */
  A_fs__db: number;
  /** Reference attenuation, dB */
  A_ref__db: number;
  /** Surface refractivity, N-units */
  N_s: number;
  /** Path distance, km */
  d__km: number;
  /** Terrain irregularity parameter, m */
  delta_h__meter: number;
  /** Terminal horizon distances [tx, rx], m */
  d_hzn__meter: number[];
  /** Terminal effective heights [tx, rx], m */
  h_e__meter: number[];
  /** Terminal horizon angles [tx, rx], rad */
  theta_hzn: number[];
}

/**
 * A fresh result record. Pass one to the entry points as `out` to reuse it across calls (no
 * allocation per call); every field is overwritten on each call.
 */
export function createItmResult(): ItmResult {
  return {
    rtn: 0,
    A__db: NaN,
    warnings: 0,
    propmode: 0,
    propmode_v2: 0,
    A_fs__db: NaN,
    A_ref__db: NaN,
    N_s: NaN,
    d__km: NaN,
    delta_h__meter: NaN,
    // doubles from the start, so the arrays never change element kind
    d_hzn__meter: [NaN, NaN],
    h_e__meter: [NaN, NaN],
    theta_hzn: [NaN, NaN],
  };
}

/** Fills `out` for a failed call: the code, the warnings so far, NaN values and unset modes. */
export function failItmResult(out: ItmResult, rtn: number, warnings: number): ItmResult {
  out.rtn = rtn;
  out.warnings = warnings;
  out.A__db = NaN;
  out.propmode = 0;
  out.propmode_v2 = 0;
  out.A_fs__db = NaN;
  out.A_ref__db = NaN;
  out.N_s = NaN;
  out.d__km = NaN;
  out.delta_h__meter = NaN;
  out.d_hzn__meter[0] = NaN;
  out.d_hzn__meter[1] = NaN;
  out.h_e__meter[0] = NaN;
  out.h_e__meter[1] = NaN;
  out.theta_hzn[0] = NaN;
  out.theta_hzn[1] = NaN;
  return out;
}
