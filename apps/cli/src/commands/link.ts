/**
 * @module commands/link
 * `tongilnet link`: one site and one handset over real terrain — the path, every model's loss in
 * both directions, and the two-way budget, with the uplink from the phone shown beside the downlink
 * because it usually decides. The budget runs on the exact NTIA ITM by default.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatLatLon, openTerrain, terrainProfile, itmPfl } from '@tongilnet/geodata';
import {
  analyseLink,
  getTechnologyPreset,
  itmP2pTls,
  itmPropModeName,
  itmPropModeV2Name,
  itmReturnCodeName,
  itmWarningNames,
  sectorAntenna,
  TECHNOLOGY_IDS,
  type BudgetModel,
  type DirectionBudget,
  type ItmResult,
  type LinkAnalysis,
  type TechnologyPreset,
} from '@tongilnet/radio';
import { mdvarCode, profileStepFor, type ItmParams, type Variability } from '@tongilnet/coverage';
import { parseBoundedNumber, parseLatLon } from '../args.ts';
import { terrainPath, type DataOptions } from '../data.ts';
import { UserError } from '../errors.ts';
import { emit, fixed, note } from '../output.ts';
import { profileSvg } from '../profile-svg.ts';

const MODELS = ['itm', 'p526', 'hata', 'fspl'] as const;
type ModelChoice = (typeof MODELS)[number];

/** Which of radio's own models stands for each --model choice (itm is fed in as an override). */
const BUDGET_MODEL: Record<Exclude<ModelChoice, 'itm'>, BudgetModel> = {
  p526: 'delta-bullington',
  hata: 'hata',
  fspl: 'free-space',
};

interface LinkOptions extends DataOptions {
  from: string;
  to: string;
  tech: string;
  model: string;
  power?: string;
  azimuth?: string;
  beamwidth?: string;
  gain?: string;
  tilt?: string;
  step?: string;
  climate: string;
  n0: string;
  epsilon: string;
  sigma: string;
  pol: string;
  variability: string;
  time: string;
  location: string;
  situation: string;
  svg?: string;
  json?: boolean;
}

/**
 * ITM settings for the whole path (the standard benchmark job's ground and atmosphere by default):
 * the same record a coverage job carries, so a link and a plan's cell read them alike.
 */
type ItmSettings = ItmParams;

interface ItmDirection {
  frequencyMhz: number;
  result: ItmResult;
}

function parseItmSettings(o: LinkOptions): ItmSettings {
  const pol = o.pol.toLowerCase();
  if (pol !== 'vertical' && pol !== 'horizontal') {
    throw new UserError(`--pol: "${o.pol}" is not vertical or horizontal`, 2);
  }
  if (!Object.hasOwn(mdvarCode, o.variability)) {
    const modes = Object.keys(mdvarCode).join(', ');
    throw new UserError(`--variability: "${o.variability}" is not one of ${modes}`, 2);
  }
  return {
    mdvar: mdvarCode[o.variability as Variability],
    climate: parseBoundedNumber(o.climate, '--climate', 1, 7),
    N_0: parseBoundedNumber(o.n0, '--n0', 250, 400, 'N-units'),
    epsilon: parseBoundedNumber(o.epsilon, '--epsilon', 1, 100),
    sigma: parseBoundedNumber(o.sigma, '--sigma', 1e-5, 100, 'S/m'),
    pol: pol === 'vertical' ? 1 : 0,
    time: parseBoundedNumber(o.time, '--time', 0.1, 99.9, '%'),
    location: parseBoundedNumber(o.location, '--location', 0.1, 99.9, '%'),
    situation: parseBoundedNumber(o.situation, '--situation', 0.1, 99.9, '%'),
  };
}

function presetOrError(id: string): TechnologyPreset {
  if (!(TECHNOLOGY_IDS as readonly string[]).includes(id)) {
    throw new UserError(
      `--tech: unknown technology "${id}" (one of ${TECHNOLOGY_IDS.join(', ')})`,
      2,
    );
  }
  return getTechnologyPreset(id);
}

function runItm(
  pfl: Float64Array,
  siteHeightM: number,
  handsetHeightM: number,
  frequencyMhz: number,
  s: ItmSettings,
): ItmDirection {
  const result = itmP2pTls({
    h_tx__meter: siteHeightM,
    h_rx__meter: handsetHeightM,
    pfl,
    climate: s.climate,
    N_0: s.N_0,
    f__mhz: frequencyMhz,
    pol: s.pol,
    epsilon: s.epsilon,
    sigma: s.sigma,
    mdvar: s.mdvar,
    time: s.time,
    location: s.location,
    situation: s.situation,
  });
  if (result.rtn >= 1000) {
    throw new UserError(
      `ITM refused the path at ${frequencyMhz} MHz: ${itmReturnCodeName(result.rtn)} (${result.rtn})`,
    );
  }
  return { frequencyMhz, result };
}

function describeItm(d: ItmDirection): string {
  const r = d.result;
  const warnings = itmWarningNames(r.warnings);
  return (
    `${fixed(r.A__db)} dB (${itmPropModeV2Name(r.propmode_v2)}; v1.4 mode ${itmPropModeName(r.propmode)}` +
    `${warnings.length ? `; warnings: ${warnings.join(', ')}` : ''})`
  );
}

function describeDirection(name: string, b: DirectionBudget): string {
  return (
    `${name.padEnd(9)} EIRP ${fixed(b.eirpDbm, 1)} dBm − loss ${fixed(b.pathLossDb, 1)} dB → ` +
    `${b.metric} ${fixed(b.levelDbm, 1)} dBm vs ${fixed(b.thresholdDbm, 1)} dBm: margin ${fixed(b.marginDb, 1)} dB`
  );
}

function render(report: LinkReport): string {
  const a = report.analysis;
  const p = a.profile;
  const km = (m: number) => fixed(m / 1000, 2);
  const dl = a.losses.downlink;
  const ul = a.losses.uplink;
  const b = a.budget;
  const lines = [
    `link ${formatLatLon(report.from.lat, report.from.lon)} (${report.from.heightM} m) → ` +
      `${formatLatLon(report.to.lat, report.to.lon)} (${report.to.heightM} m), ${report.technology}`,
    `path ${km(a.distanceM)} km, bearing ${fixed(report.bearingDeg, 1)}°, ${p.samples} samples every ` +
      `${fixed(p.meanSpacingM, 1)} m; terrain ${fixed(p.minElevationM, 0)}–${fixed(p.maxElevationM, 0)} m ` +
      `(highest at ${km(p.maxElevationDistanceM)} km), Δh ${fixed(p.deltaHM, 0)} m`,
    `antennas ${fixed(p.txAntennaAmslM, 0)} m and ${fixed(p.rxAntennaAmslM, 0)} m above sea level; ` +
      `site antenna ${fixed(a.siteAntennaGainDbi, 1)} dBi toward the handset`,
    `line of sight ${a.clearance.obstructed ? 'OBSTRUCTED' : 'clear'}; least clearance ` +
      `${fixed(a.clearance.minClearanceM, 1)} m = ${fixed(a.clearance.minClearanceRatio, 2)} F1 at ` +
      `${km(a.clearance.minClearanceDistanceM)} km; 0.6 F1 ${a.clearance.fresnel60Clear ? 'clear' : 'not clear'}`,
    `losses               downlink ${fixed(dl.frequencyMhz, 1)} MHz   uplink ${fixed(ul.frequencyMhz, 1)} MHz`,
    `  ITM (NTIA v1.4)    ${describeItm(report.itm.downlink)}  |  ${fixed(report.itm.uplink.result.A__db)} dB`,
    `  delta-Bullington   ${fixed(dl.deltaBullington.totalDb)} dB  |  ${fixed(ul.deltaBullington.totalDb)} dB`,
    `  Deygout            ${fixed(dl.deygout.totalDb)} dB  |  ${fixed(ul.deygout.totalDb)} dB`,
    `  knife edge         ${fixed(dl.knifeEdge.totalDb)} dB (ν ${fixed(dl.knifeEdge.nu, 2)})  |  ${fixed(ul.knifeEdge.totalDb)} dB`,
    `  ${dl.hata.model.padEnd(18)} ${fixed(dl.hata.totalDb)} dB  |  ${fixed(ul.hata.totalDb)} dB`,
    `  free space         ${fixed(dl.freeSpaceDb)} dB  |  ${fixed(ul.freeSpaceDb)} dB`,
    `budget on ${a.budgetModel}:`,
    `  ${describeDirection('downlink', b.downlink)}`,
    `  ${describeDirection('uplink', b.uplink)}`,
    `  range    ${km(b.range.distanceM)} km of ${km(b.range.maxRangeM)} km (${b.range.option}): ` +
      `${b.range.within ? 'within' : 'BEYOND'} the limit`,
    `two-way service: ${b.twoWay ? 'YES' : 'NO'}` +
      (b.limitingDirection ? `, limited by the ${b.limitingDirection}` : '') +
      ` (uplink − downlink margin ${fixed(b.imbalanceDb, 1)} dB)`,
  ];
  for (const w of a.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

interface LinkReport {
  from: { lat: number; lon: number; heightM: number };
  to: { lat: number; lon: number; heightM: number };
  technology: string;
  model: ModelChoice;
  bearingDeg: number;
  terrain: string;
  itm: { downlink: ItmDirection; uplink: ItmDirection };
  analysis: LinkAnalysis;
}

export function register(program: Command): void {
  program
    .command('link')
    .description('path, losses per model and downlink/uplink budget between a site and a handset')
    .requiredOption(
      '--from <LAT,LON[,H]>',
      'the site; H = antenna height above ground, m (default 30)',
    )
    .requiredOption('--to <LAT,LON[,H]>', 'the handset; H = height above ground, m (default 1.5)')
    .option('--tech <id>', `technology preset: ${TECHNOLOGY_IDS.join(', ')}`, 'lte-b8')
    .option('--model <name>', `model the budget uses: ${MODELS.join(', ')}`, 'itm')
    .option('--power <dBm>', "site transmit power, dBm (default: the preset's)")
    .option('--azimuth <deg>', 'sector antenna boresight, degrees from north (default: omni)')
    .option('--beamwidth <deg>', 'sector horizontal half-power beamwidth, degrees', '65')
    .option('--gain <dBi>', 'site antenna gain, dBi (sector default 17, omni 0)')
    .option('--tilt <deg>', 'sector electrical downtilt, degrees', '0')
    .option('--step <m>', 'profile spacing, metres (default: one terrain post, as plans use)')
    .option('--climate <1-7>', 'ITM radio climate (5 = continental temperate)', '5')
    .option('--n0 <N>', 'ITM surface refractivity, N-units', '301')
    .option('--epsilon <eps>', 'ground relative permittivity', '15')
    .option('--sigma <S/m>', 'ground conductivity, S/m', '0.005')
    .option('--pol <p>', 'polarisation: vertical or horizontal', 'vertical')
    .option(
      '--variability <mode>',
      'ITM mode of variability: single-message, accidental, mobile (a handset on the move, as in plans), broadcast',
      'mobile',
    )
    .option('--time <pct>', 'ITM time percentage', '50')
    .option('--location <pct>', 'ITM location percentage', '50')
    .option('--situation <pct>', 'ITM situation percentage', '50')
    .option('--svg <file>', 'draw the profile with the line of sight and first Fresnel zone')
    .option('--terrain <path>', 'terrain file or directory of tiles (default: <data>/terrain)')
    .option('--data <dir>', 'data directory (default: TONGILNET_DATA or ../shared/data)')
    .option('--json', 'machine-readable output')
    .action(async (o: LinkOptions) => {
      const fromArg = parseLatLon(o.from, '--from', true);
      const toArg = parseLatLon(o.to, '--to', true);
      const from = { lat: fromArg.lat, lon: fromArg.lon, heightM: fromArg.heightM ?? 30 };
      const to = { lat: toArg.lat, lon: toArg.lon, heightM: toArg.heightM ?? 1.5 };
      if (from.heightM < 0.5 || to.heightM < 0.5) {
        throw new UserError(
          'antenna heights must be at least 0.5 m above ground (ITM lower limit)',
          2,
        );
      }
      const model = o.model as ModelChoice;
      if (!MODELS.includes(model)) {
        throw new UserError(`--model: "${o.model}" is not one of ${MODELS.join(', ')}`, 2);
      }
      const preset = presetOrError(o.tech);
      const itmSettings = parseItmSettings(o);
      const powerDbm = o.power ? parseBoundedNumber(o.power, '--power', -30, 90, 'dBm') : undefined;

      const { path, via } = terrainPath(o);
      const mosaic = await openTerrain(path);
      // The same profile spacing and ITM settings as a plan's coverage, so the link to a cell and
      // that cell of the raster agree.
      const stepM = o.step
        ? parseBoundedNumber(o.step, '--step', 1, 10_000, 'm')
        : profileStepFor(mosaic.resolutionArcSec);
      if (from.lat === to.lat && from.lon === to.lon) {
        throw new UserError('--from and --to are the same point', 2);
      }
      const profile = await terrainProfile(mosaic, from, to, stepM);
      const pfl = itmPfl(profile);
      const itm = {
        downlink: runItm(pfl, from.heightM, to.heightM, preset.downlinkMhz, itmSettings),
        uplink: runItm(pfl, from.heightM, to.heightM, preset.uplinkMhz, itmSettings),
      };
      const bearingDeg = (profile.azimuthDeg + 360) % 360;
      const sector = o.azimuth !== undefined;
      const antenna = sector
        ? sectorAntenna({
            maxGainDbi: o.gain ? parseBoundedNumber(o.gain, '--gain', -10, 30, 'dBi') : 17,
            horizontalBeamwidthDeg: parseBoundedNumber(o.beamwidth!, '--beamwidth', 1, 360, '°'),
            frontToBackDb: 25,
            verticalBeamwidthDeg: 10,
            electricalDowntiltDeg: parseBoundedNumber(o.tilt!, '--tilt', -10, 30, '°'),
          })
        : undefined;
      const analysis = analyseLink({
        profile,
        technology: preset,
        site: {
          heightM: from.heightM,
          powerDbm,
          antenna,
          mount: sector
            ? { azimuthDeg: parseBoundedNumber(o.azimuth!, '--azimuth', 0, 360, '°') }
            : undefined,
          bearingDeg,
        },
        handset: { heightM: to.heightM },
        budgetModel: model === 'itm' ? undefined : BUDGET_MODEL[model],
        pathLossOverride:
          model === 'itm'
            ? {
                downlinkDb: itm.downlink.result.A__db,
                uplinkDb: itm.uplink.result.A__db,
                model: 'itm',
              }
            : undefined,
      });
      const report: LinkReport = {
        from,
        to,
        technology: `${preset.id} (${preset.name})`,
        model,
        bearingDeg,
        terrain: `${mosaic.path} (via ${via})`,
        itm,
        analysis,
      };
      if (o.svg) {
        const c = analysis.clearance;
        const n = c.distancesM.length - 1;
        await writeFile(
          o.svg,
          profileSvg({
            title:
              `${preset.id}: ${formatLatLon(from.lat, from.lon)} → ${formatLatLon(to.lat, to.lon)}, ` +
              `${(analysis.distanceM / 1000).toFixed(2)} km, first Fresnel zone at ` +
              `${preset.downlinkMhz} MHz, k = 4/3`,
            distancesM: c.distancesM,
            groundM: c.terrainWithBulgeM,
            seaLevelM: Array.from(c.terrainWithBulgeM, (g, i) => g - profile.elevationsM[i]!),
            ray: { startM: c.lineOfSightM[0]!, endM: c.lineOfSightM[n]!, clear: !c.obstructed },
            fresnelRadiusM: c.fresnelRadiusM,
          }),
        );
        note(`wrote ${o.svg}`);
      }
      if (!o.json) note(`terrain: ${report.terrain}`);
      emit(o, report, render);
    });
}
