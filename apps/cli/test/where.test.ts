import { describe, expect, it } from 'vitest';
import { findDataDir } from '@tongilnet/geodata';
import { runCli } from './run-cli.ts';

const data = findDataDir().dir;

describe.skipIf(!data)('tongilnet where', () => {
  it.each([
    ['37.5665,126.978', 'south'], // Seoul
    ['39.0392,125.7625', 'north'], // Pyongyang
    ['37.956,126.677', 'dmz'], // Panmunjom
    ['37.96,124.67', 'south'], // Baengnyeong-do
    ['37.5,124.5', 'sea'],
  ])('--at %s prints %s', async (at, side) => {
    const run = await runCli(['where', '--at', at]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${side}\n`);
  });

  it('answers --json with the distance to the MDL, the sea side and the nearest place', async () => {
    const dmz = await runCli(['where', '--at', '37.956,126.677', '--json']);
    expect(dmz.code).toBe(0);
    const r = JSON.parse(dmz.stdout) as Record<string, unknown> & {
      nearestPlace: Record<string, unknown>;
      sources: Record<string, string>;
    };
    expect(r).toMatchObject({ lat: 37.956, lon: 126.677, side: 'dmz', seaSide: null });
    expect(r.mdlDistanceKm).toBeLessThan(0.5);
    expect(r.nearestPlace).toMatchObject({
      name: 'Kaesŏng',
      country: 'KP',
      province: 'South Hwanghae',
    });
    expect(r.sources.places).toMatch(/point sources count only named places/);

    const sea = JSON.parse(
      (await runCli(['where', '--at', '38.3,124.3', '--json'])).stdout,
    ) as Record<string, unknown>;
    expect(sea).toMatchObject({ side: 'sea', land: null, seaSide: 'north' });
  });

  it('names a bad coordinate, a point outside the data and a missing data directory', async () => {
    const bad = await runCli(['where', '--at', '37.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('tongilnet: --at: expected LAT,LON in decimal degrees, got "37.5"\n');

    const london = await runCli(['where', '--at', '51.5,-0.1']);
    expect(london.code).toBe(1);
    expect(london.stderr).toBe(
      'tongilnet: 51.5,-0.1 is outside the region the border data covers (32..46N, 119..135E)\n',
    );

    const nowhere = await runCli(['where', '--at', '37.5,127', '--data', '/nonexistent/data']);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toBe(
      'tongilnet: no data directory with borders/nll.geojson (looked in /nonexistent/data); ' +
        'pass --data DIR or --nll FILE, or set TONGILNET_DATA\n',
    );
  });
});
