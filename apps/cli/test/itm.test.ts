import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDataDir } from '@tongilnet/geodata';
import { itmAreaTls, itmP2pCr, itmP2pTls } from '@tongilnet/radio';
import { runCli } from './run-cli.ts';

const data = findDataDir().dir;
const oracle = data ? join(data, 'itm/itm-oracle-public.json') : '';
const hasOracle = oracle !== '' && existsSync(oracle);
const scratch = mkdtempSync(join(tmpdir(), 'tongilnet-cli-itm-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const PFL = [6, 100, 120, 135, 180, 160, 140, 110, 100];

describe.skipIf(!hasOracle)('tongilnet itm --oracle (shared oracle)', () => {
  it('runs all 299 rows with no mismatch and exit 0', async () => {
    const run = await runCli(['itm', '--oracle', oracle]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('rows: 299 (');
    expect(run.stdout).toContain('mismatches: 0 ');
    expect(run.stdout).toMatch(/largest \|ΔA__db\|: [0-9.e+-]+ dB \(row \d+ /);
  });

  it('reports the same as JSON', async () => {
    const run = await runCli(['itm', '--oracle', oracle, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report.rows).toBe(299);
    expect(report.mismatchCount).toBe(0);
    expect(report.mismatches).toEqual([]);
    expect(report.maxAbsDeltaA__db).toBeLessThanOrEqual(1e-6);
    expect(report.byFunction).toEqual({
      ITM_P2P_TLS: 157,
      ITM_AREA_TLS: 34,
      ITM_P2P_CR: 32,
      ITM_AREA_CR: 76,
    });
  });
});

describe('tongilnet itm --oracle (own file)', () => {
  // Outputs computed by the library, then two rows tampered with.
  const base = {
    h_tx__meter: 30,
    h_rx__meter: 1.5,
    climate: 5,
    N_0: 301,
    f__mhz: 900,
    pol: 1,
    epsilon: 15,
    sigma: 0.005,
    mdvar: 12,
  };
  const p2pInput = { ...base, pfl: PFL, time: 50, location: 50, situation: 50 };
  const areaInput = {
    ...base,
    mdvar: 3,
    tx_site_criteria: 0,
    rx_site_criteria: 0,
    d__km: 40,
    delta_h__meter: 90,
    time: 50,
    location: 90,
    situation: 50,
  };
  const p2p = itmP2pTls(p2pInput);
  const area = itmAreaTls(areaInput);
  const rows = [
    { input: { id: 'good', function: 'ITM_P2P_TLS', ...p2pInput }, output: { ...p2p } },
    {
      input: { id: 'loss_off', function: 'ITM_AREA_TLS', ...areaInput },
      output: { ...area, A__db: area.A__db + 0.01 },
    },
    {
      input: { id: 'mode_off', function: 'ITM_AREA_TLS', ...areaInput },
      output: { ...area, propmode_v2: 99 },
    },
  ];
  const file = join(scratch, 'tampered.json');
  writeFileSync(file, JSON.stringify(rows));

  it('lists each mismatch with row index and id and exits 1', async () => {
    const run = await runCli(['itm', '--oracle', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('rows: 3 (1 ITM_P2P_TLS, 2 ITM_AREA_TLS)');
    expect(run.stdout).toContain('mismatches: 2 ');
    expect(run.stdout).toMatch(/row 1 loss_off: A__db [0-9.]+ vs [0-9.]+ \(Δ 0\.0100\)/);
    expect(run.stdout).toContain(`row 2 mode_off: propmode_v2 ${area.propmode_v2} vs 99`);
    expect(run.stdout).toMatch(/largest \|ΔA__db\|: 0\.0100 dB \(row 1 loss_off\)/);
  });

  it('says clearly when the file is missing or malformed', async () => {
    const missing = await runCli(['itm', '--oracle', join(scratch, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`tongilnet: ${join(scratch, 'nope.json')} does not exist\n`);
    const bad = join(scratch, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ input: { function: 'ITM_FOO' }, output: {} }]));
    const run = await runCli(['itm', '--oracle', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/row 0 input\.function = "ITM_FOO" is not one of ITM_P2P_TLS/);
  });
});

describe('tongilnet itm p2p / area', () => {
  it('p2p --pfl --json gives exactly the library result', async () => {
    const run = await runCli([
      'itm',
      'p2p',
      '--h-tx',
      '30',
      '--h-rx',
      '1.5',
      '--f',
      '900',
      '--pfl',
      PFL.join(','),
      '--time',
      '90',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    const expected = itmP2pTls({
      h_tx__meter: 30,
      h_rx__meter: 1.5,
      pfl: PFL,
      climate: 5,
      N_0: 301,
      f__mhz: 900,
      pol: 1,
      epsilon: 15,
      sigma: 0.005,
      mdvar: 12,
      time: 90,
      location: 50,
      situation: 50,
    });
    expect(out.A__db).toBe(expected.A__db);
    expect(out.propmode_v2).toBe(expected.propmode_v2);
    expect(out.h_e__meter).toEqual(expected.h_e__meter);
  });

  it('p2p reads a profile file and the CR variant', async () => {
    const file = join(scratch, 'profile.json');
    writeFileSync(file, JSON.stringify({ pfl: PFL }));
    const args = ['itm', 'p2p', '--h-tx', '30', '--h-rx', '1.5', '--f', '450', '--pol', 'h'];
    const run = await runCli([
      ...args,
      '--profile',
      file,
      '--confidence',
      '80',
      '--reliability',
      '95',
    ]);
    expect(run.code).toBe(0);
    const expected = itmP2pCr({
      h_tx__meter: 30,
      h_rx__meter: 1.5,
      pfl: PFL,
      climate: 5,
      N_0: 301,
      f__mhz: 450,
      pol: 0,
      epsilon: 15,
      sigma: 0.005,
      mdvar: 12,
      confidence: 80,
      reliability: 95,
    });
    expect(run.stdout).toContain(`ITM p2p: A = ${expected.A__db.toFixed(2)} dB`);
  });

  it('area prints the loss and the horizon-aware mode', async () => {
    const run = await runCli(
      ['itm', 'area', '--h-tx', '30', '--h-rx', '1.5', '--d', '80', '--f', '900'].concat([
        '--tx-site',
        'careful',
      ]),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ITM area: A = \d+\.\d\d dB basic transmission loss\n/);
    expect(run.stdout).toMatch(/mode: (diffraction|troposcatter) (single|double) horizon/);
  });

  it('rejects bad values with one line naming the option and range, exit 2', async () => {
    const area = ['itm', 'area', '--h-tx', '30', '--h-rx', '1.5', '--d', '10'];
    const f = await runCli([...area, '--f', '90000']);
    expect(f.code).toBe(2);
    expect(f.stderr).toBe(
      'tongilnet: --f: 90000 MHz is outside 20..20000 MHz (ITM ERROR__FREQUENCY, 1009)\n',
    );
    const pol = await runCli([...area, '--f', '900', '--pol', 'circular']);
    expect(pol.code).toBe(2);
    expect(pol.stderr).toMatch(/^tongilnet: --pol: "circular" is not one of horizontal, vertical/);
    const conf = await runCli([...area, '--f', '900', '--confidence', '100']);
    expect(conf.stderr).toBe(
      'tongilnet: --confidence: 100 % is not strictly between 0 and 100 ' +
        '(ITM ERROR__INVALID_CONFIDENCE, 1006)\n',
    );
    const pfl = await runCli(
      ['itm', 'p2p', '--h-tx', '30', '--h-rx', '2', '--f', '900'].concat(['--pfl', '3,100,1,2']),
    );
    expect(pfl.code).toBe(2);
    expect(pfl.stderr).toBe(
      'tongilnet: --pfl: 3 intervals need 6 values (intervals, spacing, 4 elevations), got 4\n',
    );
    const both = await runCli(['itm', 'p2p', '--h-tx', '30', '--h-rx', '2', '--f', '900']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --profile FILE or --pfl/);
  });
});

describe.skipIf(!hasOracle)('tongilnet bench itm', () => {
  it('reports µs per p2p call with its baselines', async () => {
    const run = await runCli(['bench', 'itm', '--json']);
    expect(run.code).toBe(0);
    const [result] = JSON.parse(run.stdout) as Array<{
      bench: string;
      figures: Array<{ name: string; unit: string; value: number; ratio: number }>;
    }>;
    expect(result!.bench).toBe('itm');
    expect(result!.figures.map((f) => f.name)).toEqual(['p2p call', 'p2p call vs floor loop']);
    for (const figure of result!.figures) {
      expect(figure.unit).toBe('µs');
      expect(figure.value).toBeGreaterThan(0);
      expect(figure.ratio).toBeGreaterThan(0);
    }
  });
});
