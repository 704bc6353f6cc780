/**
 * @module commands/itm
 * `tongilnet itm`: the NTIA Irregular Terrain Model (v1.4 port in @tongilnet/radio).
 *
 * - `itm --oracle FILE` runs every row of a file in the oracle format (see the shared data README)
 *   and reports mismatches against the reference outputs; exit 1 on any mismatch.
 * - `itm p2p` predicts the loss over a terrain profile (`--profile FILE` or `--pfl "n,xi,z0,..."`).
 * - `itm area` predicts the loss from distance and terrain irregularity alone.
 *
 * Parameter ranges are the model's own: a value it rejects is reported as a one-line error naming
 * the option, the value, the accepted range and NTIA's error code.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  createItmResult,
  ERROR__DELTA_H,
  ERROR__EFFECTIVE_EARTH,
  ERROR__EPSILON,
  ERROR__FREQUENCY,
  ERROR__GROUND_IMPEDANCE,
  ERROR__INVALID_CONFIDENCE,
  ERROR__INVALID_LOCATION,
  ERROR__INVALID_RADIO_CLIMATE,
  ERROR__INVALID_RELIABILITY,
  ERROR__INVALID_SITUATION,
  ERROR__INVALID_TIME,
  ERROR__MDVAR,
  ERROR__PATH_DISTANCE,
  ERROR__POLARIZATION,
  ERROR__REFRACTIVITY,
  ERROR__RX_SITING_CRITERIA,
  ERROR__RX_TERMINAL_HEIGHT,
  ERROR__SIGMA,
  ERROR__SURFACE_REFRACTIVITY_LARGE,
  ERROR__SURFACE_REFRACTIVITY_SMALL,
  ERROR__TX_SITING_CRITERIA,
  ERROR__TX_TERMINAL_HEIGHT,
  itmAreaCr,
  itmAreaTls,
  itmP2pCr,
  itmP2pTls,
  itmPropModeName,
  itmPropModeV2Name,
  itmReturnCodeName,
  itmWarningNames,
  type ItmAreaCommonInput,
  type ItmP2pCommonInput,
  type ItmResult,
} from '@tongilnet/radio';
import { UserError } from '../errors.ts';
import { emit, fixed } from '../output.ts';

// ---------------------------------------------------------------------------------------------
// Oracle files

/** The NTIA entry points an oracle row may name. */
export type ItmFunctionName = 'ITM_P2P_TLS' | 'ITM_P2P_CR' | 'ITM_AREA_TLS' | 'ITM_AREA_CR';

/** One row of an oracle file: NTIA's inputs under NTIA's names and the reference outputs. */
export interface OracleRow {
  input: { id?: string; function: ItmFunctionName; [name: string]: unknown };
  output: Record<string, unknown>;
  meta?: Record<string, unknown>;
}

const FUNCTIONS: readonly ItmFunctionName[] = [
  'ITM_P2P_TLS',
  'ITM_P2P_CR',
  'ITM_AREA_TLS',
  'ITM_AREA_CR',
];

/** Reads and checks the shape of an oracle file; errors name the file and the row. */
export function loadOracleFile(path: string): OracleRow[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `${path} does not exist` : `cannot read ${path}: ${String(error)}`,
    );
  }
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path} is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(rows)) {
    throw new UserError(`${path}: expected a JSON array of {input, output} rows`);
  }
  rows.forEach((row: unknown, index) => {
    const r = row as Partial<OracleRow> | null;
    if (!r || typeof r !== 'object' || typeof r.input !== 'object' || r.input === null) {
      throw new UserError(`${path}: row ${index} has no "input" object`);
    }
    if (!FUNCTIONS.includes(r.input.function)) {
      throw new UserError(
        `${path}: row ${index} input.function = ${JSON.stringify(r.input.function)} ` +
          `is not one of ${FUNCTIONS.join(', ')}`,
      );
    }
    if (typeof r.output !== 'object' || r.output === null) {
      throw new UserError(`${path}: row ${index} has no "output" object`);
    }
  });
  return rows as OracleRow[];
}

/** Runs one oracle row through the port's entry point of the same name. */
export function runOracleRow(row: OracleRow, out: ItmResult = createItmResult()): ItmResult {
  const input = row.input as never;
  switch (row.input.function) {
    case 'ITM_P2P_TLS':
      return itmP2pTls(input, out);
    case 'ITM_P2P_CR':
      return itmP2pCr(input, out);
    case 'ITM_AREA_TLS':
      return itmAreaTls(input, out);
    case 'ITM_AREA_CR':
      return itmAreaCr(input, out);
  }
}

const EXACT_FIELDS = ['rtn', 'warnings', 'propmode', 'propmode_v2'] as const;
const CLOSE_FIELDS = [
  'A__db',
  'A_fs__db',
  'A_ref__db',
  'N_s',
  'd__km',
  'delta_h__meter',
  'd_hzn__meter',
  'h_e__meter',
  'theta_hzn',
] as const;

interface FieldMismatch {
  field: string;
  port: number | string | null;
  reference: unknown;
  delta?: number;
}

interface RowMismatch {
  index: number;
  id: string;
  fields: FieldMismatch[];
}

export interface OracleReport {
  file: string;
  rows: number;
  byFunction: Record<string, number>;
  tolerance: number;
  mismatchCount: number;
  mismatches: RowMismatch[];
  /** Largest |port - reference| of A__db over rows where both are numbers, dB. */
  maxAbsDeltaA__db: number;
  maxAbsDeltaA__dbAt: { index: number; id: string } | null;
  /** Largest |port - reference| of any intermediate value. */
  maxAbsDeltaIntermediate: number;
}

const json = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** Compares every row of an oracle file with the port. */
export function checkOracle(path: string, rows: OracleRow[], tolerance: number): OracleReport {
  const report: OracleReport = {
    file: path,
    rows: rows.length,
    byFunction: {},
    tolerance,
    mismatchCount: 0,
    mismatches: [],
    maxAbsDeltaA__db: 0,
    maxAbsDeltaA__dbAt: null,
    maxAbsDeltaIntermediate: 0,
  };
  const out = createItmResult();
  rows.forEach((row, index) => {
    const id = row.input.id ?? String(row.meta?.id ?? index);
    report.byFunction[row.input.function] = (report.byFunction[row.input.function] ?? 0) + 1;
    const fields: FieldMismatch[] = [];
    try {
      runOracleRow(row, out);
    } catch (error) {
      fields.push({ field: 'error', port: (error as Error).message, reference: null });
      report.mismatches.push({ index, id, fields });
      return;
    }
    const ref = row.output;
    for (const field of EXACT_FIELDS) {
      if (ref[field] !== undefined && ref[field] !== out[field]) {
        fields.push({ field, port: out[field], reference: ref[field] });
      }
    }
    for (const field of CLOSE_FIELDS) {
      const expected = ref[field];
      if (expected === undefined) continue;
      const actual = out[field];
      const pairs: Array<[string, number, unknown]> = Array.isArray(actual)
        ? [
            [`${field}[0]`, actual[0], Array.isArray(expected) ? expected[0] : expected],
            [`${field}[1]`, actual[1], Array.isArray(expected) ? expected[1] : expected],
          ]
        : [[field, actual, expected]];
      for (const [name, port, reference] of pairs) {
        if (reference === null) {
          if (!Number.isNaN(port)) fields.push({ field: name, port, reference });
          continue;
        }
        const delta = typeof reference === 'number' ? Math.abs(port - reference) : NaN;
        if (field === 'A__db' && delta > report.maxAbsDeltaA__db) {
          report.maxAbsDeltaA__db = delta;
          report.maxAbsDeltaA__dbAt = { index, id };
        } else if (field !== 'A__db' && delta > report.maxAbsDeltaIntermediate) {
          report.maxAbsDeltaIntermediate = delta;
        }
        if (!(delta <= tolerance)) fields.push({ field: name, port: json(port), reference, delta });
      }
    }
    if (fields.length > 0) report.mismatches.push({ index, id, fields });
  });
  report.mismatchCount = report.mismatches.length;
  return report;
}

function renderOracle(report: OracleReport): string {
  const functions = Object.entries(report.byFunction)
    .map(([name, count]) => `${count} ${name}`)
    .join(', ');
  const lines = [
    `ITM oracle ${report.file}`,
    `rows: ${report.rows} (${functions})`,
    `mismatches: ${report.mismatchCount}` +
      ` (codes, warnings and modes exact; values within ${report.tolerance})`,
  ];
  for (const m of report.mismatches) {
    const what = m.fields
      .map((f) => {
        const delta = f.delta === undefined ? '' : ` (Δ ${f.delta.toPrecision(3)})`;
        return `${f.field} ${String(f.port)} vs ${JSON.stringify(f.reference)}${delta}`;
      })
      .join('; ');
    lines.push(`  row ${m.index} ${m.id}: ${what}`);
  }
  const at = report.maxAbsDeltaA__dbAt;
  lines.push(
    `largest |ΔA__db|: ${report.maxAbsDeltaA__db.toPrecision(3)} dB` +
      (at ? ` (row ${at.index} ${at.id})` : ''),
    `largest |Δ| of an intermediate value: ${report.maxAbsDeltaIntermediate.toPrecision(3)}`,
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Option parsing

function parseFinite(text: string, option: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) {
    throw new UserError(`${option}: "${text}" is not a number`, 2);
  }
  return value;
}

function parseInteger(text: string, option: string): number {
  const value = parseFinite(text, option);
  if (!Number.isInteger(value)) throw new UserError(`${option}: ${value} is not a whole number`, 2);
  return value;
}

function parseChoice(
  text: string,
  option: string,
  choices: Readonly<Record<string, number>>,
): number {
  const key = text.trim().toLowerCase();
  const value = choices[key];
  if (value === undefined) {
    // names first: integer-like keys would otherwise lead (JS orders them first)
    const keys = Object.keys(choices);
    const numeric = (k: string) => /^\d+$/.test(k);
    const names = [...keys.filter((k) => !numeric(k)), ...keys.filter(numeric)];
    throw new UserError(`${option}: "${text}" is not one of ${names.join(', ')}`, 2);
  }
  return value;
}

const POLARIZATIONS = { horizontal: 0, vertical: 1, h: 0, v: 1, '0': 0, '1': 1 };
const SITING = { random: 0, careful: 1, 'very-careful': 2, '0': 0, '1': 1, '2': 2 };
const CLIMATES = {
  equatorial: 1,
  'continental-subtropical': 2,
  'maritime-subtropical': 3,
  desert: 4,
  'continental-temperate': 5,
  'maritime-temperate-land': 6,
  'maritime-temperate-sea': 7,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
};

/** Parses `--pfl "n,spacing,z0,..."` (commas and/or whitespace). */
export function parsePflText(text: string, where: string): number[] {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const values = parts.map((part, i) => {
    const value = Number(part);
    if (!Number.isFinite(value)) {
      throw new UserError(`${where}: value ${i} ("${part}") is not a number`, 2);
    }
    return value;
  });
  return checkPfl(values, where);
}

function checkPfl(values: number[], where: string): number[] {
  if (values.length < 4) {
    throw new UserError(
      `${where}: a profile needs at least 4 values [intervals, spacing_m, z0, z1, ...], got ${values.length}`,
      2,
    );
  }
  const [np, xi] = values as [number, number];
  if (!Number.isInteger(np) || np < 1) {
    throw new UserError(
      `${where}: the first value (intervals) ${np} is not a whole number >= 1`,
      2,
    );
  }
  if (!(xi > 0)) throw new UserError(`${where}: the second value (spacing) ${xi} m is not > 0`, 2);
  if (values.length !== np + 3) {
    throw new UserError(
      `${where}: ${np} intervals need ${np + 3} values (intervals, spacing, ${np + 1} elevations), got ${values.length}`,
      2,
    );
  }
  return values;
}

/**
 * Reads a profile file: a JSON pfl array, a JSON object with a `pfl` array, the output of
 * `tongilnet terrain profile --json` (nIntervals, spacingM, elevationsM), or plain text numbers in
 * pfl order separated by commas or whitespace.
 */
export function readProfileFile(file: string): number[] {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `--profile: ${path} does not exist` : `--profile: ${String(error)}`,
    );
  }
  const where = `--profile ${path}`;
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return parsePflText(text, where);
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    throw new UserError(`${where}: not valid JSON (${(error as Error).message})`, 2);
  }
  const numbers = (array: unknown, what: string): number[] => {
    if (!Array.isArray(array) || !array.every((v) => typeof v === 'number')) {
      throw new UserError(`${where}: ${what} is not an array of numbers`, 2);
    }
    return array as number[];
  };
  if (Array.isArray(value)) return checkPfl(numbers(value, 'the array'), where);
  const record = value as Record<string, unknown>;
  if (record.pfl !== undefined) return checkPfl(numbers(record.pfl, '"pfl"'), where);
  if (record.elevationsM !== undefined && typeof record.spacingM === 'number') {
    const z = numbers(record.elevationsM, '"elevationsM"');
    return checkPfl([z.length - 1, record.spacingM, ...z], where);
  }
  throw new UserError(
    `${where}: expected a pfl array, {"pfl": [...]}, or terrain profile --json output`,
    2,
  );
}

interface ModelOptions {
  hTx: string;
  hRx: string;
  f: string;
  climate: string;
  n0: string;
  pol: string;
  epsilon: string;
  sigma: string;
  mdvar: string;
  time?: string;
  location?: string;
  situation?: string;
  confidence?: string;
  reliability?: string;
  json?: boolean;
}

interface P2pOptions extends ModelOptions {
  profile?: string;
  pfl?: string;
}

interface AreaOptions extends ModelOptions {
  d: string;
  deltaH: string;
  txSite: string;
  rxSite: string;
}

type Variability =
  | { kind: 'tls'; time: number; location: number; situation: number }
  | { kind: 'cr'; confidence: number; reliability: number };

function parseVariability(options: ModelOptions): Variability {
  const cr = options.confidence !== undefined || options.reliability !== undefined;
  const tls =
    options.time !== undefined || options.location !== undefined || options.situation !== undefined;
  if (cr && tls) {
    throw new UserError(
      'give either --time/--location/--situation or --confidence/--reliability, not both',
      2,
    );
  }
  if (cr) {
    return {
      kind: 'cr',
      confidence: parseFinite(options.confidence ?? '50', '--confidence'),
      reliability: parseFinite(options.reliability ?? '50', '--reliability'),
    };
  }
  return {
    kind: 'tls',
    time: parseFinite(options.time ?? '50', '--time'),
    location: parseFinite(options.location ?? '50', '--location'),
    situation: parseFinite(options.situation ?? '50', '--situation'),
  };
}

function parseCommon(options: ModelOptions): Omit<ItmAreaCommonInput, AreaOnly> {
  return {
    h_tx__meter: parseFinite(options.hTx, '--h-tx'),
    h_rx__meter: parseFinite(options.hRx, '--h-rx'),
    climate: parseChoice(options.climate, '--climate', CLIMATES),
    N_0: parseFinite(options.n0, '--n0'),
    f__mhz: parseFinite(options.f, '--f'),
    pol: parseChoice(options.pol, '--pol', POLARIZATIONS),
    epsilon: parseFinite(options.epsilon, '--epsilon'),
    sigma: parseFinite(options.sigma, '--sigma'),
    mdvar: parseInteger(options.mdvar, '--mdvar'),
  };
}

type AreaOnly = 'tx_site_criteria' | 'rx_site_criteria' | 'd__km' | 'delta_h__meter';

/** The model's error code as a one-line message naming the option and its accepted range. */
export function describeItmError(
  rtn: number,
  input: Record<string, unknown>,
  variability: Variability,
): string {
  const v = (name: string) => String(input[name]);
  const because = `(ITM ${itmReturnCodeName(rtn)}, ${rtn})`;
  const range: Record<number, string> = {
    [ERROR__TX_TERMINAL_HEIGHT]: `--h-tx: ${v('h_tx__meter')} m is outside 0.5..3000 m`,
    [ERROR__RX_TERMINAL_HEIGHT]: `--h-rx: ${v('h_rx__meter')} m is outside 0.5..3000 m`,
    [ERROR__INVALID_RADIO_CLIMATE]: `--climate: ${v('climate')} is not a radio climate 1..7`,
    [ERROR__REFRACTIVITY]: `--n0: ${v('N_0')} N-units is outside 250..400`,
    [ERROR__FREQUENCY]: `--f: ${v('f__mhz')} MHz is outside 20..20000 MHz`,
    [ERROR__POLARIZATION]: `--pol: ${v('pol')} is neither horizontal (0) nor vertical (1)`,
    [ERROR__EPSILON]: `--epsilon: ${v('epsilon')} is below 1`,
    [ERROR__SIGMA]: `--sigma: ${v('sigma')} S/m is not above 0`,
    [ERROR__MDVAR]: `--mdvar: ${v('mdvar')} is not in 0..3, 10..13, 20..23 or 30..33`,
    [ERROR__INVALID_SITUATION]: `--situation: ${v('situation')} % is not strictly between 0 and 100`,
    [ERROR__INVALID_TIME]: `--time: ${v('time')} % is not strictly between 0 and 100`,
    [ERROR__INVALID_LOCATION]: `--location: ${v('location')} % is not strictly between 0 and 100`,
    [ERROR__INVALID_CONFIDENCE]:
      variability.kind === 'cr'
        ? `--confidence: ${variability.confidence} % is not strictly between 0 and 100`
        : 'invalid confidence',
    [ERROR__INVALID_RELIABILITY]:
      variability.kind === 'cr'
        ? `--reliability: ${variability.reliability} % is not strictly between 0 and 100`
        : 'invalid reliability',
    [ERROR__PATH_DISTANCE]: `--d: ${v('d__km')} km is not above 0`,
    [ERROR__DELTA_H]: `--delta-h: ${v('delta_h__meter')} m is below 0`,
    [ERROR__TX_SITING_CRITERIA]: `--tx-site: ${v('tx_site_criteria')} is not 0, 1 or 2`,
    [ERROR__RX_SITING_CRITERIA]: `--rx-site: ${v('rx_site_criteria')} is not 0, 1 or 2`,
    [ERROR__GROUND_IMPEDANCE]:
      `--epsilon ${v('epsilon')} with --sigma ${v('sigma')} S/m at --f ${v('f__mhz')} MHz gives a ` +
      'ground impedance whose imaginary part is not below its real part',
    [ERROR__EFFECTIVE_EARTH]:
      `the effective earth radius from --n0 ${v('N_0')} and the path's mean height is ` +
      'outside 4000..13333 km',
    [ERROR__SURFACE_REFRACTIVITY_SMALL]: `the surface refractivity from --n0 ${v('N_0')} at the path's mean height is below 150 N-units`,
    [ERROR__SURFACE_REFRACTIVITY_LARGE]: `the surface refractivity from --n0 ${v('N_0')} at the path's mean height is above 400 N-units`,
  };
  return `${range[rtn] ?? 'the model rejected the inputs'} ${because}`;
}

// ---------------------------------------------------------------------------------------------
// Output

function describeResult(mode: 'p2p' | 'area', inputs: Record<string, unknown>, r: ItmResult) {
  return {
    mode,
    inputs,
    rtn: r.rtn,
    rtn_name: itmReturnCodeName(r.rtn),
    A__db: r.A__db,
    warnings: r.warnings,
    warning_names: itmWarningNames(r.warnings),
    propmode: r.propmode,
    propmode_name: itmPropModeName(r.propmode),
    propmode_v2: r.propmode_v2,
    propmode_v2_name: itmPropModeV2Name(r.propmode_v2),
    A_fs__db: r.A_fs__db,
    A_ref__db: r.A_ref__db,
    N_s: r.N_s,
    d__km: r.d__km,
    delta_h__meter: r.delta_h__meter,
    d_hzn__meter: [...r.d_hzn__meter],
    h_e__meter: [...r.h_e__meter],
    theta_hzn: [...r.theta_hzn],
  };
}

type Described = ReturnType<typeof describeResult>;

function renderResult(d: Described): string {
  const pair = (p: number[], digits: number, scale = 1) =>
    `${fixed(p[0]! * scale, digits)} / ${fixed(p[1]! * scale, digits)}`;
  const mode = d.propmode_v2_name.toLowerCase().replace(/_/g, ' ');
  return [
    `ITM ${d.mode}: A = ${fixed(d.A__db, 2)} dB basic transmission loss`,
    `  free space ${fixed(d.A_fs__db, 2)} dB, reference attenuation ${fixed(d.A_ref__db, 2)} dB`,
    `  mode: ${mode} (v1.4: ${d.propmode_name.toLowerCase().replace(/_/g, ' ')})`,
    `  warnings: ${d.warning_names.length ? d.warning_names.join(', ') : 'none'} (rtn ${d.rtn} ${d.rtn_name})`,
    `  path ${fixed(d.d__km, 3)} km, delta_h ${fixed(d.delta_h__meter, 1)} m, N_s ${fixed(d.N_s, 1)} N-units`,
    `  tx/rx: effective height ${pair(d.h_e__meter, 2)} m, horizon ${pair(d.d_hzn__meter, 3, 1e-3)} km, ` +
      `horizon angle ${pair(d.theta_hzn, 3, 1e3)} mrad`,
  ].join('\n');
}

function finish(
  mode: 'p2p' | 'area',
  input: Record<string, unknown>,
  variability: Variability,
  result: ItmResult,
  options: { json?: boolean },
): void {
  if (result.rtn >= 1000) throw new UserError(describeItmError(result.rtn, input, variability), 2);
  const { pfl, ...echo } = input;
  const inputs = pfl === undefined ? echo : { ...echo, pfl_points: (pfl as number[]).length - 2 };
  emit(options, describeResult(mode, inputs, result), renderResult);
}

// ---------------------------------------------------------------------------------------------
// Commands

function addModelOptions(command: Command): Command {
  return command
    .requiredOption('--h-tx <m>', 'transmitter antenna height above ground, m')
    .requiredOption('--h-rx <m>', 'receiver antenna height above ground, m')
    .requiredOption('--f <MHz>', 'frequency, MHz')
    .option('--climate <n>', 'radio climate 1..7 or its name (5 = continental-temperate)', '5')
    .option('--n0 <N>', 'surface refractivity at sea level, N-units', '301')
    .option('--pol <p>', 'polarization: vertical or horizontal', 'vertical')
    .option('--epsilon <e>', 'relative permittivity of the ground', '15')
    .option('--sigma <S/m>', 'ground conductivity, S/m', '0.005')
    .option('--mdvar <n>', 'mode of variability 0..3 (+10 no location, +20 no situation)', '12')
    .option('--time <%>', 'time percentage (default 50)')
    .option('--location <%>', 'location percentage (default 50)')
    .option('--situation <%>', 'situation percentage (default 50)')
    .option(
      '--confidence <%>',
      'confidence percentage (CR variant, instead of time/location/situation)',
    )
    .option('--reliability <%>', 'reliability percentage (CR variant)')
    .option('--json', 'machine-readable output');
}

/**
 * A subcommand's options merged with `itm`'s own. Without positional options on the root program,
 * commander hands `--json` to `itm` even when it follows `p2p`, so it is read from there too.
 */
function subcommandOptions<T>(command: Command): T {
  const options = command.optsWithGlobals<T & { oracle?: string }>();
  if (options.oracle !== undefined) {
    throw new UserError(
      `--oracle is an option of \`itm\` itself, not of \`itm ${command.name()}\``,
      2,
    );
  }
  return options;
}

export function register(program: Command): void {
  const itm = program
    .command('itm')
    .description('NTIA Irregular Terrain Model (Longley-Rice) v1.4: p2p, area, oracle check')
    .option('--oracle <file>', 'run every row of an oracle file and compare with its outputs')
    .option('--tolerance <x>', 'allowed |difference| of loss and intermediate values', '1e-6')
    .option('--json', 'machine-readable output')
    .action((options: { oracle?: string; tolerance: string; json?: boolean }) => {
      if (!options.oracle) {
        itm.outputHelp();
        throw new UserError('itm: give --oracle FILE, or a subcommand (p2p, area)', 2);
      }
      const tolerance = parseFinite(options.tolerance, '--tolerance');
      const path = resolve(options.oracle);
      const report = checkOracle(path, loadOracleFile(path), tolerance);
      emit(options, report, renderOracle);
      if (report.mismatchCount > 0) process.exitCode = 1;
    });

  addModelOptions(
    itm
      .command('p2p')
      .description('point-to-point loss over a terrain profile')
      .option(
        '--profile <file>',
        'profile file: pfl JSON array/object, terrain profile --json, or text',
      )
      .option('--pfl <values>', 'profile inline: "intervals,spacing_m,z0,z1,...,zN" (metres)'),
  )
    .exitOverride()
    .action((_local: P2pOptions, command: Command) => {
      const options = subcommandOptions<P2pOptions>(command);
      if ((options.profile === undefined) === (options.pfl === undefined)) {
        throw new UserError(
          'itm p2p: give exactly one of --profile FILE or --pfl "n,xi,z0,..."',
          2,
        );
      }
      const pfl =
        options.pfl !== undefined
          ? parsePflText(options.pfl, '--pfl')
          : readProfileFile(options.profile!);
      const common: ItmP2pCommonInput = { ...parseCommon(options), pfl };
      const variability = parseVariability(options);
      const result =
        variability.kind === 'tls'
          ? itmP2pTls({ ...common, ...variability })
          : itmP2pCr({ ...common, ...variability });
      const { kind: _kind, ...percentages } = variability;
      finish('p2p', { ...common, ...percentages }, variability, result, options);
    });

  addModelOptions(
    itm
      .command('area')
      .description('area-mode loss from path distance and terrain irregularity (no profile)')
      .requiredOption('--d <km>', 'path distance, km')
      .option('--delta-h <m>', 'terrain irregularity parameter delta_h, m', '90')
      .option('--tx-site <s>', 'transmitter siting: random, careful or very-careful', 'random')
      .option('--rx-site <s>', 'receiver siting: random, careful or very-careful', 'random'),
  )
    .exitOverride()
    .action((_local: AreaOptions, command: Command) => {
      const options = subcommandOptions<AreaOptions>(command);
      const common: ItmAreaCommonInput = {
        ...parseCommon(options),
        tx_site_criteria: parseChoice(options.txSite, '--tx-site', SITING),
        rx_site_criteria: parseChoice(options.rxSite, '--rx-site', SITING),
        d__km: parseFinite(options.d, '--d'),
        delta_h__meter: parseFinite(options.deltaH, '--delta-h'),
      };
      const variability = parseVariability(options);
      const result =
        variability.kind === 'tls'
          ? itmAreaTls({ ...common, ...variability })
          : itmAreaCr({ ...common, ...variability });
      const { kind: _kind, ...percentages } = variability;
      finish('area', { ...common, ...percentages }, variability, result, options);
    });
}
