/**
 * @module planner/link
 * "Click anywhere for the link budget": one site of the plan to a handset at a point, over the
 * loaded terrain — the same steps as `tongilnet link`, with the plan's own settings (technology,
 * antenna and its pointing, power, cable loss, handset, ITM environment and reliability), and the
 * geometry the page draws: terrain with the Earth bulge, the ray, the first Fresnel zone.
 */
import { antennaPattern, itmParams, type Plan, type Site } from '@tongilnet/coverage';
import { itmPfl, terrainProfile, type TerrainSource } from '@tongilnet/geodata';
import {
  analyseLink,
  getTechnologyPreset,
  itmP2pTls,
  itmPropModeV2Name,
  type BudgetModel,
  type LinkBudgetResult,
} from '@tongilnet/radio';

export interface LinkReply {
  site: string;
  technology: string;
  model: string;
  distanceKm: number;
  bearingDeg: number;
  /** ITM's propagation mode, when the budget is on ITM. */
  propagation: string | null;
  budget: LinkBudgetResult;
  siteAntennaGainDbi: number;
  clearance: {
    obstructed: boolean;
    fresnel60Clear: boolean;
    minClearanceRatio: number;
    minClearanceDistanceKm: number;
  };
  /** For the chart: distance (km), terrain + bulge (m), ray (m), first Fresnel radius (m). */
  chart: { distanceKm: number[]; groundM: number[]; rayM: number[]; fresnelM: number[] };
  warnings: string[];
}

/** radio's own model standing in for the plan's model when it is not ITM. */
const BUDGET_MODEL: Record<Exclude<Plan['model'], 'itm'>, BudgetModel> = {
  p526: 'delta-bullington',
  fspl: 'free-space',
  hata: 'hata',
};

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** At most `max` evenly spread samples of a chart series (the page needs a line, not every post). */
function thin(values: ArrayLike<number>, max: number, digits: number): number[] {
  const n = values.length;
  const step = Math.max(1, Math.ceil(n / max));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(round(values[i]!, digits));
  if ((n - 1) % step !== 0) out.push(round(values[n - 1]!, digits));
  return out;
}

/**
 * The link from `site` to a handset at (lat, lon).
 * @throws RangeError when the point equals the site or lies off the terrain; Error when ITM
 *   refuses the path
 */
export async function linkToPoint(
  terrain: TerrainSource,
  plan: Plan,
  site: Site,
  lat: number,
  lon: number,
): Promise<LinkReply> {
  if (Math.abs(site.lat - lat) < 1e-7 && Math.abs(site.lon - lon) < 1e-7) {
    throw new RangeError('the point is the site itself; click somewhere else');
  }
  const preset = getTechnologyPreset(site.technology);
  const stepM = Math.min(1000, Math.max(30, terrain.resolutionArcSec * 30.87));
  const profile = await terrainProfile(terrain, site, { lat, lon }, stepM);
  const rxHeightM = plan.receiver.heightM;
  let override: { downlinkDb: number; uplinkDb: number; model: string } | undefined;
  let propagation: string | null = null;
  if (plan.model === 'itm') {
    const pfl = itmPfl(profile);
    const p = itmParams(plan);
    const run = (f__mhz: number) => {
      const r = itmP2pTls({
        h_tx__meter: site.heightM,
        h_rx__meter: rxHeightM,
        pfl,
        climate: p.climate,
        N_0: p.N_0,
        f__mhz,
        pol: p.pol,
        epsilon: p.epsilon,
        sigma: p.sigma,
        mdvar: p.mdvar,
        time: p.time,
        location: p.location,
        situation: p.situation,
      });
      if (r.rtn >= 1000) throw new Error(`ITM refused the path at ${f__mhz} MHz (code ${r.rtn})`);
      return r;
    };
    const dl = run(preset.downlinkMhz);
    const ul = run(preset.uplinkMhz);
    override = { downlinkDb: dl.A__db, uplinkDb: ul.A__db, model: 'itm' };
    propagation = itmPropModeV2Name(dl.propmode_v2);
  }
  const bearingDeg = (profile.azimuthDeg + 360) % 360;
  const analysis = analyseLink({
    profile,
    technology: preset,
    site: {
      heightM: site.heightM,
      powerDbm: site.powerDbm,
      cableLossDb: site.cableLossDb,
      antenna: antennaPattern(site.antenna),
      mount: { azimuthDeg: site.azimuthDeg, mechanicalDowntiltDeg: site.tiltDeg },
      bearingDeg,
    },
    handset: {
      heightM: rxHeightM,
      antennaGainDbi: plan.receiver.gainDbi,
      bodyLossDb: plan.receiver.bodyLossDb,
    },
    ...(site.cellRange ? { cellRange: site.cellRange } : {}),
    ...(override
      ? { pathLossOverride: override }
      : { budgetModel: BUDGET_MODEL[plan.model as Exclude<Plan['model'], 'itm'>] }),
  });
  const c = analysis.clearance;
  const n = c.distancesM.length - 1;
  const rayStart = c.lineOfSightM[0]!;
  const rayEnd = c.lineOfSightM[n]!;
  const distanceKm = Array.from(c.distancesM, (d) => d / 1000);
  return {
    site: site.name,
    technology: `${preset.id} (${preset.name})`,
    model: analysis.budgetModel,
    distanceKm: round(analysis.distanceM / 1000, 3),
    bearingDeg: round(bearingDeg, 1),
    propagation,
    budget: analysis.budget,
    siteAntennaGainDbi: round(analysis.siteAntennaGainDbi, 2),
    clearance: {
      obstructed: c.obstructed,
      fresnel60Clear: c.fresnel60Clear,
      minClearanceRatio: round(c.minClearanceRatio, 3),
      minClearanceDistanceKm: round(c.minClearanceDistanceM / 1000, 3),
    },
    chart: {
      distanceKm: thin(distanceKm, 400, 3),
      groundM: thin(c.terrainWithBulgeM, 400, 1),
      rayM: [round(rayStart, 1), round(rayEnd, 1)],
      fresnelM: thin(c.fresnelRadiusM, 400, 1),
    },
    warnings: [...analysis.warnings],
  };
}
