/**
 * @module Minimal immutable complex arithmetic for reflection coefficients and phasor sums.
 * Kept separate from the ITM port's own complex helpers so the two stay independently comparable.
 */

/** A complex number re + j·im. */
export interface Complex {
  readonly re: number;
  readonly im: number;
}

export function complex(re: number, im = 0): Complex {
  return { re, im };
}

export function cAdd(a: Complex, b: Complex): Complex {
  return { re: a.re + b.re, im: a.im + b.im };
}

export function cSub(a: Complex, b: Complex): Complex {
  return { re: a.re - b.re, im: a.im - b.im };
}

export function cMul(a: Complex, b: Complex): Complex {
  return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
}

export function cDiv(a: Complex, b: Complex): Complex {
  const den = b.re * b.re + b.im * b.im;
  return { re: (a.re * b.re + a.im * b.im) / den, im: (a.im * b.re - a.re * b.im) / den };
}

export function cScale(a: Complex, s: number): Complex {
  return { re: a.re * s, im: a.im * s };
}

export function cAbs(a: Complex): number {
  return Math.hypot(a.re, a.im);
}

/** Principal square root (non-negative real part). */
export function cSqrt(a: Complex): Complex {
  const r = cAbs(a);
  if (r === 0) return { re: 0, im: 0 };
  const re = Math.sqrt((r + a.re) / 2);
  const im = Math.sqrt(Math.max(0, (r - a.re) / 2));
  return { re, im: a.im < 0 ? -im : im };
}

/** e^{jθ}. */
export function cExpj(theta: number): Complex {
  return { re: Math.cos(theta), im: Math.sin(theta) };
}
