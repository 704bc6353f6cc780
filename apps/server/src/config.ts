/**
 * @module config
 * Everything a server can be told, with the defaults. The clock and the random source are passed
 * in (STYLE.md rule 12) so tests can move time and make ids reproducible.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_LIMITS, type Limits } from '@tongilnet/protocol';
import { opensslVerifier, type Verifier } from './crypto/verify.ts';

/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

export interface ServerConfig {
  limits: Limits;
  /** How long an unacknowledged envelope is kept, days. */
  lifetimeDays: number;
  /**
   * A queue its recipient has not read (nor created) for this many days is deleted with whatever
   * it still holds: a lost or seized phone leaves no keys behind for ever (0 = keep queues).
   */
  idleQueueDays: number;
  /** How long an acknowledged envelope's id is kept to refuse duplicates, hours (≥ skew window). */
  dedupHours: number;
  /** Envelopes one queue may hold unacknowledged. */
  maxPendingPerQueue: number;
  /** Sends into one queue (per process). */
  sendRate: RateLimit;
  /** Receives and deletes on one queue (per process). */
  receiveRate: RateLimit;
  /** Queue creations, all clients together (per process): creation needs no key yet. */
  createRate: RateLimit;
  /** How often the sweeper deletes expired envelopes and tombstones, ms (0 = never). */
  sweepIntervalMs: number;
  /** Frames a WebSocket may have waiting before further ones are refused. */
  maxQueuedFramesPerSocket: number;
  /** Queues one WebSocket may watch. */
  maxWatchedPerSocket: number;
  /** Checks item signatures (crypto/verify.ts: OpenSSL by default, or the noble reference). */
  verify: Verifier;
  now: () => number;
  randomBytes: (length: number) => Uint8Array;
}

export const DEFAULT_CONFIG: Readonly<ServerConfig> = Object.freeze({
  limits: DEFAULT_LIMITS,
  lifetimeDays: 30,
  idleQueueDays: 365,
  dedupHours: 72,
  maxPendingPerQueue: 10_000,
  sendRate: { burst: 500, perSecond: 10 },
  receiveRate: { burst: 120, perSecond: 4 },
  createRate: { burst: 1000, perSecond: 50 },
  sweepIntervalMs: 60_000,
  maxQueuedFramesPerSocket: 16,
  maxWatchedPerSocket: 1024,
  verify: opensslVerifier,
  now: () => Date.now(),
  randomBytes: (length: number) => new Uint8Array(randomBytes(length)),
});

/**
 * The defaults overridden by `partial`, checked.
 * @throws RangeError naming the first setting that is out of range
 */
export function resolveConfig(partial: Partial<ServerConfig> = {}): ServerConfig {
  const config: ServerConfig = {
    ...DEFAULT_CONFIG,
    ...partial,
    limits: { ...DEFAULT_CONFIG.limits, ...partial.limits },
  };
  const positive: [string, number][] = [
    ['lifetimeDays', config.lifetimeDays],
    ['dedupHours', config.dedupHours],
    ['maxPendingPerQueue', config.maxPendingPerQueue],
    ...Object.entries(config.limits),
  ];
  for (const [name, value] of positive) {
    if (!(Number.isFinite(value) && value > 0)) {
      throw new RangeError(`${name} = ${value} must be a positive number`);
    }
  }
  if (!(Number.isFinite(config.idleQueueDays) && config.idleQueueDays >= 0)) {
    throw new RangeError(`idleQueueDays = ${config.idleQueueDays} must be 0 (never) or more days`);
  }
  if (config.idleQueueDays > 0 && config.idleQueueDays < config.lifetimeDays) {
    throw new RangeError(
      `idleQueueDays = ${config.idleQueueDays} is shorter than lifetimeDays = ${config.lifetimeDays}; a queue would go before its messages`,
    );
  }
  if (config.dedupHours * 3_600_000 < config.limits.clockSkewMs) {
    throw new RangeError(
      `dedupHours = ${config.dedupHours} is shorter than the clock skew window; replays would pass`,
    );
  }
  if (config.limits.maxEnvelopeBytes >= config.limits.maxReplyBytes) {
    throw new RangeError('maxEnvelopeBytes must be below maxReplyBytes so every envelope fits');
  }
  return config;
}
