/**
 * @module Parser for the MSI / Planet antenna pattern text format, and the pattern it describes.
 *
 * Format (de facto standard since MSI's Planet planning tool; see e.g. the Radio Mobile and
 * MathWorks `msiread` descriptions): header lines `KEYWORD value` (NAME, MAKE, FREQUENCY, H_WIDTH,
 * V_WIDTH, FRONT_TO_BACK, GAIN, TILT, POLARIZATION, COMMENT, others kept as-is), then a block
 * `HORIZONTAL n` followed by n lines `angle attenuation` and a block `VERTICAL n` likewise.
 * Attenuations are positive dB below the maximum gain. GAIN is in dBd unless followed by `dBi`.
 * Horizontal angles run clockwise from boresight; vertical angles start at the horizon in front of
 * the antenna and increase downward (90 = nadir, 180 = horizon behind, 270 = zenith).
 *
 * No file I/O here: the parser takes the file's text.
 */
import { DIPOLE_GAIN_DBI } from '../core/units.ts';
import type { AntennaPattern } from './types.ts';

/** A parsed MSI/Planet pattern. */
export interface MsiPattern extends AntennaPattern {
  readonly name: string;
  readonly make?: string;
  /** FREQUENCY converted to MHz, if given. */
  readonly frequencyMhz?: number;
  /** GAIN converted to dBi. */
  readonly maxGainDbi: number;
  /** The TILT line as written (e.g. 'ELECTRICAL 6'), if any. */
  readonly tilt?: string;
  /** Every header keyword with its raw value (upper-cased keys). */
  readonly header: Readonly<Record<string, string>>;
  /** Horizontal cut: angles (deg, ascending, 0..360) and attenuations (dB). */
  readonly horizontal: { readonly anglesDeg: Float64Array; readonly attenuationDb: Float64Array };
  /** Vertical cut: angles (deg, ascending, 0..360) and attenuations (dB). */
  readonly vertical: { readonly anglesDeg: Float64Array; readonly attenuationDb: Float64Array };
  /** Horizontal-cut attenuation at an angle clockwise from boresight, dB (linear interpolation). */
  horizontalAttenuationDb(angleDeg: number): number;
  /** Vertical-cut attenuation at an angle below the front horizon, dB (linear interpolation). */
  verticalAttenuationDb(angleDeg: number): number;
}

/** Error in an MSI file; the message names the line. */
export class MsiParseError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`MSI pattern line ${line}: ${message}`);
    this.name = 'MsiParseError';
    this.line = line;
  }
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function parseNumber(token: string | undefined, line: number, what: string): number {
  if (token === undefined || !NUMBER.test(token)) {
    throw new MsiParseError(line, `${what} must be a number, got '${token ?? ''}'`);
  }
  return Number(token);
}

function parseGainDbi(value: string, line: number): number {
  const [num, unit] = value.split(/\s+/);
  const g = parseNumber(num, line, 'GAIN');
  const u = (unit ?? 'dBd').toLowerCase();
  if (u === 'dbd') return g + DIPOLE_GAIN_DBI;
  if (u === 'dbi') return g;
  throw new MsiParseError(line, `GAIN unit must be dBd or dBi, got '${unit}'`);
}

function parseFrequencyMhz(value: string, line: number): number {
  const [num, unit] = value.split(/\s+/);
  const f = parseNumber(num, line, 'FREQUENCY');
  const u = (unit ?? 'MHz').toLowerCase();
  if (u === 'mhz') return f;
  if (u === 'ghz') return f * 1000;
  if (u === 'khz') return f / 1000;
  if (u === 'hz') return f / 1e6;
  throw new MsiParseError(line, `FREQUENCY unit must be Hz, kHz, MHz or GHz, got '${unit}'`);
}

/** Linear interpolation on a circular table of angles in [0, 360). */
function circularInterp(angles: Float64Array, values: Float64Array, angleDeg: number): number {
  const n = angles.length;
  const a = ((angleDeg % 360) + 360) % 360;
  // Binary search for the last angle ≤ a.
  let lo = 0;
  let hi = n - 1;
  if (a < angles[0] || a >= angles[n - 1]) {
    const a0 = angles[n - 1];
    const a1 = angles[0] + 360;
    const x = a < angles[0] ? a + 360 : a;
    const t = (x - a0) / (a1 - a0);
    return values[n - 1] + t * (values[0] - values[n - 1]);
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (angles[mid] <= a) lo = mid;
    else hi = mid;
  }
  const t = (a - angles[lo]) / (angles[hi] - angles[lo]);
  return values[lo] + t * (values[hi] - values[lo]);
}

interface Block {
  anglesDeg: Float64Array;
  attenuationDb: Float64Array;
}

/**
 * Parses the text of an MSI/Planet antenna file.
 * @param text - file contents
 * @throws {MsiParseError} naming the line for malformed headers, blocks, counts, numbers, negative
 *   or duplicate entries, or missing HORIZONTAL/VERTICAL blocks
 */
export function parseMsiPattern(text: string): MsiPattern {
  const lines = text.split(/\r\n|\r|\n/);
  const header: Record<string, string> = {};
  const headerLine: Record<string, number> = {};
  const blocks: Partial<Record<'HORIZONTAL' | 'VERTICAL', Block>> = {};
  let i = 0;
  while (i < lines.length) {
    const lineNo = i + 1;
    const raw = lines[i].trim();
    i += 1;
    if (raw === '') continue;
    const m = /^(\S+)\s*(.*)$/.exec(raw);
    if (m === null) continue;
    const key = m[1].toUpperCase();
    const value = m[2].trim();
    if (key === 'HORIZONTAL' || key === 'VERTICAL') {
      if (blocks[key] !== undefined) throw new MsiParseError(lineNo, `second ${key} block`);
      const count = parseNumber(value.split(/\s+/)[0], lineNo, `${key} count`);
      if (!Number.isInteger(count) || count < 2 || count > 100_000) {
        throw new MsiParseError(lineNo, `${key} count must be an integer ≥ 2, got ${value}`);
      }
      const pairs: Array<[angle: number, attenuation: number, line: number]> = [];
      while (pairs.length < count) {
        if (i >= lines.length) {
          throw new MsiParseError(
            lineNo,
            `${key} ${count} block ends after ${pairs.length} entries (file ends at line ${lines.length})`,
          );
        }
        const entryNo = i + 1;
        const entry = lines[i].trim();
        i += 1;
        if (entry === '') continue;
        const tokens = entry.split(/\s+/);
        if (tokens.length !== 2 || !NUMBER.test(tokens[0])) {
          throw new MsiParseError(
            entryNo,
            `${key} block expects 'angle attenuation' (entry ${pairs.length + 1} of ${count}), got '${entry}'`,
          );
        }
        const angle = parseNumber(tokens[0], entryNo, `${key} angle`);
        const att = parseNumber(tokens[1], entryNo, `${key} attenuation`);
        if (angle < 0 || angle >= 360) {
          throw new MsiParseError(entryNo, `${key} angle ${angle} is outside 0..<360°`);
        }
        if (att < 0) {
          throw new MsiParseError(
            entryNo,
            `${key} attenuation ${att} dB is negative; MSI patterns give losses as positive dB`,
          );
        }
        pairs.push([angle, att, entryNo]);
      }
      const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
      for (let k = 1; k < sorted.length; k += 1) {
        if (sorted[k][0] === sorted[k - 1][0]) {
          throw new MsiParseError(sorted[k][2], `${key} angle ${sorted[k][0]} appears twice`);
        }
      }
      blocks[key] = {
        anglesDeg: Float64Array.from(sorted, (p) => p[0]),
        attenuationDb: Float64Array.from(sorted, (p) => p[1]),
      };
      continue;
    }
    if (blocks.HORIZONTAL !== undefined || blocks.VERTICAL !== undefined) {
      if (NUMBER.test(m[1])) {
        throw new MsiParseError(lineNo, `data line '${raw}' after the block's declared count`);
      }
    }
    header[key] = value;
    headerLine[key] = lineNo;
  }
  const h = blocks.HORIZONTAL;
  const v = blocks.VERTICAL;
  if (h === undefined) throw new MsiParseError(lines.length, 'no HORIZONTAL block');
  if (v === undefined) throw new MsiParseError(lines.length, 'no VERTICAL block');
  const maxGainDbi = header.GAIN === undefined ? 0 : parseGainDbi(header.GAIN, headerLine.GAIN);
  const frequencyMhz =
    header.FREQUENCY === undefined
      ? undefined
      : parseFrequencyMhz(header.FREQUENCY, headerLine.FREQUENCY);
  const maxAtt = Math.max(...h.attenuationDb, ...v.attenuationDb);
  const name = header.NAME ?? '';
  const horizontalAttenuationDb = (a: number): number =>
    circularInterp(h.anglesDeg, h.attenuationDb, a);
  const verticalAttenuationDb = (a: number): number =>
    circularInterp(v.anglesDeg, v.attenuationDb, a);
  return {
    kind: `msi:${name}`,
    name,
    make: header.MAKE,
    frequencyMhz,
    maxGainDbi,
    tilt: header.TILT,
    header,
    horizontal: h,
    vertical: v,
    horizontalAttenuationDb,
    verticalAttenuationDb,
    // 2D → 3D by summation of the horizontal cut and the front half of the vertical cut, capped at
    // the deepest value in the file; exact in both principal planes in front of the antenna.
    attenuationDb(azimuthOffDeg: number, elevationDeg: number): number {
      return Math.min(
        horizontalAttenuationDb(azimuthOffDeg) + verticalAttenuationDb(-elevationDeg),
        maxAtt,
      );
    },
  };
}
