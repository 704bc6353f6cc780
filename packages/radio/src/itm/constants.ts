/**
 * @module itm/constants
 * Return codes, warning flags and enumerations of NTIA's Irregular Terrain Model v1.4, with the
 * values of NTIA/itm `include/Errors.h`, `Warnings.h` and `Enums.h`, plus the physical constants of
 * `itm.h`. Names are NTIA's, so a reader can compare this port line by line with the C++.
 */

// ---------------------------------------------------------------------------------------------
// Return codes (Errors.h)

/** The model ran and raised no warning. */
export const SUCCESS = 0;
/** The model ran but at least one warning flag is set; the loss is still returned. */
export const SUCCESS_WITH_WARNINGS = 1;
/** Warning word with no flag set. */
export const NO_WARNINGS = 0;

/** TX structural height outside 0.5..3000 m. */
export const ERROR__TX_TERMINAL_HEIGHT = 1000;
/** RX structural height outside 0.5..3000 m. */
export const ERROR__RX_TERMINAL_HEIGHT = 1001;
/** Radio climate not one of 1..7. */
export const ERROR__INVALID_RADIO_CLIMATE = 1002;
/** Time percentage not strictly between 0 and 100. */
export const ERROR__INVALID_TIME = 1003;
/** Location percentage not strictly between 0 and 100. */
export const ERROR__INVALID_LOCATION = 1004;
/** Situation percentage not strictly between 0 and 100. */
export const ERROR__INVALID_SITUATION = 1005;
/** Confidence percentage not strictly between 0 and 100 (CR entry points). */
export const ERROR__INVALID_CONFIDENCE = 1006;
/** Reliability percentage not strictly between 0 and 100 (CR entry points). */
export const ERROR__INVALID_RELIABILITY = 1007;
/** Surface refractivity N_0 outside 250..400 N-units. */
export const ERROR__REFRACTIVITY = 1008;
/** Frequency outside 20..20000 MHz. */
export const ERROR__FREQUENCY = 1009;
/** Polarization neither 0 (horizontal) nor 1 (vertical). */
export const ERROR__POLARIZATION = 1010;
/** Relative permittivity below 1. */
export const ERROR__EPSILON = 1011;
/** Conductivity not above 0 S/m. */
export const ERROR__SIGMA = 1012;
/** The imaginary part of the ground impedance is not smaller than its real part. */
export const ERROR__GROUND_IMPEDANCE = 1013;
/** Mode of variability not in 0..3, 10..13, 20..23 or 30..33. */
export const ERROR__MDVAR = 1014;
/** Internally computed effective earth radius outside 4000..13333.333 km. */
export const ERROR__EFFECTIVE_EARTH = 1016;
/** Area mode: path distance not above 0 km. */
export const ERROR__PATH_DISTANCE = 1017;
/** Area mode: terrain irregularity delta_h below 0 m. */
export const ERROR__DELTA_H = 1018;
/** Area mode: TX siting criteria not 0, 1 or 2. */
export const ERROR__TX_SITING_CRITERIA = 1019;
/** Area mode: RX siting criteria not 0, 1 or 2. */
export const ERROR__RX_SITING_CRITERIA = 1020;
/** Internally computed surface refractivity N_s below 150 N-units. */
export const ERROR__SURFACE_REFRACTIVITY_SMALL = 1021;
/** Internally computed surface refractivity N_s above 400 N-units. */
export const ERROR__SURFACE_REFRACTIVITY_LARGE = 1022;

// ---------------------------------------------------------------------------------------------
// Warning flags (Warnings.h), OR-ed together into `warnings`

/** TX structural height outside 1..1000 m (but inside the error limits). */
export const WARN__TX_TERMINAL_HEIGHT = 0x0001;
/** RX structural height outside 1..1000 m (but inside the error limits). */
export const WARN__RX_TERMINAL_HEIGHT = 0x0002;
/** Frequency outside 40..10000 MHz (but inside the error limits). */
export const WARN__FREQUENCY = 0x0004;
/** Path distance above 1000 km. */
export const WARN__PATH_DISTANCE_TOO_BIG_1 = 0x0008;
/** Path distance above 2000 km. */
export const WARN__PATH_DISTANCE_TOO_BIG_2 = 0x0010;
/** Path distance below |h_e,tx - h_e,rx| / 0.2 (steeper than 0.2 rad). */
export const WARN__PATH_DISTANCE_TOO_SMALL_1 = 0x0020;
/** Path distance below 1 km. */
export const WARN__PATH_DISTANCE_TOO_SMALL_2 = 0x0040;
/** |TX horizon angle| above 200 mrad: the small-angle approximations may break down. */
export const WARN__TX_HORIZON_ANGLE = 0x0080;
/** |RX horizon angle| above 200 mrad. */
export const WARN__RX_HORIZON_ANGLE = 0x0100;
/** TX horizon distance below 1/10 of the smooth-earth horizon distance. */
export const WARN__TX_HORIZON_DISTANCE_1 = 0x0200;
/** RX horizon distance below 1/10 of the smooth-earth horizon distance. */
export const WARN__RX_HORIZON_DISTANCE_1 = 0x0400;
/** TX horizon distance above 3 times the smooth-earth horizon distance. */
export const WARN__TX_HORIZON_DISTANCE_2 = 0x0800;
/** RX horizon distance above 3 times the smooth-earth horizon distance. */
export const WARN__RX_HORIZON_DISTANCE_2 = 0x1000;
/** A time, location or situation deviate lies beyond |z| = 3.10 (far in a tail). */
export const WARN__EXTREME_VARIABILITIES = 0x2000;
/** Internally computed surface refractivity N_s is in 150..250 N-units. */
export const WARN__SURFACE_REFRACTIVITY = 0x4000;

// ---------------------------------------------------------------------------------------------
// Enumerations (Enums.h)

export const POLARIZATION__HORIZONTAL = 0;
export const POLARIZATION__VERTICAL = 1;

export const SITING_CRITERIA__RANDOM = 0;
export const SITING_CRITERIA__CAREFUL = 1;
export const SITING_CRITERIA__VERY_CAREFUL = 2;

export const CLIMATE__EQUATORIAL = 1;
export const CLIMATE__CONTINENTAL_SUBTROPICAL = 2;
export const CLIMATE__MARITIME_SUBTROPICAL = 3;
export const CLIMATE__DESERT = 4;
export const CLIMATE__CONTINENTAL_TEMPERATE = 5;
export const CLIMATE__MARITIME_TEMPERATE_OVER_LAND = 6;
export const CLIMATE__MARITIME_TEMPERATE_OVER_SEA = 7;

/** v1.4 propagation mode: not computed (the call failed). */
export const MODE__NOT_SET = 0;
/** v1.4 propagation mode: path shorter than the smooth-earth line-of-sight distance d_sML. */
export const MODE__LINE_OF_SIGHT = 1;
export const MODE__DIFFRACTION = 2;
export const MODE__TROPOSCATTER = 3;

/**
 * Horizon-aware propagation mode (`propmode_v2`) of an earlier NTIA/itm revision of
 * LongleyRice.cpp: LOS only when the path is shorter than the actual horizon distances, and the
 * trans-horizon modes split by the number of horizons.
 */
export const PROPMODE_V2__NOT_SET = 0;
export const PROPMODE_V2__LINE_OF_SIGHT = 10;
export const PROPMODE_V2__DIFFRACTION_SINGLE_HORIZON = 20;
export const PROPMODE_V2__DIFFRACTION_DOUBLE_HORIZON = 21;
export const PROPMODE_V2__TROPOSCATTER_SINGLE_HORIZON = 30;
export const PROPMODE_V2__TROPOSCATTER_DOUBLE_HORIZON = 31;

/** Mode of variability (the units digit of `mdvar`; +10 drops location, +20 situation variability). */
export const MDVAR__SINGLE_MESSAGE_MODE = 0;
export const MDVAR__ACCIDENTAL_MODE = 1;
export const MDVAR__MOBILE_MODE = 2;
export const MDVAR__BROADCAST_MODE = 3;

/** Mode of operation passed to LongleyRice and DiffractionLoss. */
export const MODE__P2P = 0;
export const MODE__AREA = 1;

// ---------------------------------------------------------------------------------------------
// Physical constants (itm.h)

/** Same double as itm.h's 3.1415926535897932384. */
export const PI = Math.PI;
/** itm.h computes sqrt(2) at run time; this is the same correctly rounded double. */
export const SQRT2 = Math.SQRT2;
/** Actual earth radius, m. */
export const a_0__meter = 6370e3;
/** Earth radius used by the variability model's effective distance, m [Algorithm, Eqn 5.3]. */
export const a_9000__meter = 9000e3;
/** itm.h defines THIRD as the unparenthesised `1.0 / 3.0`; every use here is as an exponent. */
export const THIRD = 1.0 / 3.0;

// ---------------------------------------------------------------------------------------------
// Names, for reports and the CLI

const RETURN_CODE_NAMES: Readonly<Record<number, string>> = {
  [SUCCESS]: 'SUCCESS',
  [SUCCESS_WITH_WARNINGS]: 'SUCCESS_WITH_WARNINGS',
  [ERROR__TX_TERMINAL_HEIGHT]: 'ERROR__TX_TERMINAL_HEIGHT',
  [ERROR__RX_TERMINAL_HEIGHT]: 'ERROR__RX_TERMINAL_HEIGHT',
  [ERROR__INVALID_RADIO_CLIMATE]: 'ERROR__INVALID_RADIO_CLIMATE',
  [ERROR__INVALID_TIME]: 'ERROR__INVALID_TIME',
  [ERROR__INVALID_LOCATION]: 'ERROR__INVALID_LOCATION',
  [ERROR__INVALID_SITUATION]: 'ERROR__INVALID_SITUATION',
  [ERROR__INVALID_CONFIDENCE]: 'ERROR__INVALID_CONFIDENCE',
  [ERROR__INVALID_RELIABILITY]: 'ERROR__INVALID_RELIABILITY',
  [ERROR__REFRACTIVITY]: 'ERROR__REFRACTIVITY',
  [ERROR__FREQUENCY]: 'ERROR__FREQUENCY',
  [ERROR__POLARIZATION]: 'ERROR__POLARIZATION',
  [ERROR__EPSILON]: 'ERROR__EPSILON',
  [ERROR__SIGMA]: 'ERROR__SIGMA',
  [ERROR__GROUND_IMPEDANCE]: 'ERROR__GROUND_IMPEDANCE',
  [ERROR__MDVAR]: 'ERROR__MDVAR',
  [ERROR__EFFECTIVE_EARTH]: 'ERROR__EFFECTIVE_EARTH',
  [ERROR__PATH_DISTANCE]: 'ERROR__PATH_DISTANCE',
  [ERROR__DELTA_H]: 'ERROR__DELTA_H',
  [ERROR__TX_SITING_CRITERIA]: 'ERROR__TX_SITING_CRITERIA',
  [ERROR__RX_SITING_CRITERIA]: 'ERROR__RX_SITING_CRITERIA',
  [ERROR__SURFACE_REFRACTIVITY_SMALL]: 'ERROR__SURFACE_REFRACTIVITY_SMALL',
  [ERROR__SURFACE_REFRACTIVITY_LARGE]: 'ERROR__SURFACE_REFRACTIVITY_LARGE',
};

const WARNING_NAMES: ReadonlyArray<readonly [number, string]> = [
  [WARN__TX_TERMINAL_HEIGHT, 'TX_TERMINAL_HEIGHT'],
  [WARN__RX_TERMINAL_HEIGHT, 'RX_TERMINAL_HEIGHT'],
  [WARN__FREQUENCY, 'FREQUENCY'],
  [WARN__PATH_DISTANCE_TOO_BIG_1, 'PATH_DISTANCE_TOO_BIG_1'],
  [WARN__PATH_DISTANCE_TOO_BIG_2, 'PATH_DISTANCE_TOO_BIG_2'],
  [WARN__PATH_DISTANCE_TOO_SMALL_1, 'PATH_DISTANCE_TOO_SMALL_1'],
  [WARN__PATH_DISTANCE_TOO_SMALL_2, 'PATH_DISTANCE_TOO_SMALL_2'],
  [WARN__TX_HORIZON_ANGLE, 'TX_HORIZON_ANGLE'],
  [WARN__RX_HORIZON_ANGLE, 'RX_HORIZON_ANGLE'],
  [WARN__TX_HORIZON_DISTANCE_1, 'TX_HORIZON_DISTANCE_1'],
  [WARN__RX_HORIZON_DISTANCE_1, 'RX_HORIZON_DISTANCE_1'],
  [WARN__TX_HORIZON_DISTANCE_2, 'TX_HORIZON_DISTANCE_2'],
  [WARN__RX_HORIZON_DISTANCE_2, 'RX_HORIZON_DISTANCE_2'],
  [WARN__EXTREME_VARIABILITIES, 'EXTREME_VARIABILITIES'],
  [WARN__SURFACE_REFRACTIVITY, 'SURFACE_REFRACTIVITY'],
];

const PROPMODE_NAMES: Readonly<Record<number, string>> = {
  [MODE__NOT_SET]: 'NOT_SET',
  [MODE__LINE_OF_SIGHT]: 'LINE_OF_SIGHT',
  [MODE__DIFFRACTION]: 'DIFFRACTION',
  [MODE__TROPOSCATTER]: 'TROPOSCATTER',
};

const PROPMODE_V2_NAMES: Readonly<Record<number, string>> = {
  [PROPMODE_V2__NOT_SET]: 'NOT_SET',
  [PROPMODE_V2__LINE_OF_SIGHT]: 'LINE_OF_SIGHT',
  [PROPMODE_V2__DIFFRACTION_SINGLE_HORIZON]: 'DIFFRACTION_SINGLE_HORIZON',
  [PROPMODE_V2__DIFFRACTION_DOUBLE_HORIZON]: 'DIFFRACTION_DOUBLE_HORIZON',
  [PROPMODE_V2__TROPOSCATTER_SINGLE_HORIZON]: 'TROPOSCATTER_SINGLE_HORIZON',
  [PROPMODE_V2__TROPOSCATTER_DOUBLE_HORIZON]: 'TROPOSCATTER_DOUBLE_HORIZON',
};

/** NTIA's name of a return code (`ERROR__MDVAR`), or `UNKNOWN_<code>`. */
export function itmReturnCodeName(rtn: number): string {
  return RETURN_CODE_NAMES[rtn] ?? `UNKNOWN_${rtn}`;
}

/** The names of the flags set in a warning word, lowest bit first, without the `WARN__` prefix. */
export function itmWarningNames(warnings: number): string[] {
  return WARNING_NAMES.filter(([flag]) => (warnings & flag) !== 0).map(([, name]) => name);
}

/** Name of a v1.4 propagation mode (`LINE_OF_SIGHT`, `DIFFRACTION`, `TROPOSCATTER`, `NOT_SET`). */
export function itmPropModeName(propmode: number): string {
  return PROPMODE_NAMES[propmode] ?? `UNKNOWN_${propmode}`;
}

/** Name of a horizon-aware propagation mode (`DIFFRACTION_DOUBLE_HORIZON` etc.). */
export function itmPropModeV2Name(propmode_v2: number): string {
  return PROPMODE_V2_NAMES[propmode_v2] ?? `UNKNOWN_${propmode_v2}`;
}
