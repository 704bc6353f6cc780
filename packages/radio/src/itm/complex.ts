/**
 * @module itm/complex
 * The few complex operations ITM needs (ground impedance and the two-ray reflection coefficient),
 * on explicit real/imaginary parts so the hot path allocates nothing. The algorithms follow what
 * `std::complex<double>` compiles to with GCC on Linux: glibc's `csqrt` and `cabs` (= `hypot`) and
 * libgcc's `__divdc3` (Smith's method, C99 Annex G), so results agree with the reference to the
 * last bit or so, far below the 1e-6 dB tolerance.
 */

/** A mutable complex number; functions write their result into one of these. */
export interface Complex {
  re: number;
  im: number;
}

/** Principal square root of `re + i im`, glibc `csqrt` for finite, normal-range inputs. */
export function complexSqrt(re: number, im: number, out: Complex): void {
  if (im === 0) {
    // Real argument: the root lies on one axis.
    if (re < 0) {
      out.re = 0;
      out.im = Math.sign(1 / im) < 0 ? -Math.sqrt(-re) : Math.sqrt(-re);
    } else {
      out.re = Math.abs(Math.sqrt(re));
      out.im = im;
    }
    return;
  }
  if (re === 0) {
    const r = Math.sqrt(0.5 * Math.abs(im));
    out.re = r;
    out.im = im < 0 ? -r : r;
    return;
  }
  const d = Math.hypot(re, im);
  let r: number;
  let s: number;
  // Using 2 Re(w) Im(w) = im avoids the cancellation in d - re (or d + re).
  if (re > 0) {
    r = Math.sqrt(0.5 * (d + re));
    s = 0.5 * (im / r);
  } else {
    s = Math.sqrt(0.5 * (d - re));
    r = Math.abs(0.5 * (im / s));
  }
  out.re = r;
  out.im = im < 0 ? -Math.abs(s) : Math.abs(s);
}

/** `(a + i b) / (c + i d)` by Smith's method, as libgcc's `__divdc3` does for normal values. */
export function complexDivide(a: number, b: number, c: number, d: number, out: Complex): void {
  if (Math.abs(c) < Math.abs(d)) {
    const ratio = c / d;
    const denom = c * ratio + d;
    out.re = (a * ratio + b) / denom;
    out.im = (b * ratio - a) / denom;
  } else {
    const ratio = d / c;
    const denom = d * ratio + c;
    out.re = (b * ratio + a) / denom;
    out.im = (b - a * ratio) / denom;
  }
}

/** `|re + i im|`, glibc `cabs` (= `hypot`). */
export function complexAbs(re: number, im: number): number {
  return Math.hypot(re, im);
}
