/**
 * @module itm/itm-p2p-cr
 * ITM point-to-point mode with confidence/reliability variability. Port of `ITM_P2P_CR` and
 * `ITM_P2P_CR_Ex` in NTIA/itm `itm_p2p.cpp` (v1.4).
 */
import {
  ERROR__INVALID_CONFIDENCE,
  ERROR__INVALID_RELIABILITY,
  ERROR__INVALID_SITUATION,
  ERROR__INVALID_TIME,
} from './constants.ts';
import { itmP2pTls } from './itm-p2p-tls.ts';
import type { ItmP2pCrInput, ItmP2pTlsInput, ItmResult } from './types.ts';
import { createItmResult } from './types.ts';

// Reused TLS input, so a CR call allocates nothing.
const tls: ItmP2pTlsInput = {
  h_tx__meter: 0,
  h_rx__meter: 0,
  pfl: new Float64Array(0),
  climate: 0,
  N_0: 0,
  f__mhz: 0,
  pol: 0,
  epsilon: 0,
  sigma: 0,
  mdvar: 0,
  time: 0,
  location: 0,
  situation: 0,
};

/**
 * Basic transmission loss over a terrain profile at a confidence and reliability
 * (NTIA ITM_P2P_CR / ITM_P2P_CR_Ex).
 *
 * As in the reference this is the TLS model with time = reliability, location = 50 and
 * situation = confidence; an invalid time or situation is reported as an invalid reliability or
 * confidence (ERROR__INVALID_RELIABILITY, ERROR__INVALID_CONFIDENCE).
 *
 * @param input - Model inputs under NTIA's names
 * @param out - Optional record to fill instead of allocating a new one
 * @returns The filled result, see {@link ItmResult}
 * @throws RangeError if `pfl` is structurally malformed
 */
export function itmP2pCr(input: ItmP2pCrInput, out: ItmResult = createItmResult()): ItmResult {
  tls.h_tx__meter = input.h_tx__meter;
  tls.h_rx__meter = input.h_rx__meter;
  tls.pfl = input.pfl;
  tls.climate = input.climate;
  tls.N_0 = input.N_0;
  tls.f__mhz = input.f__mhz;
  tls.pol = input.pol;
  tls.epsilon = input.epsilon;
  tls.sigma = input.sigma;
  tls.mdvar = input.mdvar;
  tls.time = input.reliability;
  tls.location = 50;
  tls.situation = input.confidence;
  itmP2pTls(tls, out);
  // don't keep the caller's profile alive through the scratch record
  tls.pfl = EMPTY;
  if (out.rtn === ERROR__INVALID_TIME) out.rtn = ERROR__INVALID_RELIABILITY;
  else if (out.rtn === ERROR__INVALID_SITUATION) out.rtn = ERROR__INVALID_CONFIDENCE;
  return out;
}

const EMPTY = new Float64Array(0);
