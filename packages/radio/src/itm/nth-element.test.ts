import { describe, expect, it } from 'vitest';
import { nthElement } from './nth-element.ts';

describe('nthElement', () => {
  it('settles every index to the value a full sort puts there, with ties and odd sizes', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const n of [1, 2, 3, 16, 17, 18, 35, 100, 245]) {
      for (let trial = 0; trial < 20; trial++) {
        // few distinct values in half the trials, to exercise runs of equal keys
        const values = Float64Array.from({ length: n }, () =>
          trial % 2 ? Math.floor(random() * 5) : random() * 200 - 100,
        );
        const sorted = Float64Array.from(values).sort();
        for (let k = 0; k < n; k++) {
          const a = Float64Array.from(values);
          nthElement(a, 0, n, k);
          expect(a[k]).toBe(sorted[k]);
          // One assertion per k (not per element): a million expect() calls took 20 s.
          let misplaced = -1;
          for (let i = 0; i < n && misplaced < 0; i++) {
            if (i < k ? a[i]! > a[k]! : i > k && a[i]! < a[k]!) misplaced = i;
          }
          expect(misplaced, `n ${n}, k ${k}: a[${misplaced}] on the wrong side`).toBe(-1);
        }
      }
    }
  });

  it('works on a sub-range and leaves the rest alone', () => {
    const a = Float64Array.from([9, 5, 4, 3, 2, 1, 0]);
    nthElement(a, 1, 6, 2);
    expect(a[0]).toBe(9);
    expect(a[6]).toBe(0);
    expect(a[2]).toBe(2);
  });
});
