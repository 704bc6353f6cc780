/**
 * @module itm/itm-area-tls
 * ITM area mode with time/location/situation variability. Port of `ITM_AREA_TLS` and
 * `ITM_AREA_TLS_Ex` in NTIA/itm `itm_area.cpp` (v1.4).
 */
import {
  ERROR__DELTA_H,
  ERROR__PATH_DISTANCE,
  ERROR__RX_SITING_CRITERIA,
  ERROR__TX_SITING_CRITERIA,
  MODE__AREA,
  MODE__NOT_SET,
  NO_WARNINGS,
  SITING_CRITERIA__CAREFUL,
  SITING_CRITERIA__RANDOM,
  SITING_CRITERIA__VERY_CAREFUL,
  SUCCESS,
  SUCCESS_WITH_WARNINGS,
} from './constants.ts';
import { freeSpaceLoss } from './free-space-loss.ts';
import { initializeArea } from './initialize-area.ts';
import {
  createPointToPointParameters,
  initializePointToPoint,
} from './initialize-point-to-point.ts';
import { longleyRice } from './longley-rice.ts';
import type { ItmAreaTlsInput, ItmResult } from './types.ts';
import { createItmResult, failItmResult } from './types.ts';
import { validateInputs } from './validate-inputs.ts';
import { variability } from './variability.ts';

const system = createPointToPointParameters();
const site_criteria = [0, 0];
const h__meter = [0.5, 0.5];
const theta_hzn = [0.5, 0.5];
const d_hzn__meter = [0.5, 0.5];
const h_e__meter = [0.5, 0.5];

function isSitingCriteria(value: number): boolean {
  return (
    value === SITING_CRITERIA__RANDOM ||
    value === SITING_CRITERIA__CAREFUL ||
    value === SITING_CRITERIA__VERY_CAREFUL
  );
}

/**
 * Basic transmission loss predicted from path distance and terrain irregularity, without a
 * profile, at given time, location and situation percentages (NTIA ITM_AREA_TLS /
 * ITM_AREA_TLS_Ex).
 *
 * @param input - Model inputs under NTIA's names; d__km in km, heights and delta_h in m
 * @param out - Optional record to fill instead of allocating a new one
 * @returns The filled result, see {@link ItmResult}
 */
export function itmAreaTls(input: ItmAreaTlsInput, out: ItmResult = createItmResult()): ItmResult {
  const {
    h_tx__meter,
    h_rx__meter,
    tx_site_criteria,
    rx_site_criteria,
    d__km,
    delta_h__meter,
    climate,
    N_0,
    f__mhz,
    pol,
    epsilon,
    sigma,
    mdvar,
    time,
    location,
    situation,
  } = input;

  out.warnings = NO_WARNINGS;
  out.propmode = MODE__NOT_SET;

  const rtn_valid = validateInputs(
    h_tx__meter,
    h_rx__meter,
    climate,
    time,
    location,
    situation,
    N_0,
    f__mhz,
    pol,
    epsilon,
    sigma,
    mdvar,
    out,
  );
  if (rtn_valid !== SUCCESS) return failItmResult(out, rtn_valid, out.warnings);

  // area-mode checks, in NTIA's order
  if (d__km <= 0) return failItmResult(out, ERROR__PATH_DISTANCE, out.warnings);
  if (delta_h__meter < 0) return failItmResult(out, ERROR__DELTA_H, out.warnings);
  if (!isSitingCriteria(tx_site_criteria)) {
    return failItmResult(out, ERROR__TX_SITING_CRITERIA, out.warnings);
  }
  if (!isSitingCriteria(rx_site_criteria)) {
    return failItmResult(out, ERROR__RX_SITING_CRITERIA, out.warnings);
  }

  site_criteria[0] = tx_site_criteria;
  site_criteria[1] = rx_site_criteria;
  h__meter[0] = h_tx__meter;
  h__meter[1] = h_rx__meter;

  // no profile, so no mean path height: N_s = N_0
  initializePointToPoint(f__mhz, 0.0, N_0, pol, epsilon, sigma, system);
  initializeArea(
    site_criteria,
    system.gamma_e,
    delta_h__meter,
    h__meter,
    h_e__meter,
    d_hzn__meter,
    theta_hzn,
  );

  const d__meter = d__km * 1000;
  const rtn_lr = longleyRice(
    theta_hzn,
    f__mhz,
    system.Z_g,
    d_hzn__meter,
    h_e__meter,
    system.gamma_e,
    system.N_s,
    delta_h__meter,
    h__meter,
    d__meter,
    MODE__AREA,
    out,
  );
  if (rtn_lr !== SUCCESS) return failItmResult(out, rtn_lr, out.warnings);

  const A_fs__db = freeSpaceLoss(d__meter, f__mhz);
  out.A__db =
    A_fs__db +
    variability(
      time,
      location,
      situation,
      h_e__meter,
      delta_h__meter,
      f__mhz,
      d__meter,
      out.A_ref__db,
      climate,
      mdvar,
      out,
    );

  out.A_fs__db = A_fs__db;
  out.N_s = system.N_s;
  out.d__km = d__km;
  out.delta_h__meter = delta_h__meter;
  out.d_hzn__meter[0] = d_hzn__meter[0];
  out.d_hzn__meter[1] = d_hzn__meter[1];
  out.h_e__meter[0] = h_e__meter[0];
  out.h_e__meter[1] = h_e__meter[1];
  out.theta_hzn[0] = theta_hzn[0];
  out.theta_hzn[1] = theta_hzn[1];
  out.rtn = out.warnings !== NO_WARNINGS ? SUCCESS_WITH_WARNINGS : SUCCESS;
  return out;
}
