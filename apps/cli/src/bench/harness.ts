/**
 * @module bench/harness
 * Timing for benchmarks: warm up, then repeat until enough wall time has passed, and report the
 * median of several rounds so one GC pause does not decide the figure. Every benchmark also times a
 * baseline in the same process, so the printed ratio survives a slower or busier machine.
 */

export interface Timing {
  /** Median seconds per operation over the rounds. */
  secondsPerOp: number;
  /** Operations per second (1 / secondsPerOp). */
  opsPerSecond: number;
  rounds: number;
  opsPerRound: number;
}

export interface MeasureOptions {
  /** Minimum wall time of one round, in milliseconds. */
  minRoundMs?: number;
  rounds?: number;
}

/** Times `op` (which performs `opsPerCall` operations per call). */
export function measure(op: () => void, opsPerCall = 1, options: MeasureOptions = {}): Timing {
  const minRoundMs = options.minRoundMs ?? 300;
  const rounds = options.rounds ?? 5;
  for (let i = 0; i < 3; i++) op();
  // Calibrate how many calls fill one round.
  let calls = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) op();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= minRoundMs / 4 || calls > 1e8) {
      calls = Math.max(1, Math.ceil((calls * minRoundMs) / Math.max(ms, 1e-3)));
      break;
    }
    calls *= 4;
  }
  const perOp: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) op();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    perOp.push(seconds / (calls * opsPerCall));
  }
  perOp.sort((a, b) => a - b);
  const secondsPerOp = perOp[Math.floor(perOp.length / 2)]!;
  return { secondsPerOp, opsPerSecond: 1 / secondsPerOp, rounds, opsPerRound: calls * opsPerCall };
}

/** Times an async job once per round (for long jobs such as a coverage run). */
export async function measureAsync(job: () => Promise<void>, rounds = 1): Promise<number[]> {
  const seconds: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    await job();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return seconds;
}

/** One line of a benchmark report. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** Optional context: the baseline figure and what it is. */
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline.value, or another stated ratio. */
  ratio?: number;
  note?: string;
}

export interface BenchResult {
  bench: string;
  figures: BenchFigure[];
}

export interface BenchContext {
  json: boolean;
  /** Data directory option passed through from the command line. */
  data?: string;
  /** Free-form options of the particular bench (e.g. radius for coverage). */
  options: Record<string, string | boolean | undefined>;
}

export interface Bench {
  name: string;
  description: string;
  run(context: BenchContext): Promise<BenchResult>;
}

export function renderBench(result: BenchResult): string {
  const lines = [`${result.bench}`];
  for (const f of result.figures) {
    let line = `  ${f.name}: ${formatValue(f.value)} ${f.unit}`;
    if (f.baseline) {
      line += ` (baseline ${f.baseline.name}: ${formatValue(f.baseline.value)} ${f.baseline.unit})`;
    }
    if (f.ratio !== undefined) line += `, ratio ${f.ratio.toFixed(2)}`;
    if (f.note) line += ` — ${f.note}`;
    lines.push(line);
  }
  return lines.join('\n');
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 0.01) return value.toFixed(3);
  return value.toPrecision(3);
}
