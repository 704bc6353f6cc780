/**
 * @module engine/antenna
 * An emitter's antenna as radio's pattern models see it: omni, the 3GPP TR 36.814 sector, or an
 * MSI/Planet file (read here, parsed by radio). Pointing (azimuth, mechanical downtilt) is the
 * emitter's; radio rotates directions into the antenna frame.
 */
import { readFileSync } from 'node:fs';
import {
  gainTowardDbi,
  omniAntenna,
  parseMsiPattern,
  sectorAntenna,
  type AntennaMount,
  type AntennaPattern,
} from '@tongilnet/radio';
import type { AntennaSpec, Emitter } from '../plan/types.ts';

/** Gain in dBi toward a bearing (° true) at an elevation angle (° above the horizontal). */
export type GainFn = (bearingDeg: number, elevationDeg: number) => number;

/** radio's pattern for a plan's antenna spec (reads pattern files). */
export function antennaPattern(spec: AntennaSpec): AntennaPattern {
  if (spec.type === 'omni') return omniAntenna({ maxGainDbi: spec.gainDbi });
  if (spec.type === 'sector') {
    return sectorAntenna({
      maxGainDbi: spec.gainDbi,
      horizontalBeamwidthDeg: spec.beamwidthDeg,
      frontToBackDb: spec.frontBackDb,
      verticalBeamwidthDeg: spec.verticalBeamwidthDeg,
      verticalSideLobeDb: Math.min(20, spec.frontBackDb),
    });
  }
  let text: string;
  try {
    text = readFileSync(spec.file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(`antenna pattern ${spec.file}: cannot read (${code})`, { cause: error });
  }
  let pattern: AntennaPattern;
  try {
    pattern = parseMsiPattern(text);
  } catch (error) {
    throw new Error(`antenna pattern ${spec.file}: ${(error as Error).message}`, { cause: error });
  }
  if (spec.gainDbi === undefined) return pattern;
  const maxGainDbi = spec.gainDbi;
  return {
    kind: pattern.kind,
    maxGainDbi,
    attenuationDb: (az, el) => pattern.attenuationDb(az, el),
  };
}

/** The gain function of a mounted emitter antenna. */
export function emitterGain(emitter: Emitter): GainFn {
  const pattern = antennaPattern(emitter.antenna);
  if (pattern.kind === 'omni' && emitter.antenna.type === 'omni') {
    const g = pattern.maxGainDbi;
    return () => g;
  }
  const mount: AntennaMount = {
    azimuthDeg: emitter.azimuthDeg,
    mechanicalDowntiltDeg: emitter.tiltDeg,
  };
  return (bearingDeg, elevationDeg) =>
    gainTowardDbi(pattern, mount, {
      bearingDeg,
      elevationDeg: Math.max(-90, Math.min(90, elevationDeg)),
    });
}
