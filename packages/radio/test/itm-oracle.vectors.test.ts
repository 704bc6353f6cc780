/**
 * Every row of the NTIA ITM v1.4 oracle (/work/shared/data/itm/itm-oracle-public.json, or
 * $TONGILNET_DATA/itm/...): return code, warnings and both propagation modes exact; loss and every
 * intermediate value within 1e-6 (absolute). Rows whose reference failed carry nulls, which the
 * port reports as NaN.
 */
import { describe, expect, it } from 'vitest';
import {
  itmPropModeName,
  itmPropModeV2Name,
  itmReturnCodeName,
  itmWarningNames,
} from '../src/itm/constants.ts';
import { loadOracle, runRow } from './itm-oracle.ts';

const TOLERANCE = 1e-6;
const rows = loadOracle();

const SCALARS = ['A__db', 'A_fs__db', 'A_ref__db', 'N_s', 'd__km', 'delta_h__meter'] as const;
const PAIRS = ['d_hzn__meter', 'h_e__meter', 'theta_hzn'] as const;

function expectClose(actual: number, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, `${what} should be NaN (reference: null)`).toBeNaN();
    return;
  }
  const delta = Math.abs(actual - expected);
  expect(delta, `${what}: port ${actual}, reference ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

describe('ITM oracle (NTIA ITM v1.4 C++ outputs)', () => {
  it('holds the 299 rows this port was accepted against', () => {
    expect(rows.length).toBe(299);
  });

  it.each(rows.map((row, index) => [index, row.input.id, row] as const))(
    'row %i %s',
    (_index, _id, row) => {
      const result = runRow(row);
      const ref = row.output;

      expect(result.rtn, 'rtn').toBe(ref.rtn);
      expect(result.warnings, 'warnings').toBe(ref.warnings);
      expect(result.propmode, 'propmode').toBe(ref.propmode);
      expect(result.propmode_v2, 'propmode_v2').toBe(ref.propmode_v2);

      expect(itmReturnCodeName(result.rtn)).toBe(ref.rtn_name);
      expect(itmWarningNames(result.warnings)).toEqual(ref.warning_names);
      expect(itmPropModeName(result.propmode)).toBe(ref.propmode_name);
      expect(itmPropModeV2Name(result.propmode_v2)).toBe(ref.propmode_v2_name);

      for (const name of SCALARS) expectClose(result[name], ref[name], name);
      for (const name of PAIRS) {
        const expected = ref[name];
        expectClose(result[name][0], expected === null ? null : expected[0], `${name}[0]`);
        expectClose(result[name][1], expected === null ? null : expected[1], `${name}[1]`);
      }
    },
  );
});
