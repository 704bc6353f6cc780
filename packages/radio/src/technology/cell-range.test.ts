import { describe, expect, it } from 'vitest';
import {
  LTE_PRACH_FORMATS,
  NR_PRACH_FORMATS,
  gsmTimingAdvanceRangeM,
  lteTimingAdvanceRangeM,
  nrTimingAdvanceRangeM,
  prachRangeM,
} from './cell-range.ts';

describe('cell range from timing', () => {
  it('GSM timing advance 63 → 34.9 km (the "35 km" limit)', () => {
    expect(gsmTimingAdvanceRangeM() / 1000).toBeCloseTo(34.87, 2);
  });

  it('LTE PRACH formats 0–3 → 14.5, 77.3, 29.5, 102.6 km (guard- or CP-limited)', () => {
    expect(prachRangeM(LTE_PRACH_FORMATS[0]) / 1000).toBeCloseTo(14.52, 2);
    expect(prachRangeM(LTE_PRACH_FORMATS[1]) / 1000).toBeCloseTo(77.29, 2);
    expect(prachRangeM(LTE_PRACH_FORMATS[2]) / 1000).toBeCloseTo(29.51, 2);
    expect(prachRangeM(LTE_PRACH_FORMATS[3]) / 1000).toBeCloseTo(102.59, 2);
  });

  it('reserving 16.67 µs of delay spread gives the commonly quoted 100 km for format 3', () => {
    expect(prachRangeM(LTE_PRACH_FORMATS[3], 16.67) / 1000).toBeCloseTo(100.1, 1);
    expect(prachRangeM(LTE_PRACH_FORMATS[1], 16.67)).toBe(prachRangeM(LTE_PRACH_FORMATS[1]));
  });

  it('LTE timing advance caps any format at 100.1 km', () => {
    expect(lteTimingAdvanceRangeM() / 1000).toBeCloseTo(100.09, 2);
  });

  it('NR long formats 0–3 → 14.5, 102.6, 22.1, 14.5 km; TA limits 300 / 150 km', () => {
    expect(prachRangeM(NR_PRACH_FORMATS[0]) / 1000).toBeCloseTo(14.52, 2);
    expect(prachRangeM(NR_PRACH_FORMATS[1]) / 1000).toBeCloseTo(102.59, 2);
    expect(prachRangeM(NR_PRACH_FORMATS[2]) / 1000).toBeCloseTo(22.09, 2);
    expect(prachRangeM(NR_PRACH_FORMATS[3]) / 1000).toBeCloseTo(14.52, 2);
    expect(nrTimingAdvanceRangeM(0) / 1000).toBeCloseTo(300.3, 1);
    expect(nrTimingAdvanceRangeM(1) / 1000).toBeCloseTo(150.1, 1);
  });
});
