/**
 * @module Fresnel integrals C(ν) = ∫₀^ν cos(πs²/2) ds and S(ν) = ∫₀^ν sin(πs²/2) ds.
 *
 * References: ITU-R P.526-15 §2.7 (definition used by the knife-edge loss); M. Abramowitz and
 * I. A. Stegun, Handbook of Mathematical Functions (1964) §7.3, eqs 7.3.1–7.3.2 (definition) and
 * Table 7.7 (published values used in the tests). Evaluation: power series (A&S 7.3.11/7.3.13) for
 * |ν| < 1.5 and the continued fraction of the complementary error function otherwise, as in
 * W. H. Press et al., Numerical Recipes, 3rd ed. (2007) §6.8.1. Accuracy ~1e-15 absolute.
 */
import { assertFinite } from '../core/assert.ts';

/** Values of the two Fresnel integrals at one argument. */
export interface FresnelCS {
  readonly c: number;
  readonly s: number;
}

const EPS = 1e-16;
const MAX_ITERATIONS = 200;
const SERIES_LIMIT = 1.5;

/**
 * Fresnel integrals C(ν) and S(ν) [A&S 7.3.1–7.3.2; ITU-R P.526-15 §2.7].
 * @param nu - argument ν (dimensionless)
 */
export function fresnelIntegrals(nu: number): FresnelCS {
  assertFinite('nu', nu);
  const ax = Math.abs(nu);
  let c: number;
  let s: number;
  if (ax < Math.sqrt(Number.MIN_VALUE)) {
    c = ax;
    s = 0;
  } else if (ax <= SERIES_LIMIT) {
    // Alternating power series; the odd-k terms belong to S, the even-k terms to C.
    let sum = 0;
    let sums = 0;
    let sumc = ax;
    let sign = 1;
    const fact = (Math.PI / 2) * ax * ax;
    let odd = true;
    let term = ax;
    let n = 3;
    for (let k = 1; k <= MAX_ITERATIONS; k += 1) {
      term *= fact / k;
      sum += (sign * term) / n;
      const test = Math.abs(sum) * EPS;
      if (odd) {
        sign = -sign;
        sums = sum;
        sum = sumc;
      } else {
        sumc = sum;
        sum = sums;
      }
      if (term < test) break;
      odd = !odd;
      n += 2;
    }
    c = sumc;
    s = sums;
  } else {
    // Modified Lentz evaluation of the continued fraction for erfc((1−j)√π·ν/2).
    const pix2 = Math.PI * ax * ax;
    let bRe = 1;
    const bIm = -pix2;
    let ccRe = 1e300;
    let ccIm = 0;
    let [dRe, dIm] = inv(bRe, bIm);
    let hRe = dRe;
    let hIm = dIm;
    let n = -1;
    for (let k = 2; k <= MAX_ITERATIONS; k += 1) {
      n += 2;
      const a = -n * (n + 1);
      bRe += 4;
      [dRe, dIm] = inv(a * dRe + bRe, a * dIm + bIm);
      const [qRe, qIm] = inv(ccRe, ccIm);
      ccRe = bRe + a * qRe;
      ccIm = bIm + a * qIm;
      const delRe = ccRe * dRe - ccIm * dIm;
      const delIm = ccRe * dIm + ccIm * dRe;
      const nhRe = hRe * delRe - hIm * delIm;
      hIm = hRe * delIm + hIm * delRe;
      hRe = nhRe;
      if (Math.abs(delRe - 1) + Math.abs(delIm) <= EPS) break;
    }
    // h *= (ax − j·ax)
    const h2Re = hRe * ax + hIm * ax;
    const h2Im = hIm * ax - hRe * ax;
    // cs = (0.5 + 0.5j)·(1 − e^{j·pix2/2}·h)
    const eRe = Math.cos(0.5 * pix2);
    const eIm = Math.sin(0.5 * pix2);
    const tRe = 1 - (eRe * h2Re - eIm * h2Im);
    const tIm = -(eRe * h2Im + eIm * h2Re);
    c = 0.5 * tRe - 0.5 * tIm;
    s = 0.5 * tIm + 0.5 * tRe;
  }
  return nu < 0 ? { c: -c, s: -s } : { c, s };
}

function inv(re: number, im: number): [number, number] {
  const den = re * re + im * im;
  return [re / den, -im / den];
}
