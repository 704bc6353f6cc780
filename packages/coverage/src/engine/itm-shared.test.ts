import { createItmResult, itmP2pTls } from '@tongilnet/radio';
import { describe, expect, it } from 'vitest';
import { itmP2pTlsShared } from './itm-shared.ts';

/** A rough profile from a seeded generator: hills, a valley floor at sea level, a ridge. */
function profile(seed: number, n: number, xi: number): Float64Array {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pfl = new Float64Array(n + 3);
  pfl[0] = n;
  pfl[1] = xi;
  let z = 200 * rnd();
  for (let i = 0; i <= n; i++) {
    z = Math.max(0, z + (rnd() - 0.5) * 40);
    pfl[i + 2] = z;
  }
  return pfl;
}

describe('itmP2pTlsShared', () => {
  it('gives radio’s itmP2pTls loss bit for bit at every frequency', () => {
    const freqs = [897.5, 942.5, 1950, 2140];
    const out = freqs.map(() => new Float32Array(1));
    const result = createItmResult();
    let cases = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const n = 20 + ((seed * 37) % 600);
      const pfl = profile(seed, n, 30 + (seed % 7) * 15);
      const base = {
        h_tx__meter: 10 + (seed % 5) * 20,
        h_rx__meter: 1.5,
        pfl,
        climate: 1 + (seed % 7),
        N_0: 301,
        pol: seed % 2,
        epsilon: 15,
        sigma: 0.005,
        mdvar: seed % 4,
        time: 50,
        location: 10 + (seed % 9) * 10,
        situation: 50,
      };
      itmP2pTlsShared(base, freqs, out, 0);
      freqs.forEach((f, k) => {
        const expected = itmP2pTls({ ...base, f__mhz: f }, result).A__db;
        expect(out[k]![0]).toBe(Math.fround(expected));
        cases++;
      });
    }
    expect(cases).toBe(240);
  });
});
