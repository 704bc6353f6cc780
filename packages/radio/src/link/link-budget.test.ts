import { describe, expect, it } from 'vitest';
import { freeSpaceLossDb } from '../fspl/free-space-loss.ts';
import { getTechnologyPreset } from '../technology/presets.ts';
import { linkBudget } from './link-budget.ts';

const gsm = getTechnologyPreset('gsm900');
const lte = getTechnologyPreset('lte-b3');

describe('linkBudget', () => {
  it('adds up a GSM 900 budget by hand', () => {
    // DL: 43 + 15 − 2 − 120 + 0 − 3 = −67 dBm RxLev vs −102 → 35 dB.
    // UL: 33 + 0 − 3 − 121 + 15 − 2 = −78 dBm vs −104 → 26 dB.
    const r = linkBudget({
      preset: gsm,
      site: { antennaGainDbi: 15, cableLossDb: 2 },
      pathLoss: { downlinkDb: 120, uplinkDb: 121 },
      distanceM: 10_000,
    });
    expect(r.downlink.eirpDbm).toBe(56);
    expect(r.downlink.levelDbm).toBe(-67);
    expect(r.downlink.marginDb).toBe(35);
    expect(r.uplink.eirpDbm).toBe(30);
    expect(r.uplink.levelDbm).toBe(-78);
    expect(r.uplink.marginDb).toBe(26);
    expect(r.twoWay).toBe(true);
    expect(r.limitingDirection).toBe('uplink');
    expect(r.imbalanceDb).toBe(-9);
    expect(r.downlink.maxPathLossDb).toBe(155);
    expect(r.uplink.maxPathLossDb).toBe(147);
  });

  it('shows the 23 dBm phone limiting LTE: RSRP per resource element vs 25-RB BS sensitivity', () => {
    const r = linkBudget({
      preset: lte,
      site: { powerDbm: 46, antennaGainDbi: 17, cableLossDb: 1 },
      pathLoss: (f) => freeSpaceLossDb(f, 30) + 25,
      distanceM: 30_000,
    });
    expect(r.downlink.frequencyMhz).toBe(1842.5);
    expect(r.uplink.frequencyMhz).toBe(1747.5);
    // Different frequencies → different losses (20 log(1842.5/1747.5) = 0.46 dB).
    expect(r.downlink.pathLossDb - r.uplink.pathLossDb).toBeCloseTo(0.4598, 3);
    expect(r.downlink.levelDbm).toBeCloseTo(r.downlink.receivedDbm - 10 * Math.log10(600), 10);
    expect(r.limitingDirection).toBe('uplink');
    expect(r.uplink.marginDb).toBeLessThan(r.downlink.marginDb);
  });

  it('a narrower uplink allocation lowers the BS sensitivity by 10 log(N/25)', () => {
    const base = {
      preset: lte,
      site: { antennaGainDbi: 17 },
      pathLoss: { downlinkDb: 140, uplinkDb: 140 },
      distanceM: 5000,
    };
    const wide = linkBudget(base);
    const narrow = linkBudget({ ...base, uplinkResourceBlocks: 1 });
    expect(wide.uplink.thresholdDbm).toBe(-101.5);
    expect(narrow.uplink.thresholdDbm).toBeCloseTo(-101.5 - 10 * Math.log10(25), 12);
    expect(narrow.uplink.marginDb - wide.uplink.marginDb).toBeCloseTo(13.98, 2);
    expect(() => linkBudget({ ...base, preset: gsm, uplinkResourceBlocks: 4 })).toThrow(
      /not gsm900/,
    );
  });

  it('reports range as the limit beyond the timing-advance distance, even with margin to spare', () => {
    const r = linkBudget({
      preset: gsm,
      site: { antennaGainDbi: 15 },
      pathLoss: { downlinkDb: 100, uplinkDb: 100 },
      distanceM: 40_000,
    });
    expect(r.range.within).toBe(false);
    expect(r.range.maxRangeM / 1000).toBeCloseTo(34.9, 1);
    expect(r.twoWay).toBe(false);
    expect(r.limitingDirection).toBe('range');
    expect(r.failing).toEqual(['range']);
    const ext = linkBudget({
      preset: gsm,
      site: { antennaGainDbi: 15 },
      pathLoss: { downlinkDb: 100, uplinkDb: 100 },
      distanceM: 40_000,
      cellRange: 'extended',
    });
    expect(ext.twoWay).toBe(true);
  });

  it('fails one way: downlink fine, uplink not', () => {
    const r = linkBudget({
      preset: gsm,
      site: { antennaGainDbi: 15 },
      pathLoss: { downlinkDb: 150, uplinkDb: 150 },
      distanceM: 20_000,
    });
    expect(r.downlink.marginDb).toBeGreaterThanOrEqual(0);
    expect(r.uplink.marginDb).toBeLessThan(0);
    expect(r.failing).toEqual(['uplink']);
    expect(r.twoWay).toBe(false);
  });

  it('accepts watts, rejects both', () => {
    const r = linkBudget({
      preset: gsm,
      site: { powerW: 20, antennaGainDbi: 0 },
      pathLoss: { downlinkDb: 100, uplinkDb: 100 },
      distanceM: 1000,
    });
    expect(r.downlink.eirpDbm).toBeCloseTo(43.0103, 4);
    expect(() =>
      linkBudget({
        preset: gsm,
        site: { powerW: 20, powerDbm: 43, antennaGainDbi: 0 },
        pathLoss: { downlinkDb: 100, uplinkDb: 100 },
        distanceM: 1000,
      }),
    ).toThrow(/not both/);
  });

  it('margins fall one-for-one with path loss (monotonic)', () => {
    const at = (l: number) =>
      linkBudget({
        preset: lte,
        site: { antennaGainDbi: 15 },
        pathLoss: { downlinkDb: l, uplinkDb: l },
        distanceM: 1000,
      });
    expect(at(131).downlink.marginDb - at(130).downlink.marginDb).toBeCloseTo(-1, 12);
    expect(at(131).uplink.marginDb - at(130).uplink.marginDb).toBeCloseTo(-1, 12);
  });
});
