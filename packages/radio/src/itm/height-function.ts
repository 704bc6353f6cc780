/**
 * @module itm/height-function
 * Vogler's height-gain function F(x, K) for smooth-earth diffraction. Port of `HeightFunction` in
 * NTIA/itm `SmoothEarthDiffraction.cpp`. Reference: [Vogler 1964], NBS J. Res. 68D.
 */

/**
 * Height-gain function F(x, K).
 *
 * @param x__km - Normalised distance x (NTIA's name says km; it is Vogler's dimensionless x)
 * @param K - Vogler's K parameter (surface impedance and earth radius)
 * @returns F(x, K), dB
 */
export function heightFunction(x__km: number, K: number): number {
  let result: number;
  if (x__km < 200.0) {
    const w = -Math.log(K);
    if (K < 1e-5 || x__km * Math.pow(w, 3) > 5495.0) {
      result = -117.0;
      if (x__km > 1.0) result = 17.372 * Math.log(x__km) + result;
    } else {
      result = (2.5e-5 * (x__km * x__km)) / K - 8.686 * w - 15.0;
    }
  } else {
    result = 0.05751 * x__km - 4.343 * Math.log(x__km);
    if (x__km < 2000) {
      // blend towards the small-x asymptote between x = 200 and 2000
      const w = 0.0134 * x__km * Math.exp(-0.005 * x__km);
      result = (1.0 - w) * result + w * (17.372 * Math.log(x__km) - 117.0);
    }
  }
  return result;
}
