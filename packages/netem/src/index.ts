/**
 * @module @tongilnet/netem
 * One weak-link emulator for the whole repository: the model (profiles, outages, the shared
 * transmitter each way) and the TCP proxy that applies it. Used by `tongilnet netem`, `bench
 * weak-link` and the weak-link tests of the server and the CLI. Imports nothing of ours.
 */
export { systemClock } from './clock.ts';
export type { Clock, Timer } from './clock.ts';
export { OutageSchedule } from './outage.ts';
export type { Outage } from './outage.ts';
export { PROFILES, compressProfile, profileByName, validateProfile } from './profile.ts';
export type {
  DirectionConfig,
  LinkProfile,
  OutageConfig,
  OutagePattern,
  Overflow,
} from './profile.ts';
export { airBytes, startNetem } from './proxy.ts';
export type {
  DirectionCounters,
  Netem,
  NetemCounters,
  NetemEvent,
  NetemOptions,
  Side,
} from './proxy.ts';
export { exponentialMs, seededRandom } from './random.ts';
export type { Random } from './random.ts';
export { Transmitter } from './transmitter.ts';
export type { Scheduled } from './transmitter.ts';
