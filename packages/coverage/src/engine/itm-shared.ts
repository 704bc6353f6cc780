/**
 * @module engine/itm-shared
 * ITM point to point (TLS) at several frequencies over one profile, sharing the frequency-free
 * work: the mean path height, the effective earth and quickPfl's horizons, effective heights and
 * Δh [NTIA itm v1.4, itm_p2p.cpp ITM_P2P_TLS: validate, InitializePointToPoint, QuickPfl,
 * LongleyRice, Variability + FreeSpaceLoss]. Each frequency's loss is the one radio's
 * `itmP2pTls` returns, bit for bit (tested): the same inner steps in the same order, only
 * quickPfl — which depends on the effective earth curvature, not on the frequency — runs once.
 * A site's downlink and uplink then cost about one and a half ITM calls instead of two.
 */
import {
  MODE__P2P,
  createItmResult,
  createPathParameters,
  createPointToPointParameters,
  initializePointToPoint,
  itmFreeSpaceLoss,
  itmValidateInputs,
  longleyRice,
  quickPfl,
  variability,
  type ItmP2pTlsInput,
} from '@tongilnet/radio';

const system = createPointToPointParameters();
const path = createPathParameters();
const sink = createItmResult();
const heights = [0.5, 0.5];

/**
 * Basic transmission loss (dB) at each of `freqsMHz` over `input.pfl` (a Float64Array in pfl
 * layout), written to out[k][index]; NaN where ITM returns an error code.
 */
export function itmP2pTlsShared(
  input: Omit<ItmP2pTlsInput, 'f__mhz' | 'pfl'> & { pfl: Float64Array },
  freqsMHz: readonly number[],
  out: Float32Array[],
  index: number,
): void {
  const pfl = input.pfl;
  const np = Math.trunc(pfl[0]!);
  // Mean terrain height, ignoring the first and last 10 % of the points (as itmP2pTls).
  const p10 = Math.trunc(0.1 * np);
  let hSys = 0;
  for (let i = p10; i <= np - p10; i++) hSys += pfl[i + 2]!;
  hSys = hSys / (np - 2 * p10 + 1);
  heights[0] = input.h_tx__meter;
  heights[1] = input.h_rx__meter;
  let profileDone = false;
  for (let k = 0; k < freqsMHz.length; k++) {
    const f = freqsMHz[k]!;
    sink.warnings = 0;
    sink.propmode = 0;
    const valid = itmValidateInputs(
      input.h_tx__meter,
      input.h_rx__meter,
      input.climate,
      input.time,
      input.location,
      input.situation,
      input.N_0,
      f,
      input.pol,
      input.epsilon,
      input.sigma,
      input.mdvar,
      sink,
    );
    if (valid >= 1000) {
      out[k]![index] = NaN;
      continue;
    }
    initializePointToPoint(f, hSys, input.N_0, input.pol, input.epsilon, input.sigma, system);
    // gamma_e depends on the path height and N_0 only: the same for every frequency.
    if (!profileDone) {
      quickPfl(pfl, system.gamma_e, heights, path);
      profileDone = true;
    }
    const rtn = longleyRice(
      path.theta_hzn,
      f,
      system.Z_g,
      path.d_hzn__meter,
      path.h_e__meter,
      system.gamma_e,
      system.N_s,
      path.delta_h__meter,
      heights,
      path.d__meter,
      MODE__P2P,
      sink,
    );
    if (rtn >= 1000) {
      out[k]![index] = NaN;
      continue;
    }
    const aFs = itmFreeSpaceLoss(path.d__meter, f);
    out[k]![index] =
      variability(
        input.time,
        input.location,
        input.situation,
        path.h_e__meter,
        path.delta_h__meter,
        f,
        path.d__meter,
        sink.A_ref__db,
        input.climate,
        input.mdvar,
        sink,
      ) + aFs;
  }
}
