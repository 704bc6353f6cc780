/**
 * @module main
 * The `tongilnet` command. Each subcommand lives in commands/<name>.ts; this file only wires them
 * and turns every failure into one line on stderr with a non-zero exit code.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';
import { UserError, describeError } from './errors.ts';

export function buildProgram(): Command {
  const program = new Command('tongilnet')
    .description(
      'Plan, run and evaluate a people-to-people mobile service reaching North Korea from the South.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCommands(program);
  // Subcommands inherit exitOverride so commander never calls process.exit behind our back.
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the command line; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (unknown option, missing argument, --help).
      return error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`tongilnet: ${describeError(error)}\n`);
    return error instanceof UserError ? error.exitCode : 1;
  }
}
