/**
 * Physical and API invariants of the ITM port, over seeded pseudo-random inputs (no fast-check).
 * Each property holds for NTIA's reference too; a wrong port breaks it.
 */
import { describe, expect, it } from 'vitest';
import {
  ERROR__DELTA_H,
  ERROR__EPSILON,
  ERROR__FREQUENCY,
  ERROR__GROUND_IMPEDANCE,
  ERROR__INVALID_CONFIDENCE,
  ERROR__INVALID_LOCATION,
  ERROR__INVALID_RADIO_CLIMATE,
  ERROR__INVALID_RELIABILITY,
  ERROR__INVALID_SITUATION,
  ERROR__INVALID_TIME,
  ERROR__MDVAR,
  ERROR__PATH_DISTANCE,
  ERROR__POLARIZATION,
  ERROR__REFRACTIVITY,
  ERROR__RX_SITING_CRITERIA,
  ERROR__RX_TERMINAL_HEIGHT,
  ERROR__SIGMA,
  ERROR__TX_SITING_CRITERIA,
  ERROR__TX_TERMINAL_HEIGHT,
  SUCCESS,
  SUCCESS_WITH_WARNINGS,
  WARN__EXTREME_VARIABILITIES,
  WARN__FREQUENCY,
  WARN__PATH_DISTANCE_TOO_SMALL_2,
  WARN__RX_TERMINAL_HEIGHT,
  WARN__TX_TERMINAL_HEIGHT,
} from '../src/itm/constants.ts';
import { itmAreaCr } from '../src/itm/itm-area-cr.ts';
import { itmAreaTls } from '../src/itm/itm-area-tls.ts';
import { itmP2pCr } from '../src/itm/itm-p2p-cr.ts';
import { itmP2pTls } from '../src/itm/itm-p2p-tls.ts';
import type { ItmAreaTlsInput, ItmP2pTlsInput, ItmResult } from '../src/itm/types.ts';
import { createItmResult } from '../src/itm/types.ts';
import { loadOracle, runRow } from './itm-oracle.ts';

/** mulberry32: small seeded PRNG, so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)];
}

function uniform(random: () => number, lo: number, hi: number): number {
  return lo + (hi - lo) * random();
}

/** A rolling-hills profile with `n` intervals of `xi` metres. */
function hills(random: () => number, n: number, xi: number): number[] {
  const a1 = uniform(random, 0, 150);
  const a2 = uniform(random, 0, 40);
  const base = uniform(random, 0, 500);
  const k1 = uniform(random, 0.5, 4);
  const k2 = uniform(random, 5, 30);
  const z: number[] = [n, xi];
  for (let i = 0; i <= n; i++) {
    const x = i / n;
    z.push(base + a1 * Math.sin(Math.PI * k1 * x) ** 2 + a2 * Math.sin(Math.PI * k2 * x + 1));
  }
  return z;
}

const P2P_BASE: ItmP2pTlsInput = {
  h_tx__meter: 30,
  h_rx__meter: 1.5,
  pfl: [4, 100, 10, 12, 15, 11, 10],
  climate: 5,
  N_0: 301,
  f__mhz: 900,
  pol: 1,
  epsilon: 15,
  sigma: 0.005,
  mdvar: 12,
  time: 50,
  location: 50,
  situation: 50,
};

const AREA_BASE: ItmAreaTlsInput = {
  h_tx__meter: 30,
  h_rx__meter: 1.5,
  tx_site_criteria: 0,
  rx_site_criteria: 0,
  d__km: 20,
  delta_h__meter: 90,
  climate: 5,
  N_0: 301,
  f__mhz: 900,
  pol: 1,
  epsilon: 15,
  sigma: 0.005,
  mdvar: 3,
  time: 50,
  location: 50,
  situation: 50,
};

function randomArea(random: () => number): ItmAreaTlsInput {
  return {
    ...AREA_BASE,
    h_tx__meter: uniform(random, 1, 300),
    h_rx__meter: uniform(random, 1, 30),
    tx_site_criteria: pick(random, [0, 1, 2]),
    rx_site_criteria: pick(random, [0, 1, 2]),
    delta_h__meter: pick(random, [0, 5, 30, 90, 200, 500]),
    climate: pick(random, [1, 2, 3, 4, 5, 6, 7]),
    N_0: uniform(random, 250, 400),
    f__mhz: uniform(random, 40, 10000),
    pol: pick(random, [0, 1]),
    epsilon: pick(random, [4, 15, 25, 81]),
    sigma: pick(random, [0.001, 0.005, 0.02, 5]),
    mdvar: pick(random, [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33]),
  };
}

describe('ITM physical invariants', () => {
  it('area mode: loss never decreases with distance, smooth or irregular terrain', () => {
    const random = prng(1);
    for (let trial = 0; trial < 60; trial++) {
      const input = randomArea(random);
      const out = createItmResult();
      let previous = -Infinity;
      for (let d__km = 0.5; d__km <= 400; d__km *= 1.05) {
        itmAreaTls({ ...input, d__km }, out);
        expect(out.rtn, JSON.stringify({ ...input, d__km })).toBeLessThan(1000);
        expect(out.A__db, JSON.stringify({ ...input, d__km })).toBeGreaterThanOrEqual(previous);
        previous = out.A__db;
      }
    }
  });

  it('point-to-point over flat ground: loss never decreases as the path lengthens', () => {
    const random = prng(2);
    for (let trial = 0; trial < 6; trial++) {
      const f__mhz = uniform(random, 100, 5000);
      const h_tx__meter = uniform(random, 10, 200);
      const elevation = uniform(random, 0, 800);
      let previous = -Infinity;
      for (let n = 2; n <= 400; n += 3) {
        const pfl = new Float64Array(n + 3).fill(elevation);
        pfl[0] = n;
        pfl[1] = 100;
        const result = itmP2pTls({ ...P2P_BASE, f__mhz, h_tx__meter, pfl });
        expect(result.A__db).toBeGreaterThanOrEqual(previous);
        previous = result.A__db;
      }
    }
  });

  it('loss never decreases with the time or location percentage (broadcast mode)', () => {
    const random = prng(3);
    for (let trial = 0; trial < 40; trial++) {
      const input = { ...randomArea(random), mdvar: 3, d__km: uniform(random, 1, 300) };
      let byTime = -Infinity;
      let byLocation = -Infinity;
      for (let p = 1; p < 100; p += 1) {
        const t = itmAreaTls({ ...input, time: p }).A__db;
        const l = itmAreaTls({ ...input, location: p }).A__db;
        expect(t).toBeGreaterThanOrEqual(byTime);
        expect(l).toBeGreaterThanOrEqual(byLocation);
        byTime = t;
        byLocation = l;
      }
    }
  });
});

describe('ITM confidence/reliability variants', () => {
  it('CR is TLS with time = reliability, location = 50, situation = confidence', () => {
    const random = prng(4);
    for (let trial = 0; trial < 200; trial++) {
      const confidence = uniform(random, 0.01, 99.99);
      const reliability = uniform(random, 0.01, 99.99);
      const area = { ...randomArea(random), d__km: uniform(random, 0.5, 500) };
      const areaCr = itmAreaCr({ ...area, confidence, reliability });
      const areaTls = itmAreaTls({
        ...area,
        time: reliability,
        location: 50,
        situation: confidence,
      });
      expect(areaCr).toEqual(areaTls);

      const pfl = hills(random, 50 + Math.floor(random() * 400), uniform(random, 30, 200));
      const p2p = { ...P2P_BASE, pfl, f__mhz: area.f__mhz, mdvar: area.mdvar };
      const p2pCr = itmP2pCr({ ...p2p, confidence, reliability });
      const p2pTls = itmP2pTls({ ...p2p, time: reliability, location: 50, situation: confidence });
      expect(p2pCr).toEqual(p2pTls);
    }
  });

  it('TLS at 50/50/50 equals CR at 50/50', () => {
    const tls = itmAreaTls(AREA_BASE);
    const cr = itmAreaCr({ ...AREA_BASE, confidence: 50, reliability: 50 });
    expect(cr.A__db).toBe(tls.A__db);
    const p2pTls = itmP2pTls(P2P_BASE);
    const p2pCr = itmP2pCr({ ...P2P_BASE, confidence: 50, reliability: 50 });
    expect(p2pCr.A__db).toBe(p2pTls.A__db);
  });

  it('maps time and situation errors onto reliability and confidence errors', () => {
    const cr = { ...AREA_BASE, confidence: 50, reliability: 50 };
    expect(itmAreaCr({ ...cr, reliability: 0 }).rtn).toBe(ERROR__INVALID_RELIABILITY);
    expect(itmAreaCr({ ...cr, confidence: 100 }).rtn).toBe(ERROR__INVALID_CONFIDENCE);
    const p2p = { ...P2P_BASE, confidence: 50, reliability: 50 };
    expect(itmP2pCr({ ...p2p, reliability: 100 }).rtn).toBe(ERROR__INVALID_RELIABILITY);
    expect(itmP2pCr({ ...p2p, confidence: -1 }).rtn).toBe(ERROR__INVALID_CONFIDENCE);
  });
});

describe('ITM return codes', () => {
  const common: Array<[string, Partial<ItmP2pTlsInput>, number]> = [
    ['h_tx below 0.5 m', { h_tx__meter: 0.4 }, ERROR__TX_TERMINAL_HEIGHT],
    ['h_tx above 3000 m', { h_tx__meter: 3001 }, ERROR__TX_TERMINAL_HEIGHT],
    ['h_rx below 0.5 m', { h_rx__meter: 0.49 }, ERROR__RX_TERMINAL_HEIGHT],
    ['climate 0', { climate: 0 }, ERROR__INVALID_RADIO_CLIMATE],
    ['climate 8', { climate: 8 }, ERROR__INVALID_RADIO_CLIMATE],
    ['climate 5.5', { climate: 5.5 }, ERROR__INVALID_RADIO_CLIMATE],
    ['N_0 249', { N_0: 249 }, ERROR__REFRACTIVITY],
    ['N_0 401', { N_0: 401 }, ERROR__REFRACTIVITY],
    ['f 19 MHz', { f__mhz: 19 }, ERROR__FREQUENCY],
    ['f 20001 MHz', { f__mhz: 20001 }, ERROR__FREQUENCY],
    ['pol 2', { pol: 2 }, ERROR__POLARIZATION],
    ['epsilon 0.9', { epsilon: 0.9 }, ERROR__EPSILON],
    ['sigma 0', { sigma: 0 }, ERROR__SIGMA],
    ['mdvar 4', { mdvar: 4 }, ERROR__MDVAR],
    ['mdvar 19', { mdvar: 19 }, ERROR__MDVAR],
    ['mdvar 34', { mdvar: 34 }, ERROR__MDVAR],
    ['mdvar 2.5', { mdvar: 2.5 }, ERROR__MDVAR],
    ['situation 0', { situation: 0 }, ERROR__INVALID_SITUATION],
    ['time 100', { time: 100 }, ERROR__INVALID_TIME],
    ['location 0', { location: 0 }, ERROR__INVALID_LOCATION],
  ];

  it.each(common)('p2p and area: %s', (_what, change, rtn) => {
    const p2p = itmP2pTls({ ...P2P_BASE, ...change });
    expect(p2p.rtn).toBe(rtn);
    expect(p2p.A__db).toBeNaN();
    expect(p2p.propmode).toBe(0);
    expect(p2p.propmode_v2).toBe(0);
    const area = itmAreaTls({ ...AREA_BASE, ...(change as Partial<ItmAreaTlsInput>) });
    expect(area.rtn).toBe(rtn);
  });

  it('checks in NTIA order: the first failing check decides', () => {
    // situation is checked before time, both after mdvar
    expect(itmP2pTls({ ...P2P_BASE, time: 0, situation: 0 }).rtn).toBe(ERROR__INVALID_SITUATION);
    expect(itmP2pTls({ ...P2P_BASE, mdvar: 5, time: 0 }).rtn).toBe(ERROR__MDVAR);
    expect(itmAreaTls({ ...AREA_BASE, d__km: 0, delta_h__meter: -1 }).rtn).toBe(
      ERROR__PATH_DISTANCE,
    );
  });

  it.each([
    ['d__km 0', { d__km: 0 }, ERROR__PATH_DISTANCE],
    ['delta_h -1', { delta_h__meter: -1 }, ERROR__DELTA_H],
    ['tx siting 3', { tx_site_criteria: 3 }, ERROR__TX_SITING_CRITERIA],
    ['rx siting -1', { rx_site_criteria: -1 }, ERROR__RX_SITING_CRITERIA],
  ] as Array<[string, Partial<ItmAreaTlsInput>, number]>)('area: %s', (_what, change, rtn) => {
    expect(itmAreaTls({ ...AREA_BASE, ...change }).rtn).toBe(rtn);
  });

  it('warns inside the warning ranges and still returns a loss', () => {
    const result = itmP2pTls({ ...P2P_BASE, h_tx__meter: 0.7, h_rx__meter: 1200, f__mhz: 30 });
    expect(result.rtn).toBe(SUCCESS_WITH_WARNINGS);
    expect(result.warnings & WARN__TX_TERMINAL_HEIGHT).toBeTruthy();
    expect(result.warnings & WARN__RX_TERMINAL_HEIGHT).toBeTruthy();
    expect(result.warnings & WARN__FREQUENCY).toBeTruthy();
    expect(result.warnings & WARN__PATH_DISTANCE_TOO_SMALL_2).toBeTruthy(); // 400 m path
    expect(Number.isFinite(result.A__db)).toBe(true);
    const tail = itmAreaTls({ ...AREA_BASE, time: 99.95 });
    expect(tail.rtn).toBe(SUCCESS_WITH_WARNINGS);
    expect(tail.warnings).toBe(WARN__EXTREME_VARIABILITIES);
    expect(itmAreaTls(AREA_BASE).rtn).toBe(SUCCESS);
  });

  it('keeps warnings raised before a late error (ground impedance)', () => {
    const result = itmAreaTls({ ...AREA_BASE, f__mhz: 100, pol: 0, epsilon: 1, sigma: 5 });
    expect(result.rtn).toBe(ERROR__GROUND_IMPEDANCE);
    expect(result.A__db).toBeNaN();
  });
});

describe('ITM profile input and result reuse', () => {
  const random = prng(5);
  const profile = hills(random, 300, 90);

  it('gives identical results for number[], Float64Array and a longer buffer', () => {
    const fromArray = itmP2pTls({ ...P2P_BASE, pfl: profile });
    const fromTyped = itmP2pTls({ ...P2P_BASE, pfl: Float64Array.from(profile) });
    const buffer = new Float64Array(profile.length + 50).fill(9999);
    buffer.set(profile);
    const fromBuffer = itmP2pTls({ ...P2P_BASE, pfl: buffer });
    expect(fromTyped).toEqual(fromArray);
    expect(fromBuffer).toEqual(fromArray);
  });

  it('throws a RangeError naming pfl for a malformed profile', () => {
    expect(() => itmP2pTls({ ...P2P_BASE, pfl: [3, 100, 1, 2] })).toThrow(/pfl.*needs 6/);
    expect(() => itmP2pTls({ ...P2P_BASE, pfl: [2.5, 100, 1, 2, 3] })).toThrow(RangeError);
    expect(() => itmP2pTls({ ...P2P_BASE, pfl: [2, 0, 1, 2, 3] })).toThrow(/pfl\[1\]/);
    expect(() => itmP2pTls({ ...P2P_BASE, pfl: [] })).toThrow(/at least 4/);
  });

  it('carries no state between calls: oracle rows in shuffled order through one record', () => {
    const rows = loadOracle();
    const expected = rows.map((row) => runRow(row));
    const order = rows.map((_, i) => i);
    const shuffle = prng(6);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(shuffle() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const out: ItmResult = createItmResult();
    for (const i of order) {
      const row = rows[i];
      const input = row.input as never;
      const fn = row.input.function;
      if (fn === 'ITM_P2P_TLS') itmP2pTls(input, out);
      else if (fn === 'ITM_P2P_CR') itmP2pCr(input, out);
      else if (fn === 'ITM_AREA_TLS') itmAreaTls(input, out);
      else itmAreaCr(input, out);
      expect(out, row.input.id).toEqual(expected[i]);
    }
  });
});
