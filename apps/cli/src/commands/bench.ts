/**
 * @module commands/bench
 * `tongilnet bench [NAME]`: runs one benchmark or all of them, printing figures and the ratio
 * against a baseline run in the same process.
 */
import type { Command } from 'commander';
import { benches } from '../bench/index.ts';
import { renderBench, type BenchResult } from '../bench/harness.ts';
import { UserError } from '../errors.ts';
import { emit } from '../output.ts';

export function register(program: Command): void {
  program
    .command('bench')
    .description('run benchmarks (all, or the one named) and print figures with baseline ratios')
    .argument('[name]', 'benchmark to run; omit for all')
    .option('--json', 'machine-readable output')
    .option('--data <dir>', 'data directory (default: TONGILNET_DATA or ../shared/data)')
    .option('--radius <km>', 'radius for the coverage benchmark, km')
    .action(
      async (name: string | undefined, options: Record<string, string | boolean | undefined>) => {
        const chosen = name ? benches.filter((b) => b.name === name) : benches;
        if (name && chosen.length === 0) {
          const known = benches.map((b) => b.name).join(', ') || 'none yet';
          throw new UserError(`unknown benchmark "${name}" (known: ${known})`, 2);
        }
        const results: BenchResult[] = [];
        for (const bench of chosen) {
          const result = await bench.run({
            json: Boolean(options.json),
            data: typeof options.data === 'string' ? options.data : undefined,
            options,
          });
          results.push(result);
          if (!options.json) emit({}, result, renderBench);
        }
        if (options.json) emit({ json: true }, results, () => '');
      },
    );
}
