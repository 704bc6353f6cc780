/**
 * @module itm/f-function
 * The troposcatter attenuation function F(theta d). Port of `FFunction` in NTIA/itm
 * `TroposcatterLoss.cpp`. Reference: [Algorithm] Hufford, 1995.
 */

// [Algorithm, 6.9], one set per range of theta·d
const a = [133.4, 104.6, 71.8];
const b = [0.332e-3, 0.212e-3, 0.157e-3];
const c = [-10, -2.5, 5];

/**
 * F(theta d) [Algorithm, 6.9].
 *
 * @param td - Product of angular distance (rad) and distance (m), m
 * @returns F, dB
 */
export function fFunction(td: number): number {
  let i: number;
  if (td <= 10e3) i = 0;
  else if (td <= 70e3) i = 1;
  else i = 2;
  return a[i] + b[i] * td + c[i] * Math.log10(td);
}
