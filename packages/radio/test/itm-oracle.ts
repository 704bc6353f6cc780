/**
 * @module test/itm-oracle
 * Loads the ITM correctness oracle (NTIA ITM v1.4 C++ outputs) from the shared data directory and
 * runs its rows through the port. Shared by the vectors test and the property tests.
 */
// Tests may read the shared data; the radio library itself stays free of I/O.
import { readFileSync } from 'node:fs';
import { requireDataFile } from '@tongilnet/geodata';
import type { ItmResult } from '../src/itm/types.ts';
import { itmAreaCr } from '../src/itm/itm-area-cr.ts';
import { itmAreaTls } from '../src/itm/itm-area-tls.ts';
import { itmP2pCr } from '../src/itm/itm-p2p-cr.ts';
import { itmP2pTls } from '../src/itm/itm-p2p-tls.ts';

/** One oracle row: NTIA's inputs under NTIA's names, and the reference outputs. */
export interface OracleRow {
  input: {
    id: string;
    function: 'ITM_P2P_TLS' | 'ITM_P2P_CR' | 'ITM_AREA_TLS' | 'ITM_AREA_CR';
    mode: 'p2p' | 'area';
    var: 'tls' | 'cr';
    [name: string]: unknown;
  };
  output: {
    rtn: number;
    rtn_name: string;
    A__db: number | null;
    warnings: number;
    warning_names: string[];
    propmode: number;
    propmode_name: string;
    propmode_v2: number;
    propmode_v2_name: string;
    A_fs__db: number | null;
    A_ref__db: number | null;
    N_s: number | null;
    d__km: number | null;
    delta_h__meter: number | null;
    d_hzn__meter: number[] | null;
    h_e__meter: number[] | null;
    theta_hzn: number[] | null;
  };
  meta: { id: string; category: string; [name: string]: unknown };
}

/** Path of the oracle in the data directory ($TONGILNET_DATA, else ../shared/data). */
export function oraclePath(): string {
  return requireDataFile('itm/itm-oracle-public.json');
}

/** Reads the oracle rows, or throws naming where it looked. */
export function loadOracle(): OracleRow[] {
  const path = oraclePath();
  const rows = JSON.parse(readFileSync(path, 'utf8')) as OracleRow[];
  if (!Array.isArray(rows) || rows.length === 0) throw new Error(`${path} holds no oracle rows`);
  return rows;
}

/** Runs one row through the port's entry point of the same name. */
export function runRow(row: OracleRow): ItmResult {
  const input = row.input as never;
  switch (row.input.function) {
    case 'ITM_P2P_TLS':
      return itmP2pTls(input);
    case 'ITM_P2P_CR':
      return itmP2pCr(input);
    case 'ITM_AREA_TLS':
      return itmAreaTls(input);
    case 'ITM_AREA_CR':
      return itmAreaCr(input);
  }
}
