/**
 * @module Okumura–Hata and COST-231–Hata median path loss for land mobile radio.
 *
 * References:
 * - M. Hata, "Empirical formula for propagation loss in land mobile radio services", IEEE Trans. Veh.
 *   Technol. VT-29(3), 317–325 (1980): urban loss L_p = 69.55 + 26.16 log f − 13.82 log h_b − a(h_m)
 *   + (44.9 − 6.55 log h_b) log d; mobile-antenna correction a(h_m) for medium-small cities
 *   (1.1 log f − 0.7)h_m − (1.56 log f − 0.8) and for large cities 8.29(log 1.54h_m)² − 1.1
 *   (f ≤ 200 MHz) or 3.2(log 11.75h_m)² − 4.97 (f ≥ 400 MHz); suburban L_p − 2[log(f/28)]² − 5.4;
 *   open area L_p − 4.78(log f)² + 18.33 log f − 40.94. Valid for f 150–1500 MHz, d 1–20 km,
 *   h_b 30–200 m, h_m 1–10 m. Reproduced in ITU-R P.529-3 Annex 1.
 * - COST Action 231, "Digital mobile radio towards future generation systems", final report (EUR 18957,
 *   1999) §4.4.3: L = 46.3 + 33.9 log f − 13.82 log h_b − a(h_m) + (44.9 − 6.55 log h_b) log d + C_m,
 *   C_m = 0 dB for medium-sized cities and suburban centres, 3 dB for metropolitan centres;
 *   f 1500–2000 MHz, other ranges as Hata.
 * f in MHz, d in km, heights in metres; logs are base 10.
 */
import { assertPositive } from '../core/assert.ts';
import { rangeWarning } from './validity.ts';
import type { ValidityRange } from './validity.ts';

/** Environment classes of Hata's paper (and COST-231's metropolitan / medium-city split). */
export type HataEnvironment = 'urban-large' | 'urban-small' | 'suburban' | 'open';

/** Inputs of the Hata-family models. */
export interface HataInput {
  readonly frequencyMhz: number;
  readonly distanceKm: number;
  /** Base-station antenna height above local terrain, metres. */
  readonly baseHeightM: number;
  /** Mobile antenna height above local terrain, metres. */
  readonly mobileHeightM: number;
  readonly environment: HataEnvironment;
}

/** Result of a Hata-family model. */
export interface HataResult {
  /** Median basic transmission loss, dB. */
  readonly lossDb: number;
  /** Which model produced it. */
  readonly model: 'okumura-hata' | 'cost231-hata';
  /** Mobile-antenna height correction a(h_m) used, dB. */
  readonly mobileCorrectionDb: number;
  /** Validity-range and applicability warnings (empty when every input is inside the ranges). */
  readonly warnings: readonly string[];
}

const DISTANCE: ValidityRange = { symbol: 'd', min: 1, max: 20, unit: 'km' };
const BASE: ValidityRange = { symbol: 'hb', min: 30, max: 200, unit: 'm' };
const MOBILE: ValidityRange = { symbol: 'hm', min: 1, max: 10, unit: 'm' };
const HATA_F: ValidityRange = { symbol: 'f', min: 150, max: 1500, unit: 'MHz' };
const COST_F: ValidityRange = { symbol: 'f', min: 1500, max: 2000, unit: 'MHz' };

function checkInputs(input: HataInput, model: string, fRange: ValidityRange): string[] {
  assertPositive('frequencyMhz', input.frequencyMhz, 'MHz');
  assertPositive('distanceKm', input.distanceKm, 'km');
  assertPositive('baseHeightM', input.baseHeightM, 'm');
  assertPositive('mobileHeightM', input.mobileHeightM, 'm');
  const w = [
    rangeWarning(model, fRange, input.frequencyMhz),
    rangeWarning(model, DISTANCE, input.distanceKm),
    rangeWarning(model, BASE, input.baseHeightM),
    rangeWarning(model, MOBILE, input.mobileHeightM),
  ];
  return w.filter((x): x is string => x !== undefined);
}

/** a(h_m) for medium-small cities [Hata 1980]. */
export function mobileCorrectionSmallCityDb(frequencyMhz: number, mobileHeightM: number): number {
  const lf = Math.log10(frequencyMhz);
  return (1.1 * lf - 0.7) * mobileHeightM - (1.56 * lf - 0.8);
}

/**
 * a(h_m) for large cities [Hata 1980]: the f ≤ 200 MHz form below 300 MHz, the f ≥ 400 MHz form
 * above (Hata gives no formula between 200 and 400 MHz; the caller is warned there).
 */
export function mobileCorrectionLargeCityDb(frequencyMhz: number, mobileHeightM: number): number {
  if (frequencyMhz < 300) return 8.29 * Math.log10(1.54 * mobileHeightM) ** 2 - 1.1;
  return 3.2 * Math.log10(11.75 * mobileHeightM) ** 2 - 4.97;
}

function largeCityGapWarning(input: HataInput): string[] {
  return input.environment === 'urban-large' && input.frequencyMhz > 200 && input.frequencyMhz < 400
    ? [
        `f = ${input.frequencyMhz} MHz is between Hata's large-city a(hm) forms (≤ 200 and ≥ 400 MHz); the nearer one is used`,
      ]
    : [];
}

/** Hata's urban loss with a given a(h_m), shared by all environments. */
function hataUrban(f: number, d: number, hb: number, a: number): number {
  return (
    69.55 +
    26.16 * Math.log10(f) -
    13.82 * Math.log10(hb) -
    a +
    (44.9 - 6.55 * Math.log10(hb)) * Math.log10(d)
  );
}

/**
 * Okumura–Hata median loss [Hata 1980]. Suburban and open-area corrections apply to the urban loss
 * with the medium-small-city a(h_m), as in the paper.
 */
export function okumuraHataLoss(input: HataInput): HataResult {
  const warnings = [...checkInputs(input, 'Hata', HATA_F), ...largeCityGapWarning(input)];
  const { frequencyMhz: f, distanceKm: d, baseHeightM: hb, mobileHeightM: hm } = input;
  const lf = Math.log10(f);
  const a =
    input.environment === 'urban-large'
      ? mobileCorrectionLargeCityDb(f, hm)
      : mobileCorrectionSmallCityDb(f, hm);
  const urban = hataUrban(f, d, hb, a);
  let lossDb: number;
  switch (input.environment) {
    case 'urban-large':
    case 'urban-small':
      lossDb = urban;
      break;
    case 'suburban':
      lossDb = urban - 2 * Math.log10(f / 28) ** 2 - 5.4;
      break;
    case 'open':
      lossDb = urban - 4.78 * lf * lf + 18.33 * lf - 40.94;
      break;
  }
  return { lossDb, model: 'okumura-hata', mobileCorrectionDb: a, warnings };
}

/**
 * COST-231–Hata median loss [COST 231 final report §4.4.3]. 'urban-large' is a metropolitan centre
 * (C_m = 3 dB, large-city a(h_m)); 'urban-small' and 'suburban' are the medium-city / suburban-centre
 * case (C_m = 0). COST-231 defines no open-area form: 'open' applies Hata's open-area correction to
 * the medium-city loss and says so in the warnings.
 */
export function cost231HataLoss(input: HataInput): HataResult {
  const warnings = [...checkInputs(input, 'COST-231 Hata', COST_F), ...largeCityGapWarning(input)];
  const { frequencyMhz: f, distanceKm: d, baseHeightM: hb, mobileHeightM: hm } = input;
  const lf = Math.log10(f);
  const metropolitan = input.environment === 'urban-large';
  const a = metropolitan ? mobileCorrectionLargeCityDb(f, hm) : mobileCorrectionSmallCityDb(f, hm);
  const cm = metropolitan ? 3 : 0;
  let lossDb =
    46.3 +
    33.9 * lf -
    13.82 * Math.log10(hb) -
    a +
    (44.9 - 6.55 * Math.log10(hb)) * Math.log10(d) +
    cm;
  if (input.environment === 'open') {
    lossDb += -4.78 * lf * lf + 18.33 * lf - 40.94;
    warnings.push("COST-231 defines no open-area form; Hata's open-area correction is applied");
  }
  return { lossDb, model: 'cost231-hata', mobileCorrectionDb: a, warnings };
}

/**
 * The Hata-family model for the frequency: Okumura–Hata up to 1500 MHz, COST-231–Hata above.
 * Warnings name any input outside the chosen model's range.
 */
export function hataFamilyLoss(input: HataInput): HataResult {
  return input.frequencyMhz <= 1500 ? okumuraHataLoss(input) : cost231HataLoss(input);
}
