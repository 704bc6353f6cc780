/**
 * @module itm/validate-inputs
 * Validation of the inputs shared by point-to-point and area mode. Port of NTIA/itm
 * `ValidateInputs.cpp`: each parameter has a warning range inside a wider error range, and the
 * checks run in NTIA's order, so the first failing check decides the return code.
 */
import {
  CLIMATE__CONTINENTAL_SUBTROPICAL,
  CLIMATE__CONTINENTAL_TEMPERATE,
  CLIMATE__DESERT,
  CLIMATE__EQUATORIAL,
  CLIMATE__MARITIME_SUBTROPICAL,
  CLIMATE__MARITIME_TEMPERATE_OVER_LAND,
  CLIMATE__MARITIME_TEMPERATE_OVER_SEA,
  ERROR__EPSILON,
  ERROR__FREQUENCY,
  ERROR__INVALID_LOCATION,
  ERROR__INVALID_RADIO_CLIMATE,
  ERROR__INVALID_SITUATION,
  ERROR__INVALID_TIME,
  ERROR__MDVAR,
  ERROR__POLARIZATION,
  ERROR__REFRACTIVITY,
  ERROR__RX_TERMINAL_HEIGHT,
  ERROR__SIGMA,
  ERROR__TX_TERMINAL_HEIGHT,
  POLARIZATION__HORIZONTAL,
  POLARIZATION__VERTICAL,
  SUCCESS,
  WARN__FREQUENCY,
  WARN__RX_TERMINAL_HEIGHT,
  WARN__TX_TERMINAL_HEIGHT,
} from './constants.ts';
import type { WarningSink } from './variability.ts';

/**
 * Validates the common inputs, raising warning flags in `sink` and returning the first error.
 *
 * Port decision: NTIA declares climate, pol and mdvar as C `int`, so a fractional value can never
 * reach its checks; here a non-integer fails the same check as an out-of-range integer would.
 *
 * @param h_tx__meter - TX structural height, m (warn outside 1..1000, error outside 0.5..3000)
 * @param h_rx__meter - RX structural height, m (same ranges)
 * @param climate - Radio climate 1..7
 * @param time - Time percentage, 0 < time < 100
 * @param location - Location percentage, 0 < location < 100
 * @param situation - Situation percentage, 0 < situation < 100
 * @param N_0 - Refractivity, N-units, 250..400
 * @param f__mhz - Frequency, MHz (warn outside 40..10000, error outside 20..20000)
 * @param pol - Polarization, 0 horizontal or 1 vertical
 * @param epsilon - Relative permittivity, >= 1
 * @param sigma - Conductivity, S/m, > 0
 * @param mdvar - Mode of variability: 0..3, 10..13, 20..23 or 30..33
 * @param sink - Receives warning flags
 * @returns SUCCESS or the ERROR__* code of the first failed check
 */
export function validateInputs(
  h_tx__meter: number,
  h_rx__meter: number,
  climate: number,
  time: number,
  location: number,
  situation: number,
  N_0: number,
  f__mhz: number,
  pol: number,
  epsilon: number,
  sigma: number,
  mdvar: number,
  sink: WarningSink,
): number {
  if (h_tx__meter < 1.0 || h_tx__meter > 1000.0) sink.warnings |= WARN__TX_TERMINAL_HEIGHT;
  if (h_tx__meter < 0.5 || h_tx__meter > 3000.0) return ERROR__TX_TERMINAL_HEIGHT;

  if (h_rx__meter < 1.0 || h_rx__meter > 1000.0) sink.warnings |= WARN__RX_TERMINAL_HEIGHT;
  if (h_rx__meter < 0.5 || h_rx__meter > 3000.0) return ERROR__RX_TERMINAL_HEIGHT;

  if (
    climate !== CLIMATE__EQUATORIAL &&
    climate !== CLIMATE__CONTINENTAL_SUBTROPICAL &&
    climate !== CLIMATE__MARITIME_SUBTROPICAL &&
    climate !== CLIMATE__DESERT &&
    climate !== CLIMATE__CONTINENTAL_TEMPERATE &&
    climate !== CLIMATE__MARITIME_TEMPERATE_OVER_LAND &&
    climate !== CLIMATE__MARITIME_TEMPERATE_OVER_SEA
  ) {
    return ERROR__INVALID_RADIO_CLIMATE;
  }

  if (N_0 < 250 || N_0 > 400) return ERROR__REFRACTIVITY;

  if (f__mhz < 40.0 || f__mhz > 10000.0) sink.warnings |= WARN__FREQUENCY;
  if (f__mhz < 20 || f__mhz > 20000) return ERROR__FREQUENCY;

  if (pol !== POLARIZATION__HORIZONTAL && pol !== POLARIZATION__VERTICAL) {
    return ERROR__POLARIZATION;
  }

  if (epsilon < 1) return ERROR__EPSILON;

  if (sigma <= 0) return ERROR__SIGMA;

  if (
    !Number.isInteger(mdvar) ||
    mdvar < 0 ||
    (mdvar > 3 && mdvar < 10) ||
    (mdvar > 13 && mdvar < 20) ||
    (mdvar > 23 && mdvar < 30) ||
    mdvar > 33
  ) {
    return ERROR__MDVAR;
  }

  // NTIA checks situation before time: the CR entry points rely on this order when they map
  // situation/time errors onto confidence/reliability.
  if (situation <= 0 || situation >= 100) return ERROR__INVALID_SITUATION;
  if (time <= 0 || time >= 100) return ERROR__INVALID_TIME;
  if (location <= 0 || location >= 100) return ERROR__INVALID_LOCATION;

  return SUCCESS;
}
