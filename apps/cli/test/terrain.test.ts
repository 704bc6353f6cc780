import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDataDir, geodesicPath, openTerrain } from '@tongilnet/geodata';
import { runCli } from './run-cli.ts';

const data = findDataDir().dir;
const bench = data ? join(data, 'bench-terrain') : '';
const scratch = mkdtempSync(join(tmpdir(), 'tongilnet-cli-terrain-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!data)('tongilnet terrain sample', () => {
  it('prints the elevation from the demo terrain by default', async () => {
    const run = await runCli(['terrain', 'sample', '--at', '38.0167,126.5333']);
    expect(run.stderr).toMatch(/terrain: .*terrain \(via .*; 1 tile, 72″ posts\)/);
    expect(run.code).toBe(0);
    const expected = await (await openTerrain(join(data!, 'terrain'))).elevation(38.0167, 126.5333);
    expect(run.stdout).toBe(`38.0167,126.5333  ${expected.toFixed(1)} m\n`);
  });

  it('reads the bench tiles with --terrain and answers --json', async () => {
    const run = await runCli([
      'terrain',
      'sample',
      '--at',
      '38.3,127.5',
      '--terrain',
      bench,
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    const expected = await (await openTerrain(bench)).elevation(38.3, 127.5);
    expect(result).toEqual({
      lat: 38.3,
      lon: 127.5,
      elevationM: expected,
      tile: 'N38E127',
      file: join(bench, 'N38E127.hgt.gz'),
      resolutionArcSec: 3,
    });
  });

  it('names a bad coordinate, a point outside coverage and a missing terrain path', async () => {
    const bad = await runCli(['terrain', 'sample', '--at', '38.3;127.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'tongilnet: --at: expected LAT,LON in decimal degrees, got "38.3;127.5"\n',
    );

    const outside = await runCli(['terrain', 'sample', '--at', '36.5,127.5', '--terrain', bench]);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toBe(
      `tongilnet: 36.5,127.5 is outside the terrain coverage: ${bench} has 9 tiles covering ` +
        'lat 37..40, lon 126..129\n',
    );

    const missing = await runCli([
      'terrain',
      'sample',
      '--at',
      '38,127',
      '--terrain',
      join(scratch, 'nope'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^tongilnet: --terrain: .*nope does not exist\. Terrain is not bundled/,
    );
    expect(missing.stderr.split('\n')).toHaveLength(2); // one line, no stack
  });
});

describe.skipIf(!data)('tongilnet terrain profile', () => {
  it('lists distances and elevations along the geodesic, as text and --json', async () => {
    const args = [
      'terrain',
      'profile',
      '--from',
      '38.3,127.5',
      '--to',
      '38.6,127.9',
      '--terrain',
      bench,
    ];
    const path = geodesicPath({ lat: 38.3, lon: 127.5 }, { lat: 38.6, lon: 127.9 }, 90);

    const json = await runCli([...args, '--json']);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as {
      nIntervals: number;
      spacingM: number;
      distancesM: number[];
      elevationsM: number[];
      lineOfSight: unknown;
    };
    expect(result.nIntervals).toBe(path.nIntervals);
    expect(result.spacingM).toBeCloseTo(path.spacingM, 9);
    expect(result.distancesM).toHaveLength(path.nIntervals + 1);
    expect(result.elevationsM).toHaveLength(path.nIntervals + 1);
    expect(result.lineOfSight).toBeNull();
    const mosaic = await openTerrain(bench);
    expect(result.elevationsM[0]).toBe(await mosaic.elevation(38.3, 127.5));

    const text = await runCli(args);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toBe('profile 38.3,127.5 → 38.6,127.9');
    expect(lines[1]).toBe(
      `distance ${(path.distanceM / 1000).toFixed(3)} km, azimuth ${path.azimuthDeg.toFixed(2)}°, ` +
        `${path.nIntervals} intervals of ${path.spacingM.toFixed(2)} m`,
    );
    expect(lines[3]).toBe('distance_km\televation_m\tlat\tlon');
    expect(lines).toHaveLength(4 + path.nIntervals + 1);
    expect(lines.at(-1)).toMatch(/^48\.251\t\d+\.\d\t38\.600000\t127\.900000$/);
  });

  it('draws an SVG with km and m axes and reports line of sight for antenna heights', async () => {
    const svg = join(scratch, 'profile.svg');
    const run = await runCli([
      'terrain',
      'profile',
      '--from',
      '38.3,127.5,30',
      '--to',
      '38.35,127.55,1.5',
      '--step',
      '90',
      '--terrain',
      bench,
      '--svg',
      svg,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`wrote ${svg}`);
    expect(run.stdout).toMatch(
      /^line of sight 30 m → 1\.5 m above ground \(k = 4\/3\): (clear|blocked), least clearance -?\d+\.\d m at \d+\.\d{3} km$/m,
    );
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text.trimEnd().endsWith('</svg>')).toBe(true);
    expect(text).toContain('>distance (km)</text>');
    expect(text).toContain('>height (m), sea level curved for k = 4/3</text>');
    expect(text).toMatch(/<polygon points="[\d., ]+"/);
    expect(text).toContain('stroke-dasharray'); // the ray between the antennas
  });

  it('names bad input with one line and exit 2', async () => {
    const same = await runCli(['terrain', 'profile', '--from', '38,127', '--to', '38,127']);
    expect(same.code).toBe(2);
    expect(same.stderr).toBe(
      'tongilnet: --from and --to are the same point; a profile needs two\n',
    );
    const step = await runCli([
      'terrain',
      'profile',
      '--from',
      '38,127',
      '--to',
      '38.1,127',
      '--step',
      '0',
    ]);
    expect(step.code).toBe(2);
    expect(step.stderr).toBe('tongilnet: --step: 0 m is outside 1..100000 m\n');
    const noTo = await runCli(['terrain', 'profile', '--from', '38,127']);
    expect(noTo.code).toBe(2);
    expect(noTo.stderr).toMatch(/required option '--to <LAT,LON\[,H\]>' not specified/);
  });
});
