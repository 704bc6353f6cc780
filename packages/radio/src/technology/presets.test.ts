import { describe, expect, it } from 'vitest';
import { TECHNOLOGY_IDS, getCellRange, getTechnologyPreset } from './presets.ts';

describe('technology presets', () => {
  it('has the brief’s ids', () => {
    expect(TECHNOLOGY_IDS).toEqual([
      'gsm900',
      'gsm1800',
      'umts2100',
      'lte-b1',
      'lte-b3',
      'lte-b8',
      'lte-b20',
      'lte-b28',
      'nr-n78',
    ]);
  });

  it('lists the valid ids for an unknown one', () => {
    expect(() => getTechnologyPreset('lte-b7')).toThrow(
      "unknown technology 'lte-b7'; valid ids: gsm900, gsm1800, umts2100, lte-b1, lte-b3, lte-b8, lte-b20, lte-b28, nr-n78",
    );
  });

  it('has the band-centre frequencies of the 3GPP band tables', () => {
    const f = (id: string) => {
      const p = getTechnologyPreset(id);
      return [p.downlinkMhz, p.uplinkMhz];
    };
    expect(f('gsm900')).toEqual([947.5, 902.5]);
    expect(f('gsm1800')).toEqual([1842.5, 1747.5]);
    expect(f('umts2100')).toEqual([2140, 1950]);
    expect(f('lte-b1')).toEqual([2140, 1950]);
    expect(f('lte-b3')).toEqual([1842.5, 1747.5]);
    expect(f('lte-b8')).toEqual([942.5, 897.5]);
    expect(f('lte-b20')).toEqual([806, 847]);
    expect(f('lte-b28')).toEqual([780.5, 725.5]);
    expect(f('nr-n78')).toEqual([3550, 3550]);
  });

  it('has the handset power classes (GSM 900 33, DCS 30, UMTS class 3 24, LTE/NR class 3 23 dBm)', () => {
    const p = (id: string) => getTechnologyPreset(id).handset.maxPowerDbm.value;
    expect([p('gsm900'), p('gsm1800'), p('umts2100'), p('lte-b20'), p('nr-n78')]).toEqual([
      33, 30, 24, 23, 23,
    ]);
  });

  it('has the sensitivities with what they mean', () => {
    const g = getTechnologyPreset('gsm900');
    expect(g.base.sensitivityDbm.value).toBe(-104);
    expect(g.handset.thresholdDbm.value).toBe(-102);
    const l = getTechnologyPreset('lte-b3');
    expect(l.handset.thresholdDbm.value).toBe(-120);
    expect(l.handset.thresholdDbm.meaning).toMatch(/resource element/);
    expect(l.downlinkMetric.offsetFromTotalDb).toBeCloseTo(27.78, 2);
    expect(l.base.sensitivityDbm.value).toBe(-101.5);
    expect(getTechnologyPreset('umts2100').base.sensitivityDbm.value).toBe(-121);
  });

  it('has the range limits of the brief: GSM 35/120 km, LTE formats 0–3 ≈ 15/77/30/100 km, WCDMA 60/200 km', () => {
    const km = (id: string, opt?: string) =>
      getCellRange(getTechnologyPreset(id), opt).maxRangeM / 1000;
    expect(km('gsm900')).toBeCloseTo(34.9, 1);
    expect(km('gsm900', 'extended')).toBe(120);
    expect(km('lte-b8', 'prach-format-0')).toBeCloseTo(14.5, 1);
    expect(km('lte-b8')).toBeCloseTo(77.3, 1);
    expect(km('lte-b8', 'prach-format-2')).toBeCloseTo(29.5, 1);
    expect(km('lte-b8', 'prach-format-3')).toBeCloseTo(100.1, 1);
    expect(km('umts2100')).toBe(60);
    expect(km('umts2100', 'extended')).toBe(200);
    expect(km('nr-n78', 'prach-format-1')).toBeCloseTo(102.6, 1);
    expect(() => km('gsm900', 'prach-format-1')).toThrow(/valid: timing-advance, extended/);
  });
});
