/**
 * @module args
 * Parsers for command-line values. Each names the option and the offending text in its error, so
 * `--at 91,0` fails with "--at: latitude 91 is outside -90..90" rather than a wrong answer.
 */
import { UserError } from './errors.ts';

export interface LatLon {
  lat: number;
  lon: number;
}

export interface LatLonHeight extends LatLon {
  /** Height above ground in metres, when the user gave one. */
  heightM?: number;
}

function parseNumber(text: string, option: string, what: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) {
    throw new UserError(`${option}: ${what} "${text}" is not a number`, 2);
  }
  return value;
}

/** Parses `LAT,LON` or, when `allowHeight`, `LAT,LON,H` (H metres above ground). */
export function parseLatLon(text: string, option: string, allowHeight = false): LatLonHeight {
  const parts = text.split(',');
  const expected = allowHeight ? 'LAT,LON or LAT,LON,H' : 'LAT,LON';
  if (parts.length < 2 || parts.length > (allowHeight ? 3 : 2)) {
    throw new UserError(`${option}: expected ${expected} in decimal degrees, got "${text}"`, 2);
  }
  const lat = parseNumber(parts[0]!, option, 'latitude');
  const lon = parseNumber(parts[1]!, option, 'longitude');
  if (lat < -90 || lat > 90)
    throw new UserError(`${option}: latitude ${lat} is outside -90..90`, 2);
  if (lon < -180 || lon > 180) {
    throw new UserError(`${option}: longitude ${lon} is outside -180..180`, 2);
  }
  if (parts.length === 3) {
    const heightM = parseNumber(parts[2]!, option, 'height');
    if (heightM < 0 || heightM > 3000) {
      throw new UserError(`${option}: height ${heightM} m is outside 0..3000 m above ground`, 2);
    }
    return { lat, lon, heightM };
  }
  return { lat, lon };
}

/** A finite number within [min, max], for options such as `--step 90`. */
export function parseBoundedNumber(
  text: string,
  option: string,
  min: number,
  max: number,
  unit = '',
): number {
  const value = parseNumber(text, option, 'value');
  if (value < min || value > max) {
    const u = unit ? ` ${unit}` : '';
    throw new UserError(`${option}: ${value}${u} is outside ${min}..${max}${u}`, 2);
  }
  return value;
}
