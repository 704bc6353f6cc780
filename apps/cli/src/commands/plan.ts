/**
 * @module commands/plan
 * `tongilnet plan PLAN.(yaml|json) --out DIR`: runs a coverage plan and writes GeoTIFFs, map PNGs,
 * KML/KMZ overlays, GeoJSON contours and `summary.json`. Terrain: `--terrain`, else the plan's
 * `terrain:`, else the data directory's `terrain/`. The North/South split uses the data directory's
 * `borders/nll.geojson` with geodata's land polygons; people come from GeoNames places unless the
 * plan names a population GeoTIFF. Progress goes to stderr with an ETA; Ctrl-C stops cleanly.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  cellRangeIds,
  loadPlanFile,
  outputGrid,
  placesCounter,
  rasterCounter,
  runCoverage,
  technologyIds,
  writeOutputs,
  type CoverageSummary,
  type EngineMode,
  type PeopleCounter,
  type Plan,
} from '@tongilnet/coverage';
import {
  Mosaic,
  findDataDir,
  loadBorders,
  loadPlaces,
  readPopulationRaster,
  type Borders,
} from '@tongilnet/geodata';
import { parseBoundedNumber } from '../args.ts';
import { terrainPath } from '../data.ts';
import { UserError } from '../errors.ts';
import { emit, fixed, note } from '../output.ts';
import { startProgress } from '../progress.ts';

interface PlanOptions {
  out: string;
  json?: boolean;
  terrain?: string;
  data?: string;
  mode: string;
  workers?: string;
  resolution?: string;
  radius?: string;
  jammers?: string;
  borders: boolean;
  people: boolean;
}

function knownCellRanges(tech: string): readonly string[] | undefined {
  try {
    return cellRangeIds(tech);
  } catch {
    return undefined;
  }
}

/** Terrain: --terrain, else the plan's own, else the data directory's terrain/. */
function chooseTerrain(plan: Plan, options: PlanOptions): { path: string; via: string } {
  if (options.terrain) return terrainPath(options);
  if (plan.terrain) {
    if (!existsSync(plan.terrain)) {
      throw new UserError(`terrain: ${plan.terrain} (from the plan) does not exist`);
    }
    return { path: plan.terrain, via: 'the plan' };
  }
  return terrainPath(options);
}

async function chooseBorders(options: PlanOptions): Promise<Borders | undefined> {
  if (!options.borders) return undefined;
  const choice = findDataDir(options.data);
  const nll = choice.dir ? join(choice.dir, 'borders', 'nll.geojson') : null;
  if (!nll || !existsSync(nll)) {
    note('note: no borders/nll.geojson in the data directory; the North is not counted');
    return undefined;
  }
  return loadBorders({ nll });
}

async function choosePeople(
  plan: Plan,
  options: PlanOptions,
  grid: { south: number; west: number; north: number; east: number },
): Promise<PeopleCounter | undefined> {
  if (!options.people) return undefined;
  if (plan.population.source === 'geotiff' && plan.population.file) {
    const raster = await readPopulationRaster(plan.population.file, { bounds: grid });
    return rasterCounter(raster);
  }
  return placesCounter(loadPlaces({ countries: ['KP'] }));
}

function render(summary: CoverageSummary, files: string[], out: string): string {
  const lines: string[] = [];
  const people = (n: number | undefined) =>
    n === undefined ? '—' : Math.round(n).toLocaleString('en');
  lines.push(
    `${summary.plan}: ${summary.model.toUpperCase()} ${summary.mode} mode, ${summary.grid.width} × ${summary.grid.height} cells at ${summary.grid.resolutionArcSec}″`,
  );
  lines.push(`terrain: ${summary.terrain.path}`);
  if (summary.population) {
    const p = summary.population;
    lines.push(`people: ${p.label}${p.label.includes('only named places') ? '' : ` (${p.note})`}`);
  }
  lines.push('');
  lines.push('layer                      area km²   North km²   people in the North');
  for (const l of summary.layers) {
    lines.push(
      `${l.title.padEnd(24)} ${fixed(l.areaKm2, 0).padStart(10)} ${fixed(l.northAreaKm2, 0).padStart(11)}   ${people(l.people?.total)}`,
    );
  }
  lines.push('');
  lines.push('site              tech     range km  North km²  people   farthest into the North');
  for (const s of summary.sites) {
    const far = s.farthestNorth
      ? `${fixed(s.farthestNorth.distanceKm, 1)} km away, ${s.farthestNorth.depthKm === null ? '?' : fixed(s.farthestNorth.depthKm, 1)} km past the MDL/NLL (${fixed(s.farthestNorth.lat, 3)}, ${fixed(s.farthestNorth.lon, 3)})`
      : '—';
    lines.push(
      `${s.name.padEnd(17)} ${s.technology.padEnd(8)} ${fixed(s.rangeKm, 1).padStart(8)} ${fixed(s.northAreaKm2, 0).padStart(10)}  ${people(s.people?.total).padStart(7)}   ${far}`,
    );
    if (s.uplinkLimitedShare > 0.05) {
      lines.push(
        `${''.padEnd(17)} uplink-limited in ${fixed(100 * s.uplinkLimitedShare, 0)} % of its downlink area`,
      );
    }
  }
  if (summary.bands.length > 1) {
    lines.push('');
    for (const b of summary.bands) {
      lines.push(
        `band ${b.technology}: two-way ${fixed(b.northAreaKm2, 0)} km² in the North, ${people(b.people?.total)} people`,
      );
    }
  }
  lines.push('');
  lines.push(
    `${files.length} files in ${out} (${fixed(summary.timing.seconds, 1)} s, ${summary.timing.cellsPerSecond.toLocaleString('en')} cells/s on ${summary.timing.workers} workers)`,
  );
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('plan')
    .description('run a coverage plan: GeoTIFF, PNG, KML/KMZ, GeoJSON contours and summary.json')
    .argument('<plan>', 'plan file (.yaml or .json); see examples/dmz.yaml')
    .requiredOption('--out <dir>', 'directory to write the outputs to (created if needed)')
    .option('--json', 'print the summary as JSON')
    .option(
      '--terrain <path>',
      'terrain file or directory (default: the plan’s, else <data>/terrain)',
    )
    .option('--data <dir>', 'data directory (default: TONGILNET_DATA or ../shared/data)')
    .option(
      '--mode <mode>',
      'fast (shared geodesics, same answer) or reference (a full profile per cell)',
      'fast',
    )
    .option('--workers <n>', 'worker threads (default: one per core)')
    .option(
      '--resolution <arcsec>',
      'output grid spacing, arc-seconds (default: the plan’s, else the DEM’s)',
    )
    .option(
      '--radius <km>',
      'compute each site and jammer out to this distance, km (default: the plan’s maxDistanceKm)',
    )
    .option('--jammers <file>', 'take the jammers from this file instead of the plan’s')
    .option('--no-borders', 'do not split North and South (no people counted)')
    .option('--no-people', 'do not count people')
    .action(async (file: string, options: PlanOptions) => {
      const mode = options.mode as EngineMode;
      if (mode !== 'fast' && mode !== 'reference') {
        throw new UserError(`--mode: "${options.mode}" is not fast or reference`, 2);
      }
      const workers = options.workers
        ? parseBoundedNumber(options.workers, '--workers', 1, 256)
        : undefined;
      const resolutionArcSec = options.resolution
        ? parseBoundedNumber(options.resolution, '--resolution', 0.1, 3600, 'arc-seconds')
        : undefined;
      const maxDistanceKm = options.radius
        ? parseBoundedNumber(options.radius, '--radius', 0.1, 2000, 'km')
        : undefined;
      const path = resolve(file);
      if (!existsSync(path)) throw new UserError(`${file}: no such plan file`);
      const plan = loadPlanFile(path, {
        technologies: technologyIds,
        cellRanges: knownCellRanges,
        ...(options.jammers ? { jammersFile: resolve(options.jammers) } : {}),
      });
      const terrain = chooseTerrain(plan, options);
      const source = await Mosaic.open(terrain.path, { shared: true });
      const borders = await chooseBorders(options);

      const controller = new AbortController();
      let interrupted = false;
      const onSigint = () => {
        if (interrupted) process.exit(130);
        interrupted = true;
        note('\nstopping (Ctrl-C again to quit at once)…');
        controller.abort('interrupted');
      };
      process.on('SIGINT', onSigint);
      let progress: ReturnType<typeof startProgress> | null = null;
      try {
        const grid = outputGrid(plan, source.resolutionArcSec, {
          ...(resolutionArcSec !== undefined ? { resolutionArcSec } : {}),
          ...(maxDistanceKm !== undefined ? { maxDistanceKm } : {}),
        });
        const people = await choosePeople(plan, options, grid.bounds);
        const result = await runCoverage(plan, {
          terrain: source,
          mode,
          signal: controller.signal,
          ...(workers !== undefined ? { workers } : {}),
          ...(resolutionArcSec !== undefined ? { resolutionArcSec } : {}),
          ...(maxDistanceKm !== undefined ? { maxDistanceKm } : {}),
          ...(borders ? { borders } : {}),
          ...(people ? { people } : {}),
          onProgress: (p) => {
            if (p.phase !== 'loss' || p.total === 0) return;
            progress ??= startProgress(`coverage (${mode})`, p.total);
            progress.update(p.done);
          },
        });
        (progress as ReturnType<typeof startProgress> | null)?.stop();
        const out = resolve(options.out);
        const files = writeOutputs(result, out, { ...(borders ? { borders } : {}) });
        emit(options, result.summary, (s) => render(s, files, out));
      } catch (error) {
        (progress as ReturnType<typeof startProgress> | null)?.stop();
        if (error instanceof Error && error.name === 'AbortError') {
          throw new UserError('cancelled: no outputs written', 130);
        }
        throw error;
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
