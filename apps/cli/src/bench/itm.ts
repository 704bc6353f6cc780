/**
 * @module bench/itm
 * `tongilnet bench itm`: microseconds per ITM point-to-point call, averaged over the point-to-point
 * rows of the shared oracle (189 profiles, about 400 points on average, NTIA's own 80 published
 * cases among them), each call writing into one reused result record as a coverage engine would.
 *
 * Baselines: the same rows through a floor loop in the same process (read every profile point
 * once and compute free-space loss, which any profile-based model must at least do), and NTIA's
 * C++ reference (v1.4, 183ad95, -O2) measured on the project's 2-core machine at 9.2 µs per call
 * over the same rows — a stated constant, since the C++ cannot run in this process.
 */
import { resolve } from 'node:path';
import { createItmResult, itmP2pCr, itmP2pTls, type ItmP2pTlsInput } from '@tongilnet/radio';
import { loadOracleFile } from '../commands/itm.ts';
import { dataDir } from '../data.ts';
import { measure, type Bench, type BenchResult } from './harness.ts';

/** NTIA ITM v1.4 C++ on the project machine, µs per p2p call over the oracle's p2p rows. */
export const NTIA_CPP_US_PER_P2P_CALL = 9.2;

interface P2pCase {
  cr: boolean;
  input: ItmP2pTlsInput & { confidence?: number; reliability?: number };
}

function p2pCases(dir: string): P2pCase[] {
  const rows = loadOracleFile(resolve(dir, 'itm/itm-oracle-public.json'));
  return rows
    .filter((row) => row.input.function === 'ITM_P2P_TLS' || row.input.function === 'ITM_P2P_CR')
    .map((row) => {
      const input = row.input as unknown as P2pCase['input'];
      return {
        cr: row.input.function === 'ITM_P2P_CR',
        input: { ...input, pfl: Float64Array.from(input.pfl) },
      };
    });
}

export const itmBench: Bench = {
  name: 'itm',
  description: 'ITM point-to-point µs per call over the oracle profiles',
  run(context): Promise<BenchResult> {
    const cases = p2pCases(dataDir({ data: context.data }));
    const out = createItmResult();
    let sink = 0;

    const itm = measure(() => {
      for (const c of cases) {
        if (c.cr) itmP2pCr(c.input as never, out);
        else itmP2pTls(c.input, out);
        // the oracle's invalid-input rows return early with a NaN loss; they count as calls
        if (out.rtn < 1000) sink += out.A__db;
      }
    }, cases.length);

    const floor = measure(() => {
      for (const c of cases) {
        const pfl = c.input.pfl as Float64Array;
        const np = pfl[0]!;
        let z = 0;
        for (let i = 2; i < np + 3; i++) z += pfl[i]!;
        sink += z / (np + 1) + 32.45 + 20 * Math.log10(c.input.f__mhz * ((np * pfl[1]!) / 1000));
      }
    }, cases.length);

    if (!Number.isFinite(sink)) throw new Error('itm bench produced a non-finite loss');
    const us = itm.secondsPerOp * 1e6;
    const floorUs = floor.secondsPerOp * 1e6;
    const points =
      cases.reduce((sum, c) => sum + (c.input.pfl as Float64Array)[0]! + 1, 0) / cases.length;
    return Promise.resolve({
      bench: 'itm',
      figures: [
        {
          name: 'p2p call',
          value: us,
          unit: 'µs',
          baseline: {
            name: 'NTIA C++ v1.4 (stated constant)',
            value: NTIA_CPP_US_PER_P2P_CALL,
            unit: 'µs',
          },
          ratio: us / NTIA_CPP_US_PER_P2P_CALL,
          note: `${cases.length} oracle profiles, ${points.toFixed(0)} points on average`,
        },
        {
          name: 'p2p call vs floor loop',
          value: us,
          unit: 'µs',
          baseline: { name: 'profile scan + free-space loss', value: floorUs, unit: 'µs' },
          ratio: us / floorUs,
          note: 'the floor reads every point once, as any profile model must',
        },
      ],
    });
  },
};
