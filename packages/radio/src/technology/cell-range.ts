/**
 * @module Maximum cell range set by timing: the timing-advance range and the random-access
 * (PRACH) preamble's cyclic prefix and guard time. A handset farther away than this cannot attach
 * however strong the signal is.
 *
 * References:
 * - GSM: TS 45.010 §5.4–5.5 (timing advance 0–63 in bit periods), TS 45.002 (bit period 48/13 µs).
 * - LTE: TS 36.211 Table 5.7.1-1 (PRACH formats 0–3: T_CP, T_SEQ in T_s = 1/30.72 MHz; the preamble
 *   occupies 1, 2, 2 and 3 subframes), TS 36.213 §4.2.3 (timing advance command ≤ 1282 × 16 T_s).
 * - NR: TS 38.211 Table 6.3.3.1-1 (long formats 0–3; N_CP, N_u in κ·T_c = T_s), TS 38.213 §4.2
 *   (timing advance command ≤ 3846 × 16·64/2^μ T_c).
 * The one-way range is c·T/2 for a round-trip allowance T; the preamble allowance is
 * min(T_CP − τ_ds, T_GT), with τ_ds the delay spread reserved inside the cyclic prefix (0 by default).
 */
import { SPEED_OF_LIGHT_M_PER_S } from '../core/constants.ts';

/** LTE/NR basic time unit T_s = 1/(15 000 × 2048) s [TS 36.211 §4]; equals κ·T_c of TS 38.211. */
export const TS_SECONDS = 1 / (15_000 * 2048);

/** One-way range for a round-trip timing allowance, metres. */
export function rangeFromRoundTripM(seconds: number): number {
  return (SPEED_OF_LIGHT_M_PER_S * seconds) / 2;
}

/** GSM: 63 steps of one bit period (48/13 µs) → 34.9 km [TS 45.010 §5.4; TS 45.002]. */
export function gsmTimingAdvanceRangeM(maxTimingAdvance = 63): number {
  return rangeFromRoundTripM((maxTimingAdvance * 48) / 13 / 1e6);
}

/** A PRACH preamble format: cyclic prefix, sequence and total duration in T_s. */
export interface PrachFormat {
  readonly cpTs: number;
  readonly sequenceTs: number;
  readonly durationTs: number;
}

/** LTE PRACH formats 0–3 [TS 36.211 Table 5.7.1-1; 1, 2, 2, 3 subframes of 30 720 T_s]. */
export const LTE_PRACH_FORMATS: Readonly<Record<0 | 1 | 2 | 3, PrachFormat>> = {
  0: { cpTs: 3168, sequenceTs: 24576, durationTs: 30720 },
  1: { cpTs: 21024, sequenceTs: 24576, durationTs: 61440 },
  2: { cpTs: 6240, sequenceTs: 2 * 24576, durationTs: 61440 },
  3: { cpTs: 21024, sequenceTs: 2 * 24576, durationTs: 92160 },
};

/**
 * NR long PRACH formats 0–3 [TS 38.211 Table 6.3.3.1-1, κ·T_c = T_s]; they occupy 1, 3, 3.5 and 1 ms.
 */
export const NR_PRACH_FORMATS: Readonly<Record<0 | 1 | 2 | 3, PrachFormat>> = {
  0: { cpTs: 3168, sequenceTs: 24576, durationTs: 30720 },
  1: { cpTs: 21024, sequenceTs: 2 * 24576, durationTs: 3 * 30720 },
  2: { cpTs: 4688, sequenceTs: 4 * 24576, durationTs: 3.5 * 30720 },
  3: { cpTs: 3168, sequenceTs: 4 * 6144, durationTs: 30720 },
};

/**
 * Maximum cell radius allowed by a PRACH format, metres: c·min(T_CP − τ_ds, T_GT)/2.
 * @param delaySpreadUs - delay spread τ_ds reserved inside the cyclic prefix, µs (default 0)
 */
export function prachRangeM(format: PrachFormat, delaySpreadUs = 0): number {
  const cp = format.cpTs * TS_SECONDS - delaySpreadUs / 1e6;
  const gt = (format.durationTs - format.cpTs - format.sequenceTs) * TS_SECONDS;
  return rangeFromRoundTripM(Math.max(0, Math.min(cp, gt)));
}

/** LTE timing-advance limit: 1282 × 16 T_s round trip → 100.1 km [TS 36.213 §4.2.3]. */
export function lteTimingAdvanceRangeM(): number {
  return rangeFromRoundTripM(1282 * 16 * TS_SECONDS);
}

/**
 * NR timing-advance limit for numerology μ: 3846 × 16·64/2^μ T_c round trip [TS 38.213 §4.2];
 * 300 km at 15 kHz, 150 km at 30 kHz.
 */
export function nrTimingAdvanceRangeM(mu: number): number {
  const tc = 1 / (480_000 * 4096);
  return rangeFromRoundTripM((3846 * 16 * 64 * tc) / 2 ** mu);
}
