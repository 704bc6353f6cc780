import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTerrain, itmPfl, requireDataFile, terrainProfile } from '@tongilnet/geodata';
import { profileStepFor } from '@tongilnet/coverage';
import { itmP2pTls } from '@tongilnet/radio';
import { runCli } from './run-cli.ts';

// Odusan unification observatory (south of the Han estuary) toward the Kaesong plain.
const SITE = '37.7725,126.6786,30';
const HANDSET = '37.97,126.55';

describe('tongilnet link', () => {
  it('prints path, losses per model and both margins, naming the limiting direction', async () => {
    const run = await runCli(['link', '--from', SITE, '--to', HANDSET, '--tech', 'lte-b8']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^link 37\.7725,126\.6786 \(30 m\)/);
    for (const label of ['ITM (NTIA v1.4)', 'delta-Bullington', 'Deygout', 'free space']) {
      expect(run.stdout).toContain(label);
    }
    expect(run.stdout).toMatch(/downlink\s+EIRP .* margin -?\d+\.\d dB/);
    expect(run.stdout).toMatch(/uplink\s+EIRP .* margin -?\d+\.\d dB/);
    expect(run.stdout).toMatch(/two-way service: (YES|NO)/);
  });

  it('feeds the exact ITM loss into the budget and keeps two-way consistent with the margins', async () => {
    const run = await runCli([
      'link',
      '--from',
      SITE,
      '--to',
      HANDSET,
      '--tech',
      'gsm900',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as {
      itm: { downlink: { frequencyMhz: number; result: { A__db: number; rtn: number } } };
      analysis: {
        budgetModel: string;
        budget: {
          downlink: { pathLossDb: number; marginDb: number };
          uplink: { marginDb: number };
          range: { within: boolean };
          twoWay: boolean;
        };
      };
    };
    expect(r.analysis.budgetModel).toBe('itm');
    expect(r.analysis.budget.downlink.pathLossDb).toBe(r.itm.downlink.result.A__db);
    const b = r.analysis.budget;
    expect(b.twoWay).toBe(b.downlink.marginDb >= 0 && b.uplink.marginDb >= 0 && b.range.within);

    // The same profile through the library gives the same loss: the command adds nothing of its own.
    const mosaic = await openTerrain(requireDataFile('terrain'));
    const profile = await terrainProfile(
      mosaic,
      { lat: 37.7725, lon: 126.6786 },
      { lat: 37.97, lon: 126.55 },
      profileStepFor(mosaic.resolutionArcSec),
    );
    const direct = itmP2pTls({
      h_tx__meter: 30,
      h_rx__meter: 1.5,
      pfl: itmPfl(profile),
      climate: 5,
      N_0: 301,
      f__mhz: r.itm.downlink.frequencyMhz,
      pol: 1,
      epsilon: 15,
      sigma: 0.005,
      mdvar: 2,
      time: 50,
      location: 50,
      situation: 50,
    });
    expect(r.itm.downlink.result.A__db).toBeCloseTo(direct.A__db, 9);
  });

  it('uses another model for the budget when asked', async () => {
    const run = await runCli([
      'link',
      '--from',
      SITE,
      '--to',
      HANDSET,
      '--model',
      'fspl',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).analysis.budgetModel).toBe('free-space');
  });

  it('draws the profile with the line of sight and the first Fresnel zone', async () => {
    const svg = join(mkdtempSync(join(tmpdir(), 'tongilnet-link-')), 'link.svg');
    const run = await runCli(['link', '--from', SITE, '--to', HANDSET, '--svg', svg]);
    expect(run.code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text.trimEnd().endsWith('</svg>')).toBe(true);
    expect(text).toContain('<title>first Fresnel zone</title>');
    expect(text).toContain('<title>line of sight</title>');
  });

  it('names bad input on one line with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--tech', 'lte-b99'], /--tech: unknown technology "lte-b99" \(one of gsm900/],
      [['--model', 'okumura'], /--model: "okumura" is not one of itm, p526, hata, fspl/],
      [['--time', '100'], /--time: 100 % is outside 0\.1\.\.99\.9 %/],
      [['--pol', 'circular'], /--pol: "circular" is not vertical or horizontal/],
      [['--variability', 'roaming'], /--variability: "roaming" is not one of single-message/],
    ];
    for (const [extra, message] of cases) {
      const run = await runCli(['link', '--from', SITE, '--to', HANDSET, ...extra]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    const far = await runCli(['link', '--from', SITE, '--to', '10,10']);
    expect(far.code).not.toBe(0);
    expect(far.stderr).toMatch(/^tongilnet: -?\d+\.\d+,-?\d+\.\d+ is outside/);
  });
});
