/**
 * @module netem/profile
 * What a weak radio link does to a TCP connection, as numbers: one {@link DirectionConfig} per
 * direction (bandwidth, one-way latency, bottleneck buffer, loss), outage patterns and abrupt
 * resets, and the named profiles for the edge of a cross-border cell.
 *
 * Loss is modelled the way TCP shows it to an application: a byte stream never loses bytes, so a
 * segment lost on the air is sent again after a retransmission timeout — it costs air time twice
 * and holds up everything behind it on the same connection (head-of-line blocking). The emulator
 * therefore turns loss into delay spikes and stalls, never into missing bytes.
 *
 * Figures behind the profiles:
 * - EDGE/GPRS at the edge of a cell: one or two timeslots with CS-1/MCS-1 coding carry 8–9 kbit/s
 *   each [3GPP TS 45.003; TS 44.060], RTTs of 0.6–2 s are usual on loaded GPRS [RFC 3481 §2.1
 *   "2.5G/3G: ... latencies ... of several hundred milliseconds up to 1 s and more"].
 * - RFC 6298 §2.4: the retransmission timeout is at least 1 s; on a link with a 1.6 s RTT and its
 *   variance it is about 3 s.
 * - The figures: 9.6 kbit/s, 800 ms latency, 10-second outages; a GPRS-like 40 kbit/s.
 */

export type Overflow = 'backpressure' | 'drop';

/** One direction of the link (up = client → server, i.e. phone → network). */
export interface DirectionConfig {
  /** Serialisation rate of the bottleneck, bit/s. */
  bitsPerSecond: number;
  /** One-way latency added to every segment after serialisation (propagation, RLC, core), ms. */
  latencyMs: number;
  /** Bytes the bottleneck may hold waiting to be serialised before the sender is slowed. */
  bufferBytes: number;
  /**
   * A full buffer: 'backpressure' stops reading from the sender until there is room (TCP flow
   * control); 'drop' also drops the overflowing segments, which TCP sends again after a
   * retransmission timeout ({@link DirectionConfig.retransmitMs}).
   */
  overflow: Overflow;
  /** Probability that a segment is lost on the air and must be retransmitted, 0..1. */
  lossRate: number;
  /** How long a lost (or dropped) segment waits before it is sent again (the RTO), ms. */
  retransmitMs: number;
  /** Largest segment payload (TCP MSS), bytes. */
  mssBytes: number;
  /** Bytes of TCP/IP header each segment carries on the air (IPv4 20 + TCP 20, no compression). */
  headerBytes: number;
}

export type OutagePattern =
  /** Down for `durationMs` every `everyMs`, the first time `firstAtMs` after the link starts. */
  | { kind: 'periodic'; everyMs: number; durationMs: number; firstAtMs: number }
  /** Outages starting as a Poisson process with mean gap `meanGapMs`, each `durationMs` long. */
  | { kind: 'random'; meanGapMs: number; durationMs: number }
  | { kind: 'none' };

export interface OutageConfig {
  pattern: OutagePattern;
  /**
   * Connections open when an outage starts: 'hold' keeps them and holds their bytes until the
   * link is back (a fade the radio layer rides out); 'cut' resets them all.
   */
  existing: 'hold' | 'cut';
  /**
   * Connections attempted during an outage: 'refuse' resets them at once; 'blackhole' lets the
   * handshake wait for the link to come back (SYNs unanswered, then retransmitted).
   */
  incoming: 'refuse' | 'blackhole';
}

export interface LinkProfile {
  name: string;
  description: string;
  up: DirectionConfig;
  down: DirectionConfig;
  outage: OutageConfig;
  /** Probability per second that an open connection is reset abruptly (a dropped bearer), 0..1. */
  resetPerSecond: number;
  /**
   * How long a receiver waits for data to piggyback an ACK on before sending a pure ACK (delayed
   * ACK; Linux 40 ms minimum, RFC 1122 at most 500 ms), ms. Pure ACKs take air time too.
   */
  delayedAckMs: number;
  /** Bytes of a SYN or SYN-ACK on the air (headers with MSS, SACK, timestamp, window options). */
  synBytes: number;
}

const noOutage: OutageConfig = {
  pattern: { kind: 'none' },
  existing: 'hold',
  incoming: 'blackhole',
};

function symmetric(d: DirectionConfig): { up: DirectionConfig; down: DirectionConfig } {
  return { up: { ...d }, down: { ...d } };
}

/** The named profiles. */
export const PROFILES: Readonly<Record<string, LinkProfile>> = Object.freeze({
  'edge-9k6': {
    name: 'edge-9k6',
    description:
      '9.6 kbit/s each way, 800 ms one way (1.6 s RTT), 1 % segment loss with a 3 s RTO, ' +
      'a 10 s outage every minute (connections held, new ones wait)',
    ...symmetric({
      bitsPerSecond: 9600,
      latencyMs: 800,
      bufferBytes: 4096,
      overflow: 'backpressure',
      lossRate: 0.01,
      retransmitMs: 3000,
      mssBytes: 1400,
      headerBytes: 40,
    }),
    outage: {
      pattern: { kind: 'periodic', everyMs: 60_000, durationMs: 10_000, firstAtMs: 30_000 },
      existing: 'hold',
      incoming: 'blackhole',
    },
    resetPerSecond: 0,
    delayedAckMs: 200,
    synBytes: 60,
  },
  'gprs-40k': {
    name: 'gprs-40k',
    description:
      '40 kbit/s each way, 500 ms one way (1 s RTT), 0.5 % segment loss with a 2 s RTO, ' +
      'a 3 s outage about every 2 minutes (connections held, new ones wait)',
    ...symmetric({
      bitsPerSecond: 40_000,
      latencyMs: 500,
      bufferBytes: 8192,
      overflow: 'backpressure',
      lossRate: 0.005,
      retransmitMs: 2000,
      mssBytes: 1400,
      headerBytes: 40,
    }),
    outage: {
      pattern: { kind: 'random', meanGapMs: 120_000, durationMs: 3000 },
      existing: 'hold',
      incoming: 'blackhole',
    },
    resetPerSecond: 0,
    delayedAckMs: 200,
    synBytes: 60,
  },
  lan: {
    name: 'lan',
    description: 'no shaping: 1 Gbit/s, no added latency, no loss, no outages (a baseline)',
    ...symmetric({
      bitsPerSecond: 1e9,
      latencyMs: 0,
      bufferBytes: 1 << 20,
      overflow: 'backpressure',
      lossRate: 0,
      retransmitMs: 200,
      mssBytes: 1460,
      headerBytes: 40,
    }),
    outage: noOutage,
    resetPerSecond: 0,
    delayedAckMs: 40,
    synBytes: 60,
  },
});

/**
 * The named profile (a copy, safe to change).
 * @throws RangeError naming the known profiles
 */
export function profileByName(name: string): LinkProfile {
  const profile = PROFILES[name];
  if (!profile) {
    throw new RangeError(
      `profile "${name}" is unknown (known: ${Object.keys(PROFILES).join(', ')})`,
    );
  }
  return structuredClone(profile);
}

/**
 * The same link run `factor` times faster: bandwidth × factor, every duration ÷ factor, reset
 * probability per second scaled so the expected resets per byte stay the same. Bytes, segment
 * sizes, loss probabilities and round-trip counts are unchanged, so a test on the compressed link
 * sees the same sequence of events as on the real one, only sooner.
 * @throws RangeError when factor is not a positive finite number
 */
export function compressProfile(profile: LinkProfile, factor: number): LinkProfile {
  if (!(Number.isFinite(factor) && factor > 0)) {
    throw new RangeError(`time compression factor = ${factor} must be a positive number`);
  }
  const direction = (d: DirectionConfig): DirectionConfig => ({
    ...d,
    bitsPerSecond: d.bitsPerSecond * factor,
    latencyMs: d.latencyMs / factor,
    retransmitMs: d.retransmitMs / factor,
  });
  const p = profile.outage.pattern;
  const pattern: OutagePattern =
    p.kind === 'periodic'
      ? {
          kind: 'periodic',
          everyMs: p.everyMs / factor,
          durationMs: p.durationMs / factor,
          firstAtMs: p.firstAtMs / factor,
        }
      : p.kind === 'random'
        ? { kind: 'random', meanGapMs: p.meanGapMs / factor, durationMs: p.durationMs / factor }
        : p;
  return {
    ...profile,
    name: factor === 1 ? profile.name : `${profile.name}×${factor}`,
    up: direction(profile.up),
    down: direction(profile.down),
    outage: { ...profile.outage, pattern },
    // Survival over a time t: (1 - p)^t = (1 - p')^(t / factor).
    resetPerSecond: 1 - (1 - profile.resetPerSecond) ** factor,
    delayedAckMs: profile.delayedAckMs / factor,
  };
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

/**
 * Checks every field of a profile.
 * @throws RangeError naming the first field that is out of range, e.g. `up.bitsPerSecond = 0`
 */
export function validateProfile(profile: LinkProfile): LinkProfile {
  for (const side of ['up', 'down'] as const) {
    const d = profile[side];
    const at = (field: keyof DirectionConfig) => `${profile.name}: ${side}.${field} = ${d[field]}`;
    check(
      d.bitsPerSecond > 0 && Number.isFinite(d.bitsPerSecond),
      `${at('bitsPerSecond')} must be > 0`,
    );
    check(d.latencyMs >= 0 && d.latencyMs <= 600_000, `${at('latencyMs')} is outside 0..600000 ms`);
    check(d.bufferBytes >= 1, `${at('bufferBytes')} must be at least 1 byte`);
    check(
      d.overflow === 'backpressure' || d.overflow === 'drop',
      `${at('overflow')} is not backpressure or drop`,
    );
    check(d.lossRate >= 0 && d.lossRate < 1, `${at('lossRate')} is outside [0, 1)`);
    check(d.retransmitMs >= 0, `${at('retransmitMs')} must be ≥ 0`);
    check(
      Number.isInteger(d.mssBytes) && d.mssBytes >= 1,
      `${at('mssBytes')} must be a positive integer`,
    );
    check(d.headerBytes >= 0, `${at('headerBytes')} must be ≥ 0`);
  }
  const p = profile.outage.pattern;
  if (p.kind === 'periodic') {
    check(
      p.durationMs >= 0 && p.everyMs > p.durationMs,
      `${profile.name}: outage every ${p.everyMs} ms must be longer than its ${p.durationMs} ms`,
    );
    check(p.firstAtMs >= 0, `${profile.name}: outage firstAtMs = ${p.firstAtMs} must be ≥ 0`);
  } else if (p.kind === 'random') {
    check(p.meanGapMs > 0, `${profile.name}: outage meanGapMs = ${p.meanGapMs} must be > 0`);
    check(p.durationMs >= 0, `${profile.name}: outage durationMs = ${p.durationMs} must be ≥ 0`);
  }
  check(
    ['hold', 'cut'].includes(profile.outage.existing),
    `${profile.name}: outage.existing = ${profile.outage.existing} is not hold or cut`,
  );
  check(
    ['refuse', 'blackhole'].includes(profile.outage.incoming),
    `${profile.name}: outage.incoming = ${profile.outage.incoming} is not refuse or blackhole`,
  );
  check(
    profile.resetPerSecond >= 0 && profile.resetPerSecond < 1,
    `${profile.name}: resetPerSecond = ${profile.resetPerSecond} is outside [0, 1)`,
  );
  check(
    profile.delayedAckMs >= 0,
    `${profile.name}: delayedAckMs = ${profile.delayedAckMs} must be ≥ 0`,
  );
  check(profile.synBytes >= 0, `${profile.name}: synBytes = ${profile.synBytes} must be ≥ 0`);
  return profile;
}
