/**
 * `tongilnet plan` end to end on the demo terrain (../shared/data/terrain, 0.02°): the DMZ example
 * with a small radius so the run stays short, outputs read back by GDAL, and bad plans refused
 * with one clear line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tongilnet-plan-'));

interface Summary {
  plan: string;
  mode: string;
  grid: { width: number; height: number; resolutionArcSec: number };
  population: { id: string; kind: string; note: string } | null;
  layers: { id: string; areaKm2: number; northAreaKm2: number; people: { total: number } | null }[];
  sites: {
    name: string;
    farthestNorth: { depthKm: number | null } | null;
    uplinkLimitedShare: number;
  }[];
  bands: { technology: string }[];
}

describe('tongilnet plan', () => {
  it('runs examples/dmz.yaml on the demo terrain and writes every output', async () => {
    const out = join(dir, 'dmz');
    const run = await runCli([
      'plan',
      join(examples, 'dmz.yaml'),
      '--out',
      out,
      '--radius',
      '30',
      '--resolution',
      '144',
      '--json',
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.plan).toMatch(/DMZ/);
    expect(summary.grid.resolutionArcSec).toBe(144);
    const twoWay = summary.layers.find((l) => l.id === 'two-way')!;
    expect(twoWay.northAreaKm2).toBeGreaterThan(100);
    expect(twoWay.areaKm2).toBeGreaterThan(twoWay.northAreaKm2);
    expect(summary.population?.id).toBe('geonames-places');
    expect(summary.population?.note).toMatch(/only named places/);
    // Kaesong (~190–340 k people) is 10–15 km from Dorasan and Gamaksan's view.
    const downlink = summary.layers.find((l) => l.id === 'downlink')!;
    expect(downlink.people?.total).toBeGreaterThan(100_000);
    expect(summary.sites.some((s) => (s.farthestNorth?.depthKm ?? 0) > 5)).toBe(true);
    // The handset's 23 dBm decides somewhere: the output says where the uplink limits.
    expect(summary.sites.some((s) => s.uplinkLimitedShare > 0)).toBe(true);
    for (const f of [
      'summary.json',
      'plan.json',
      'downlink-dbm.tif',
      'two-way.png',
      'coverage.kmz',
      'coverage.kml',
      'contours.geojson',
      'sites/gamaksan-loss-db.tif',
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const info = JSON.parse(
      execFileSync('gdalinfo', ['-json', join(out, 'downlink-dbm.tif')], { encoding: 'utf8' }),
    ) as { size: number[]; bands: { noDataValue: number }[] };
    expect(info.size).toEqual([summary.grid.width, summary.grid.height]);
    expect(info.bands[0]!.noDataValue).toBe(-9999);
    const contours = JSON.parse(readFileSync(join(out, 'contours.geojson'), 'utf8')) as {
      features: unknown[];
    };
    expect(contours.features.length).toBeGreaterThan(0);
  });

  it('prints a human summary with the uplink made visible', async () => {
    const run = await runCli([
      'plan',
      join(examples, 'dmz.yaml'),
      '--out',
      join(dir, 'text'),
      '--radius',
      '20',
      '--resolution',
      '144',
      '--no-people',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Two-way service/);
    expect(run.stdout).toMatch(/Gamaksan/);
    expect(run.stdout).toMatch(/uplink-limited in \d+ %/);
  });

  it('refuses a bad plan with one line naming the field, the value and the line', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      [
        'name: bad',
        'technology: lte-b8',
        'sites:',
        '  - name: A',
        '    lat: 37.9',
        '    lon: 126.9',
        '    heightM: -5',
        '    powerDbm: 43',
        '',
      ].join('\n'),
    );
    const run = await runCli(['plan', bad, '--out', join(dir, 'bad')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'tongilnet: bad.yaml: invalid plan: sites[0].heightM: -5 is below 0 (line 7)',
    );
  });

  it('names unknown technologies and cell ranges', async () => {
    const bad = join(dir, 'tech.yaml');
    writeFileSync(
      bad,
      [
        'name: t',
        'technology: lte-b99',
        'cellRange: prach-format-9',
        'sites: [{ name: A, lat: 37.9, lon: 126.9, heightM: 30, powerW: 20 }]',
        '',
      ].join('\n'),
    );
    const run = await runCli(['plan', bad, '--out', join(dir, 'tech')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /technology: "lte-b99" is not a known technology preset \(known: gsm900, /,
    );
    const range = join(dir, 'range.yaml');
    writeFileSync(
      range,
      [
        'name: t',
        'technology: lte-b8',
        'cellRange: prach-format-9',
        'sites: [{ name: A, lat: 37.9, lon: 126.9, heightM: 30, powerW: 20 }]',
        '',
      ].join('\n'),
    );
    const run2 = await runCli(['plan', range, '--out', join(dir, 'range')]);
    expect(run2.stderr).toMatch(
      /cellRange: "prach-format-9" is not a cell range of lte-b8 \(known: .*prach-format-3/,
    );
  });

  it('rejects a missing file, a bad mode and a bad radius as usage errors', async () => {
    const missing = await runCli(['plan', join(dir, 'nope.yaml'), '--out', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.yaml: no such plan file/);
    const mode = await runCli([
      'plan',
      join(examples, 'dmz.yaml'),
      '--out',
      dir,
      '--mode',
      'quick',
    ]);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toMatch(/--mode: "quick" is not fast or reference/);
    const radius = await runCli([
      'plan',
      join(examples, 'dmz.yaml'),
      '--out',
      dir,
      '--radius',
      '-3',
    ]);
    expect(radius.code).toBe(2);
    expect(radius.stderr).toMatch(/--radius: -3 km is outside/);
  });
});
