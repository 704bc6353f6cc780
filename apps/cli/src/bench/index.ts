/**
 * @module bench
 * The benchmarks `tongilnet bench` and `npm run bench` know. Add one line per benchmark module.
 */
import type { Bench } from './harness.ts';
import { coverageBench } from './coverage.ts';
import { messageBench } from './message.ts';
import { itmBench } from './itm.ts';
import { profileBench } from './profile.ts';
import { serviceBench } from './service.ts';
import { weakLinkBench } from './weak-link.ts';

export const benches: Bench[] = [
  profileBench,
  itmBench,
  coverageBench,
  messageBench,
  serviceBench,
  weakLinkBench,
];
