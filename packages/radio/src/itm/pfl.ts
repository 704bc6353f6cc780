/**
 * @module itm/pfl
 * Checks the structure of a terrain profile and hands the model a Float64Array.
 */
import type { Pfl } from './types.ts';

let scratch = new Float64Array(0);

/**
 * Returns `pfl` as a Float64Array in NTIA's layout, copying a number[] into a reused buffer.
 *
 * NTIA's C code trusts the caller; a malformed profile there reads out of bounds. It has no return
 * code for this, so here a structurally impossible profile is a programming error and throws.
 *
 * @throws RangeError when pfl[0] is not a whole number >= 1, pfl[1] is not a finite spacing > 0,
 *   or the array holds fewer than pfl[0] + 3 values.
 */
export function asPflArray(pfl: Pfl): Float64Array {
  const length = pfl.length;
  if (length < 4) {
    throw new RangeError(
      `pfl has ${length} values; it needs at least 4: [intervals, spacing_m, z0, z1, ...]`,
    );
  }
  const np = pfl[0];
  if (!Number.isInteger(np) || np < 1) {
    throw new RangeError(`pfl[0] (number of intervals) = ${np} is not a whole number >= 1`);
  }
  const xi = pfl[1];
  if (!(xi > 0) || !Number.isFinite(xi)) {
    throw new RangeError(`pfl[1] (point spacing) = ${xi} m is not a finite number > 0`);
  }
  if (length < np + 3) {
    throw new RangeError(
      `pfl has ${length} values but pfl[0] = ${np} intervals needs ${np + 3} (np + 3)`,
    );
  }
  if (pfl instanceof Float64Array) return pfl;
  if (scratch.length < np + 3) scratch = new Float64Array(Math.max(np + 3, 2 * scratch.length));
  for (let i = 0; i < np + 3; i++) scratch[i] = pfl[i];
  return scratch;
}
