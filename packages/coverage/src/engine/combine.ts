/**
 * @module engine/combine
 * From path losses to service: each site's downlink level and uplink margin (antenna gains both
 * ways, the handset's power class, the range limit), then the multi-site layers — best server,
 * composite downlink, two-way service, SINR against co-channel sites and jammers, and service
 * under jamming.
 *
 * Conventions (all dBm / dB):
 * - DL total power at the handset = P_site + G_site(toward cell) − cable − L_dl + G_handset − body
 *   loss; the DL layer is in the technology's metric (RSRP, RxLev, …) = total − the preset's offset.
 * - UL level at the site = P_handset + G_handset − body loss − L_ul + G_site − cable; the margin is
 *   that minus the UL threshold.
 * - Best server: the largest DL margin (metric − threshold) among the sites whose range limit
 *   reaches the cell.
 * - Two-way: at the best server, DL ≥ its DL threshold and UL margin ≥ 0.
 * - SINR at the best server: S / (N + Σ co-channel sites + Σ jammers), powers in mW, N the handset
 *   noise floor (kTB + NF); a jammer counts with its mean power (P × duty cycle) times the share of
 *   its band that falls in the serving channel.
 * - Under jamming: two-way, SINR ≥ the plan's threshold, and the UL margin still ≥ 0 after the noise
 *   rise the jammers cause at the site's receiver (jammer → site, point to point).
 */
import type { Jammer, Plan, Site } from '../plan/types.ts';
import type { Grid } from '../raster/grid.ts';
import { type GridSpec } from '../raster/grid.ts';
import { Raster } from '../raster/raster.ts';
import { emitterGain } from './antenna.ts';
import { bearingDeg, elevationDeg, sphericalDistanceM } from './geometry.ts';
import { noiseFloorDbm, type TechParams } from './technology.ts';

/** One emitter's loss over its window of the output grid. */
export interface EmitterLoss {
  window: Grid;
  /** Loss per frequency (sites: [DL, UL]; one entry when they coincide; jammers: [own]), dB. */
  losses: Float32Array[];
}

export interface SiteLayers {
  site: Site;
  tech: TechParams;
  window: Grid;
  /** Path loss at the downlink frequency, dB. */
  lossDb: Raster<Float32Array>;
  /** Downlink level at the handset in the technology's metric (RSRP, …), dBm; NaN beyond range. */
  dlDbm: Raster<Float32Array>;
  /** Uplink margin at the site, dB; NaN beyond the range limit. */
  ulMarginDb: Raster<Float32Array>;
  /** This site alone: 1 where both directions clear their thresholds within range, else 0. */
  twoWay: Raster<Uint8Array>;
  /** DL threshold and UL threshold used, dBm. */
  dlThresholdDbm: number;
  ulThresholdDbm: number;
  /** Noise rise at the site's receiver from jammers in the uplink band, dB. */
  ulNoiseRiseDb: number;
}

export interface JammerLayers {
  jammer: Jammer;
  window: Grid;
  lossDb: Raster<Float32Array>;
  /** Jammer level at the handset (mean over the duty cycle, whole band), dBm. */
  levelDbm: Raster<Float32Array>;
}

export interface CombinedLayers {
  /** Composite downlink: the best server's level, dBm. */
  dl: Raster<Float32Array>;
  /** Index of the best server in plan.sites, −1 where none reaches. */
  bestServer: Raster<Int16Array>;
  /** UL margin at the best server, dB. */
  ulMargin: Raster<Float32Array>;
  /** 1 = two-way service at the best server, 0 = not, 255 = not computed. */
  twoWay: Raster<Uint8Array>;
  /** SINR at the best server with co-channel sites and jammers, dB. */
  sinr: Raster<Float32Array>;
  /** 1 = two-way service that survives the jammers, 0 = not, 255 = not computed. */
  servedUnderJamming: Raster<Uint8Array>;
}

export const maskNodata = 255;

/** Fraction of [f − bw/2, f + bw/2] of the jammer that falls inside a channel. */
export function bandOverlap(
  jammerMHz: number,
  jammerBwMHz: number,
  channelMHz: number,
  channelBwMHz: number,
): number {
  const lo = Math.max(jammerMHz - jammerBwMHz / 2, channelMHz - channelBwMHz / 2);
  const hi = Math.min(jammerMHz + jammerBwMHz / 2, channelMHz + channelBwMHz / 2);
  return hi > lo ? (hi - lo) / jammerBwMHz : 0;
}

const dbmToMw = (dbm: number) => Math.pow(10, dbm / 10);
const mwToDbm = (mw: number) => 10 * Math.log10(mw);

/** Offset of a window inside the grid (whole cells). */
function offsetOf(grid: GridSpec, window: GridSpec): { col0: number; row0: number } {
  return {
    col0: Math.round((window.west - grid.west) / grid.stepLon),
    row0: Math.round((grid.north - window.north) / grid.stepLat),
  };
}

/** Per-cell geometry from an emitter: bearing, elevation angle, distance. */
function forEachCell(
  emitterLat: number,
  emitterLon: number,
  window: Grid,
  fn: (i: number, lat: number, lon: number, dM: number, bearing: number) => void,
): void {
  for (let row = 0; row < window.height; row++) {
    const lat = window.latOf(row);
    for (let col = 0; col < window.width; col++) {
      const lon = window.lonOf(col);
      const dM = sphericalDistanceM(emitterLat, emitterLon, lat, lon);
      fn(row * window.width + col, lat, lon, dM, bearingDeg(emitterLat, emitterLon, lat, lon));
    }
  }
}

export interface CombineInput {
  plan: Plan;
  grid: Grid;
  /** Ground elevation at each cell centre, m (NaN outside the terrain). */
  elevation: Raster<Float32Array>;
  /** Ground elevation under each site and jammer, m. */
  siteGroundM: number[];
  jammerGroundM: number[];
  techs: TechParams[];
  siteLoss: EmitterLoss[];
  jammerLoss: EmitterLoss[];
  /** Jammer → site path loss at the site's UL frequency, dB: [jammer][site]. */
  jammerToSiteLossDb: number[][];
}

/** Links every site and jammer to every cell and builds the multi-site layers. */
export function combine(input: CombineInput): {
  sites: SiteLayers[];
  jammers: JammerLayers[];
  layers: CombinedLayers;
} {
  const { plan, grid, elevation } = input;
  const n = grid.size;
  const rx = plan.receiver;
  const sinrThreshold = plan.thresholds.sinrDb;

  // Co-channel groups: same technology and channel number.
  const groupKey = (s: Site) => `${s.technology}#${s.channel}`;
  const groups = [...new Set(plan.sites.map(groupKey))];
  const groupOf = plan.sites.map((s) => groups.indexOf(groupKey(s)));
  const groupSum = groups.map(() => new Float64Array(n));
  const jamSum = groups.map(() => new Float64Array(n));

  const best = new Float32Array(n).fill(NaN);
  const bestMargin = new Float32Array(n).fill(NaN);
  const bestIndex = new Int16Array(n).fill(-1);

  const sites: SiteLayers[] = plan.sites.map((site, s) => {
    const tech = input.techs[s]!;
    const { window, losses } = input.siteLoss[s]!;
    const gain = emitterGain(site);
    const zSite = input.siteGroundM[s]! + site.heightM;
    const dlThresholdDbm = plan.thresholds.dlDbm ?? tech.dlThresholdDbm;
    const ulThresholdDbm = plan.thresholds.ulDbm ?? tech.ulThresholdDbm;
    const lossDl = losses[0]!;
    const lossUl = losses[1] ?? losses[0]!;
    const dl = new Float32Array(window.size).fill(NaN);
    const ul = new Float32Array(window.size).fill(NaN);
    const twoWay = new Uint8Array(window.size).fill(maskNodata);
    const rangeM = tech.maxRangeKm * 1000;
    const { col0, row0 } = offsetOf(grid, window);
    const sum = groupSum[groupOf[s]!]!;
    forEachCell(site.lat, site.lon, window, (i, _lat, _lon, dM, bearing) => {
      const L = lossDl[i]!;
      if (Number.isNaN(L)) return;
      twoWay[i] = 0;
      const gi = (row0 + Math.floor(i / window.width)) * grid.width + col0 + (i % window.width);
      const zCell = elevation.data[gi]!;
      const elev = elevationDeg(zSite, (Number.isNaN(zCell) ? 0 : zCell) + rx.heightM, dM);
      const g = gain(bearing, elev);
      const dlTotal = site.powerDbm + g - site.cableLossDb - L + rx.gainDbi - rx.bodyLossDb;
      // Interference counts whatever the range: a far site still raises the noise.
      sum[gi] += dbmToMw(dlTotal);
      if (dM > rangeM) return;
      const dlMetric = dlTotal - tech.dlMetricOffsetDb;
      dl[i] = dlMetric;
      const ulDbm =
        tech.handsetPowerDbm + rx.gainDbi - rx.bodyLossDb - lossUl[i]! + g - site.cableLossDb;
      ul[i] = ulDbm - ulThresholdDbm;
      twoWay[i] = dlMetric >= dlThresholdDbm && ulDbm >= ulThresholdDbm ? 1 : 0;
      // Best server: the largest DL margin over its own threshold (fair across technologies).
      const margin = dlMetric - dlThresholdDbm;
      if (!(margin <= bestMargin[gi]!)) {
        bestMargin[gi] = margin;
        best[gi] = dlMetric;
        bestIndex[gi] = s;
      }
    });
    return {
      site,
      tech,
      window,
      lossDb: new Raster(window, lossDl, NaN),
      dlDbm: new Raster(window, dl, NaN),
      ulMarginDb: new Raster(window, ul, NaN),
      twoWay: new Raster(window, twoWay, maskNodata),
      dlThresholdDbm,
      ulThresholdDbm,
      ulNoiseRiseDb: 0,
    };
  });

  const jammers: JammerLayers[] = plan.jammers.map((jammer, j) => {
    const { window, losses } = input.jammerLoss[j]!;
    const gain = emitterGain(jammer);
    const zJam = input.jammerGroundM[j]! + jammer.heightM;
    const level = new Float32Array(window.size).fill(NaN);
    const { col0, row0 } = offsetOf(grid, window);
    // Share of the jammer's mean power that lands in each co-channel group's DL channel.
    const shares = groups.map((_, g) => {
      const s = groupOf.indexOf(g);
      const tech = input.techs[s]!;
      return bandOverlap(
        jammer.frequencyMHz,
        jammer.bandwidthMHz,
        tech.dlFrequencyMHz,
        tech.bandwidthMHz,
      );
    });
    const L0 = losses[0]!;
    forEachCell(jammer.lat, jammer.lon, window, (i, _lat, _lon, dM, bearing) => {
      const L = L0[i]!;
      if (Number.isNaN(L)) return;
      const gi = (row0 + Math.floor(i / window.width)) * grid.width + col0 + (i % window.width);
      const zCell = elevation.data[gi]!;
      const elev = elevationDeg(zJam, (Number.isNaN(zCell) ? 0 : zCell) + rx.heightM, dM);
      const dbm =
        jammer.powerDbm +
        gain(bearing, elev) -
        jammer.cableLossDb -
        L +
        rx.gainDbi -
        rx.bodyLossDb +
        10 * Math.log10(jammer.dutyCycle);
      level[i] = dbm;
      const mw = dbmToMw(dbm);
      for (let g = 0; g < groups.length; g++) if (shares[g]! > 0) jamSum[g]![gi] += mw * shares[g]!;
    });
    return {
      jammer,
      window,
      lossDb: new Raster(window, L0, NaN),
      levelDbm: new Raster(window, level, NaN),
    };
  });

  // Uplink desensitisation: jammer power reaching each site's receiver in its UL channel.
  sites.forEach((layer, s) => {
    const site = layer.site;
    const tech = layer.tech;
    let iMw = 0;
    plan.jammers.forEach((jammer, j) => {
      const L = input.jammerToSiteLossDb[j]?.[s];
      if (L === undefined || Number.isNaN(L)) return;
      const share = bandOverlap(
        jammer.frequencyMHz,
        jammer.bandwidthMHz,
        tech.ulFrequencyMHz,
        tech.bandwidthMHz,
      );
      if (share === 0) return;
      const dM = sphericalDistanceM(jammer.lat, jammer.lon, site.lat, site.lon);
      const zJ = input.jammerGroundM[j]! + jammer.heightM;
      const zS = input.siteGroundM[s]! + site.heightM;
      const gJ = emitterGain(jammer)(
        bearingDeg(jammer.lat, jammer.lon, site.lat, site.lon),
        elevationDeg(zJ, zS, dM),
      );
      const gS = emitterGain(site)(
        bearingDeg(site.lat, site.lon, jammer.lat, jammer.lon),
        elevationDeg(zS, zJ, dM),
      );
      const dbm = jammer.powerDbm + gJ - jammer.cableLossDb - L + gS - site.cableLossDb;
      iMw += dbmToMw(dbm) * jammer.dutyCycle * share;
    });
    const nMw = dbmToMw(noiseFloorDbm(tech.bandwidthMHz, tech.bsNoiseFigureDb));
    layer.ulNoiseRiseDb = 10 * Math.log10(1 + iMw / nMw);
  });

  // The multi-site layers.
  const dl = new Float32Array(n).fill(NaN);
  const ulMargin = new Float32Array(n).fill(NaN);
  const twoWay = new Uint8Array(n).fill(maskNodata);
  const sinr = new Float32Array(n).fill(NaN);
  const jammed = new Uint8Array(n).fill(maskNodata);
  const noiseMw = groups.map((_, g) => {
    const tech = input.techs[groupOf.indexOf(g)]!;
    return dbmToMw(noiseFloorDbm(tech.bandwidthMHz, tech.handsetNoiseFigureDb));
  });
  // Where any site was computed, the answer is "no service" rather than "unknown".
  for (const layer of sites) {
    const { col0, row0 } = offsetOf(grid, layer.window);
    const w = layer.window;
    for (let r = 0; r < w.height; r++) {
      for (let c = 0; c < w.width; c++) {
        if (Number.isNaN(layer.lossDb.data[r * w.width + c]!)) continue;
        const gi = (row0 + r) * grid.width + col0 + c;
        twoWay[gi] = 0;
        jammed[gi] = 0;
      }
    }
  }
  const windowIndex = sites.map((layer) => offsetOf(grid, layer.window));
  for (let gi = 0; gi < n; gi++) {
    const s = bestIndex[gi]!;
    if (s < 0) continue;
    const layer = sites[s]!;
    const { col0, row0 } = windowIndex[s]!;
    const row = Math.floor(gi / grid.width) - row0;
    const col = (gi % grid.width) - col0;
    const i = row * layer.window.width + col;
    const level = best[gi]!;
    dl[gi] = level;
    const margin = layer.ulMarginDb.data[i]!;
    ulMargin[gi] = margin;
    const g = groupOf[s]!;
    const sMw = dbmToMw(level + layer.tech.dlMetricOffsetDb);
    const interference = Math.max(0, groupSum[g]![gi]! - sMw) + jamSum[g]![gi]!;
    const sinrDb = mwToDbm(sMw / (noiseMw[g]! + interference));
    sinr[gi] = sinrDb;
    const ok = layer.twoWay.data[i] === 1;
    twoWay[gi] = ok ? 1 : 0;
    jammed[gi] = ok && sinrDb >= sinrThreshold && margin >= layer.ulNoiseRiseDb ? 1 : 0;
  }
  return {
    sites,
    jammers,
    layers: {
      dl: new Raster(grid, dl, NaN),
      bestServer: new Raster(grid, bestIndex, -1),
      ulMargin: new Raster(grid, ulMargin, NaN),
      twoWay: new Raster(grid, twoWay, maskNodata),
      sinr: new Raster(grid, sinr, NaN),
      servedUnderJamming: new Raster(grid, jammed, maskNodata),
    },
  };
}
