/**
 * @module itm/itm-area-cr
 * ITM area mode with confidence/reliability variability. Port of `ITM_AREA_CR` and
 * `ITM_AREA_CR_Ex` in NTIA/itm `itm_area.cpp` (v1.4).
 */
import {
  ERROR__INVALID_CONFIDENCE,
  ERROR__INVALID_RELIABILITY,
  ERROR__INVALID_SITUATION,
  ERROR__INVALID_TIME,
} from './constants.ts';
import { itmAreaTls } from './itm-area-tls.ts';
import type { ItmAreaCrInput, ItmAreaTlsInput, ItmResult } from './types.ts';
import { createItmResult } from './types.ts';

const tls: ItmAreaTlsInput = {
  h_tx__meter: 0,
  h_rx__meter: 0,
  tx_site_criteria: 0,
  rx_site_criteria: 0,
  d__km: 0,
  delta_h__meter: 0,
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
 * Area-mode basic transmission loss at a confidence and reliability (NTIA ITM_AREA_CR /
 * ITM_AREA_CR_Ex): the TLS model with time = reliability, location = 50 and
 * situation = confidence, with time/situation errors renamed to reliability/confidence errors.
 *
 * @param input - Model inputs under NTIA's names
 * @param out - Optional record to fill instead of allocating a new one
 * @returns The filled result, see {@link ItmResult}
 */
export function itmAreaCr(input: ItmAreaCrInput, out: ItmResult = createItmResult()): ItmResult {
  tls.h_tx__meter = input.h_tx__meter;
  tls.h_rx__meter = input.h_rx__meter;
  tls.tx_site_criteria = input.tx_site_criteria;
  tls.rx_site_criteria = input.rx_site_criteria;
  tls.d__km = input.d__km;
  tls.delta_h__meter = input.delta_h__meter;
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
  itmAreaTls(tls, out);
  if (out.rtn === ERROR__INVALID_TIME) out.rtn = ERROR__INVALID_RELIABILITY;
  else if (out.rtn === ERROR__INVALID_SITUATION) out.rtn = ERROR__INVALID_CONFIDENCE;
  return out;
}
