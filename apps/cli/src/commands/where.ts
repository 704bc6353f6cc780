/**
 * @module commands/where
 * `tongilnet where --at LAT,LON`: which side of the divide a point is on — `north`, `south`, `dmz`,
 * `sea` or `abroad` — from the OSM-derived land polygons, the MDL derived from them and the NLL in
 * the data directory (`borders/nll.geojson`; `--nll FILE` for another line). With `--json` it adds the
 * land polygon, the sea side, the geodesic distance to the MDL and the nearest GeoNames place.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  GEONAMES_PLACES_SOURCE,
  findDataDir,
  loadBorders,
  loadPlaces,
  nearestPlace,
} from '@tongilnet/geodata';
import { parseLatLon } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit } from '../output.ts';

interface WhereOptions {
  at: string;
  nll?: string;
  data?: string;
  json?: boolean;
}

const NLL_IN_DATA = join('borders', 'nll.geojson');

/** The NLL file: `--nll`, else borders/nll.geojson in the data directory. */
function nllPath(options: WhereOptions): string {
  if (options.nll) {
    const path = resolve(options.nll);
    if (!existsSync(path)) throw new UserError(`--nll: ${path} does not exist`);
    return path;
  }
  const choice = findDataDir(options.data);
  if (!choice.dir) {
    throw new UserError(
      `no data directory with ${NLL_IN_DATA} (looked in ${choice.tried.join(', ')}); ` +
        'pass --data DIR or --nll FILE, or set TONGILNET_DATA',
    );
  }
  const path = join(choice.dir, NLL_IN_DATA);
  if (!existsSync(path)) {
    throw new UserError(`no ${NLL_IN_DATA} in ${choice.dir} (via ${choice.via}); pass --nll FILE`);
  }
  return path;
}

export function register(program: Command): void {
  program
    .command('where')
    .description('which side of the divide a point is on: north, south, dmz, sea or abroad')
    .requiredOption('--at <LAT,LON>', 'the point, decimal degrees (WGS 84)')
    .option('--nll <file>', 'Northern Limit Line GeoJSON (default: <data>/borders/nll.geojson)')
    .option('--data <dir>', 'data directory (default: TONGILNET_DATA or ../shared/data)')
    .option(
      '--json',
      'machine-readable output, with distance to the MDL, sea side and nearest place',
    )
    .addHelpText(
      'after',
      '\ndmz: land within 2 km of the Military Demarcation Line (derived from OSM land polygons).\n' +
        'sea: no land; --json says which side of the sea boundary (the NLL in the west).\n' +
        'abroad: Chinese, Russian or Japanese land.',
    )
    .action(async (options: WhereOptions) => {
      const at = parseLatLon(options.at, '--at');
      const nll = nllPath(options);
      const borders = await loadBorders({ nll });
      const report = borders.locate(at.lat, at.lon);
      const nearest = options.json
        ? nearestPlace(loadPlaces({ countries: ['KP', 'KR'] }), at.lat, at.lon)
        : null;
      emit(
        options,
        {
          ...report,
          nearestPlace:
            nearest === null
              ? null
              : {
                  name: nearest.place.name,
                  country: nearest.place.country,
                  province: nearest.place.province?.en ?? null,
                  provinceKo: nearest.place.province?.ko ?? null,
                  population: nearest.place.population,
                  lat: nearest.place.lat,
                  lon: nearest.place.lon,
                  distanceKm: nearest.distanceKm,
                },
          sources: {
            land: '© OpenStreetMap contributors (ODbL), via @geo-maps/countries-land-100m',
            mdl: `derived from the land polygons (${borders.mdl.lengthKm.toFixed(1)} km)`,
            nll,
            places: GEONAMES_PLACES_SOURCE.label,
          },
        },
        (r) => r.side,
      );
    });
}
