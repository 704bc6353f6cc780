/**
 * @module commands
 * The list of subcommands. Each module exports `register(program)`; add a line here for a new one.
 */
import type { Command } from 'commander';
import { register as registerBench } from './bench.ts';
import { register as registerClient } from './client.ts';
import { register as registerItm } from './itm.ts';
import { register as registerLink } from './link.ts';
import { register as registerNetem } from './netem.ts';
import { register as registerPlan } from './plan.ts';
import { register as registerServe } from './serve.ts';
import { register as registerTerrain } from './terrain.ts';
import { register as registerWhere } from './where.ts';

export function registerCommands(program: Command): void {
  registerBench(program);
  registerClient(program);
  registerItm(program);
  registerLink(program);
  registerNetem(program);
  registerPlan(program);
  registerServe(program);
  registerTerrain(program);
  registerWhere(program);
}
