/**
 * @module itm/itm-p2p-tls
 * ITM point-to-point mode with time/location/situation variability. Port of `ITM_P2P_TLS` and
 * `ITM_P2P_TLS_Ex` in NTIA/itm `itm_p2p.cpp` (v1.4). The two C entry points differ only in
 * whether the intermediate values are reported; here they always are, since they are computed
 * anyway.
 */
import {
  MODE__NOT_SET,
  MODE__P2P,
  NO_WARNINGS,
  SUCCESS,
  SUCCESS_WITH_WARNINGS,
} from './constants.ts';
import { freeSpaceLoss } from './free-space-loss.ts';
import {
  createPointToPointParameters,
  initializePointToPoint,
} from './initialize-point-to-point.ts';
import { longleyRice } from './longley-rice.ts';
import { asPflArray } from './pfl.ts';
import { createPathParameters, quickPfl } from './quick-pfl.ts';
import type { ItmP2pTlsInput, ItmResult } from './types.ts';
import { createItmResult, failItmResult } from './types.ts';
import { validateInputs } from './validate-inputs.ts';
import { variability } from './variability.ts';

// Working records reused by every call: the model is synchronous, so one set suffices per thread.
const system = createPointToPointParameters();
const path = createPathParameters();
const h__meter = [0.5, 0.5];

/**
 * Basic transmission loss over a terrain profile, at given time, location and situation
 * percentages (NTIA ITM_P2P_TLS / ITM_P2P_TLS_Ex).
 *
 * Does not throw for anything the reference reports with a code: invalid parameters give
 * `rtn` >= 1000 (ERROR__*), see {@link ItmResult}.
 *
 * @param input - Model inputs under NTIA's names; heights in m, frequency in MHz
 * @param out - Optional record to fill instead of allocating a new one
 * @returns The filled result: rtn, A__db (dB), warnings, propmode, propmode_v2, intermediates
 * @throws RangeError if `pfl` is structurally malformed (see asPflArray)
 */
export function itmP2pTls(input: ItmP2pTlsInput, out: ItmResult = createItmResult()): ItmResult {
  const {
    h_tx__meter,
    h_rx__meter,
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
  const pfl = asPflArray(input.pfl);

  out.warnings = NO_WARNINGS;
  out.propmode = MODE__NOT_SET;

  // initial validation; the rest happens inside LongleyRice
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

  const d__km = (pfl[0] * pfl[1]) / 1000;
  const np = Math.trunc(pfl[0]);

  // mean terrain height, ignoring the first and last 10 % of the points
  const p10 = Math.trunc(0.1 * np);
  let h_sys__meter = 0;
  for (let i = p10; i <= np - p10; i++) h_sys__meter += pfl[i + 2];
  h_sys__meter = h_sys__meter / (np - 2 * p10 + 1);

  initializePointToPoint(f__mhz, h_sys__meter, N_0, pol, epsilon, sigma, system);

  h__meter[0] = h_tx__meter;
  h__meter[1] = h_rx__meter;
  quickPfl(pfl, system.gamma_e, h__meter, path);

  const rtn_lr = longleyRice(
    path.theta_hzn,
    f__mhz,
    system.Z_g,
    path.d_hzn__meter,
    path.h_e__meter,
    system.gamma_e,
    system.N_s,
    path.delta_h__meter,
    h__meter,
    path.d__meter,
    MODE__P2P,
    out,
  );
  if (rtn_lr !== SUCCESS) return failItmResult(out, rtn_lr, out.warnings);

  const A_fs__db = freeSpaceLoss(path.d__meter, f__mhz);
  out.A__db =
    variability(
      time,
      location,
      situation,
      path.h_e__meter,
      path.delta_h__meter,
      f__mhz,
      path.d__meter,
      out.A_ref__db,
      climate,
      mdvar,
      out,
    ) + A_fs__db;

  out.A_fs__db = A_fs__db;
  out.N_s = system.N_s;
  out.d__km = d__km;
  out.delta_h__meter = path.delta_h__meter;
  out.d_hzn__meter[0] = path.d_hzn__meter[0];
  out.d_hzn__meter[1] = path.d_hzn__meter[1];
  out.h_e__meter[0] = path.h_e__meter[0];
  out.h_e__meter[1] = path.h_e__meter[1];
  out.theta_hzn[0] = path.theta_hzn[0];
  out.theta_hzn[1] = path.theta_hzn[1];
  out.rtn = out.warnings !== NO_WARNINGS ? SUCCESS_WITH_WARNINGS : SUCCESS;
  return out;
}
