/**
 * @module itm/macros
 * The MIN, MAX and DIM macros of NTIA's itm.h and C's `fdim`, with C's comparison semantics.
 * `Math.min`/`Math.max` differ on NaN and on signed zeros; the ternaries below behave exactly like
 * the macros, so edge cases go down the same branch as in the reference.
 */

/** itm.h `MIN(x, y)`: `x < y ? x : y`. */
export function MIN(x: number, y: number): number {
  return x < y ? x : y;
}

/** itm.h `MAX(x, y)`: `x > y ? x : y`. */
export function MAX(x: number, y: number): number {
  return x > y ? x : y;
}

/** itm.h `DIM(x, y)`: `x > y ? x - y : 0`. */
export function DIM(x: number, y: number): number {
  return x > y ? x - y : 0;
}

/** C99 `fdim(x, y)`: positive difference, NaN if either argument is NaN. */
export function fdim(x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  return x > y ? x - y : 0;
}
