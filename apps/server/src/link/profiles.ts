/**
 * @module link/profiles
 * Links at the edge of a cross-border cell, for the emulator. Figures are design assumptions from
 * the brief (time on air is risk; the signal comes and goes), not measurements.
 */

export interface LinkProfile {
  name: string;
  /** Throughput each way, bits per second. */
  bitsPerSecond: number;
  /** One-way latency, milliseconds (an RTT is twice this plus serialisation). */
  latencyMs: number;
  /** Chance that a segment is lost and needs a retransmission (TCP hides it as delay). */
  lossRate: number;
  /** Extra delay of a lost segment: the retransmission timeout, milliseconds. */
  retransmitMs: number;
  /** Outages: one every `outageEveryMs` (0 = none), lasting `outageMs`. */
  outageEveryMs: number;
  outageMs: number;
  /**
   * What an outage does to TCP: 'drop' resets every open connection and refuses new ones (the
   * phone lost the cell; its connections are gone when it comes back), 'stall' holds the bytes
   * until the link returns (a short fade TCP rides out).
   */
  outageMode: 'drop' | 'stall';
}

/** Segment size the emulator paces (Ethernet-sized TCP payload). */
export const SEGMENT_BYTES = 1460;

export const LINK_PROFILES: Readonly<Record<string, LinkProfile>> = Object.freeze({
  /** EDGE at the edge of a cell: 9.6 kbit/s, 800 ms, a 10 s outage every minute. */
  'edge-9k6': {
    name: 'edge-9k6',
    bitsPerSecond: 9_600,
    latencyMs: 800,
    lossRate: 0.02,
    retransmitMs: 1_000,
    outageEveryMs: 60_000,
    outageMs: 10_000,
    outageMode: 'drop',
  },
  /** GPRS-like: 40 kbit/s, 400 ms, a 5 s fade every 45 s. */
  'gprs-40k': {
    name: 'gprs-40k',
    bitsPerSecond: 40_000,
    latencyMs: 400,
    lossRate: 0.01,
    retransmitMs: 600,
    outageEveryMs: 45_000,
    outageMs: 5_000,
    outageMode: 'drop',
  },
});
