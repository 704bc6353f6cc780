/**
 * @module plan/types
 * The validated shape of a coverage plan (`plan.yaml` / `plan.json`). Everything here is already
 * checked and normalised: powers are in dBm (a plan may say `powerW`), percentages are percent,
 * angles are degrees, heights are metres above ground, and optional fields carry their defaults.
 * The raw file format and its defaults are documented in `plan/validate.ts`.
 */

/** A latitude/longitude box in decimal degrees (WGS 84). */
export interface BBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** Where to compute: a box, or a circle around a centre. */
export type Area =
  { kind: 'bbox'; bbox: BBox } | { kind: 'circle'; lat: number; lon: number; radiusKm: number };

/** Antenna radiation pattern; the boresight's pointing (azimuth, tilt) lives on the emitter. */
export type AntennaSpec =
  | { type: 'omni'; gainDbi: number }
  | {
      type: 'sector';
      gainDbi: number;
      /** Horizontal half-power beamwidth, degrees. */
      beamwidthDeg: number;
      /** Vertical half-power beamwidth, degrees. */
      verticalBeamwidthDeg: number;
      /** Front-to-back ratio: the attenuation floor behind the antenna, dB. */
      frontBackDb: number;
    }
  | {
      type: 'pattern';
      /** Absolute path of an MSI/Planet pattern file. */
      file: string;
      /** Overrides the gain in the file, dBi (the file's GAIN line otherwise). */
      gainDbi?: number;
    };

/** Fields shared by our sites and the North's jammers. */
export interface Emitter {
  name: string;
  lat: number;
  lon: number;
  /** Antenna height above ground, m. */
  heightM: number;
  /** Transmit power at the transmitter output, dBm (`powerW` in the file is converted). */
  powerDbm: number;
  antenna: AntennaSpec;
  /** Boresight azimuth, degrees clockwise from true north (ignored by omni antennas). */
  azimuthDeg: number;
  /** Mechanical downtilt, degrees (positive points down). */
  tiltDeg: number;
  /** Feeder and connector loss between transmitter and antenna, dB. */
  cableLossDb: number;
}

/** One of our transmitters. */
export interface Site extends Emitter {
  /** Technology preset id (radio's presets); defaults to the plan's. */
  technology: string;
  /** Channel number within the band: sites on the same technology and channel interfere. */
  channel: number;
  /** Cell-range option of the technology (e.g. `prach-format-3`); undefined = the preset's. */
  cellRange?: string;
}

/** A jammer: an emitter with its own band (a plan may name a technology's band) and duty cycle. */
export interface Jammer extends Emitter {
  /** Centre frequency, MHz. */
  frequencyMHz: number;
  /** Occupied bandwidth, MHz; the power spreads evenly over it. */
  bandwidthMHz: number;
  /** Fraction of time on air, 0 < d ≤ 1; interference counts the mean power (P × d). */
  dutyCycle: number;
}

/**
 * Propagation model: `itm` (NTIA ITM v1.4 point to point on the terrain profile, the default),
 * `p526` (ITU-R P.526-15 delta-Bullington diffraction over the profile plus free space), `fspl`
 * (free space), `hata` (Okumura-Hata / COST-231 Hata, open area; distance only).
 */
export type ModelId = 'itm' | 'p526' | 'fspl' | 'hata';

export interface Reliability {
  timePct: number;
  locationPct: number;
  situationPct: number;
}

/** ITM's environment parameters [ERL 79-ITS 67, §2]. */
export interface Environment {
  /** Radio climate 1..7 (5 = continental temperate). */
  climate: number;
  /** Surface refractivity N₀, N-units. */
  n0: number;
  /** Relative permittivity of the ground. */
  epsilon: number;
  /** Ground conductivity, S/m. */
  sigma: number;
  polarization: 'horizontal' | 'vertical';
  /** ITM mode of variability [NTIA itm, mdvar]: a handset on the move is `mobile`. */
  variability: Variability;
}

export type Variability = 'single-message' | 'accidental' | 'mobile' | 'broadcast';

/** The handset. */
export interface Receiver {
  /** Handset height above ground, m. */
  heightM: number;
  /** Handset antenna gain, dBi. */
  gainDbi: number;
  /** Body and indoor losses on both directions, dB. */
  bodyLossDb: number;
}

/** Service thresholds; `undefined` means the technology preset's value. */
export interface Thresholds {
  /** Minimum downlink level at the handset, dBm. */
  dlDbm?: number;
  /** Minimum uplink level at the site's receiver input, dBm. */
  ulDbm?: number;
  /** Minimum downlink SINR, dB. */
  sinrDb: number;
}

export interface PopulationChoice {
  /** `geonames` = the default named-places layer; `geotiff` = a population raster the user gives. */
  source: 'geonames' | 'geotiff';
  /** Absolute path of the GeoTIFF when `source` is `geotiff`. */
  file?: string;
}

export interface Plan {
  name: string;
  description?: string;
  /** Absolute path of the terrain file or directory; undefined = the data directory's `terrain/`. */
  terrain?: string;
  /** Undefined = around the sites, out to `maxDistanceKm`. */
  area?: Area;
  /** Output grid step in arc-seconds; undefined = the DEM's own spacing. */
  resolutionArcSec?: number;
  technology: string;
  /** Default cell-range option for the sites (radio's preset ids, e.g. `prach-format-3`). */
  cellRange?: string;
  model: ModelId;
  reliability: Reliability;
  environment: Environment;
  receiver: Receiver;
  thresholds: Thresholds;
  /** How far from each site the engine computes, km (also bounds interference). */
  maxDistanceKm: number;
  population: PopulationChoice;
  sites: Site[];
  jammers: Jammer[];
}
