/**
 * @module Least-squares smooth surface of a profile and the effective antenna heights above it, as
 * needed by the delta-Bullington method.
 *
 * Reference: ITU-R P.526-15 §4.5.2 (smooth-surface heights at the terminals from the regression
 * v₁, v₂, then lowered by the obstruction h_obs shared out by α_obt and α_obr, then limited to the
 * actual ground heights). The same equations are ITU-R P.1812-4 Attachment 1 §5.6.1–5.6.2,
 * eqs (85)–(91), and ITU-R P.452-17 §5.1.6.
 */

/** Smooth-surface heights at the terminals, metres above sea level. */
export interface SmoothSurfaceHeights {
  /** Regression (least-squares) height at the transmitter, h_st before correction. */
  readonly hStRegressionM: number;
  /** Regression height at the receiver, h_sr before correction. */
  readonly hSrRegressionM: number;
  /** Smooth-surface height at the transmitter used by the diffraction model (h_std). */
  readonly hStdM: number;
  /** Smooth-surface height at the receiver used by the diffraction model (h_srd). */
  readonly hSrdM: number;
  /** Highest obstruction above the direct ray, h_obs, metres. */
  readonly hObsM: number;
}

/**
 * Smooth-surface heights for the diffraction model [ITU-R P.526-15 §4.5.2].
 * @param d - distances from the transmitter, metres, starting at 0
 * @param h - terrain elevations, metres AMSL
 * @param htsAmslM - transmitter antenna height AMSL, metres
 * @param hrsAmslM - receiver antenna height AMSL, metres
 */
export function smoothSurfaceHeights(
  d: Float64Array,
  h: Float64Array,
  htsAmslM: number,
  hrsAmslM: number,
): SmoothSurfaceHeights {
  const n = d.length;
  const dt = d[n - 1];
  let v1 = 0;
  let v2 = 0;
  for (let i = 1; i < n; i += 1) {
    const dd = d[i] - d[i - 1];
    v1 += dd * (h[i] + h[i - 1]);
    v2 += dd * (h[i] * (2 * d[i] + d[i - 1]) + h[i - 1] * (d[i] + 2 * d[i - 1]));
  }
  const hSt = (2 * v1 * dt - v2) / (dt * dt);
  const hSr = (v2 - v1 * dt) / (dt * dt);
  let hObs = -Infinity;
  let aObt = -Infinity;
  let aObr = -Infinity;
  for (let i = 1; i < n - 1; i += 1) {
    const hi = h[i] - (htsAmslM * (dt - d[i]) + hrsAmslM * d[i]) / dt;
    if (hi > hObs) hObs = hi;
    if (hi / d[i] > aObt) aObt = hi / d[i];
    if (hi / (dt - d[i]) > aObr) aObr = hi / (dt - d[i]);
  }
  let hStp = hSt;
  let hSrp = hSr;
  if (hObs > 0) {
    const gt = aObt / (aObt + aObr);
    const gr = aObr / (aObt + aObr);
    hStp = hSt - hObs * gt;
    hSrp = hSr - hObs * gr;
  }
  return {
    hStRegressionM: hSt,
    hSrRegressionM: hSr,
    hStdM: Math.min(hStp, h[0]),
    hSrdM: Math.min(hSrp, h[n - 1]),
    hObsM: hObs,
  };
}
