/**
 * @module bench
 * The benchmarks `tongilnet bench` and `npm run bench` know. Add one line per benchmark module.
 */
import type { Bench } from './harness.ts';

export const benches: Bench[] = [];
