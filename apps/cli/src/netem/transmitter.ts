/**
 * @module netem/transmitter
 * One direction of a weak link as a pure model: a bottleneck that serialises segments at the
 * configured rate, one after another, through a small buffer, not while the link is down, and
 * with air losses that TCP repairs by retransmission. It only computes times; the proxy
 * (netem/proxy.ts) moves the bytes. All connections on the link share one transmitter per
 * direction, as they share one radio bearer.
 *
 * For a segment of `p` payload bytes and `h` header bytes arriving at `now`:
 *
 *   start = max(now, notBefore, free)      free: when the previous segment left the transmitter
 *   start = first t ≥ start with [t, t + s) outside every outage, s = 8 (p + h) / rate
 *   end   = start + s; deliver = end + latency
 *
 * A lost segment (probability `lossRate`, drawn per transmission) is sent again after the
 * retransmission timeout, which doubles for each further loss [RFC 6298 §5.5]; the transmitter
 * waits for it (a sender with a small window stalls until the RTO). A segment arriving at a full
 * buffer in 'drop' mode is dropped there and sent again one RTO later. The proxy keeps delivery in
 * order per connection, so a late segment holds up those behind it (head-of-line blocking).
 */
import type { OutageSchedule } from './outage.ts';
import type { DirectionConfig } from './profile.ts';
import type { Random } from './random.ts';

export interface Scheduled {
  /** When the (last) transmission of the segment ends, ms on the link clock. */
  endMs: number;
  /** When the receiver has it, ms. */
  deliverAtMs: number;
  /** Transmissions beyond the first (losses on the air). */
  retransmissions: number;
  /** Dropped at a full buffer (and sent one RTO later). */
  dropped: boolean;
  /** Bytes sent on the air for this segment, retransmissions included. */
  airBytes: number;
}

/** Most retransmissions of one segment before the model stops drawing losses. */
const maxRetransmissions = 8;

export class Transmitter {
  private freeAtMs = -Infinity;
  /** Segments not yet fully transmitted: their end times and wire sizes, in order. */
  private readonly backlog: Array<{ endMs: number; bytes: number }> = [];
  private backlogHead = 0;
  private backlogBytesTotal = 0;

  /**
   * @param originMs link clock time at which the outage schedule's time 0 lies
   */
  constructor(
    readonly config: DirectionConfig,
    private readonly outages: OutageSchedule,
    private readonly random: Random,
    private readonly originMs: number,
  ) {}

  /** Serialisation time of `bytes` at the configured rate, ms. */
  serialisationMs(bytes: number): number {
    return (bytes * 8 * 1000) / this.config.bitsPerSecond;
  }

  /** Bytes waiting in (or being sent from) the buffer at `nowMs`. */
  backlogBytes(nowMs: number): number {
    while (
      this.backlogHead < this.backlog.length &&
      this.backlog[this.backlogHead]!.endMs <= nowMs
    ) {
      this.backlogBytesTotal -= this.backlog[this.backlogHead]!.bytes;
      this.backlogHead++;
    }
    if (this.backlogHead > 1024 && this.backlogHead * 2 > this.backlog.length) {
      this.backlog.splice(0, this.backlogHead);
      this.backlogHead = 0;
    }
    return this.backlogBytesTotal;
  }

  /** The first time at which the backlog is at most `limitBytes` (nowMs if it already is). */
  drainedAtMs(nowMs: number, limitBytes: number): number {
    let remaining = this.backlogBytes(nowMs);
    let at = nowMs;
    for (let i = this.backlogHead; i < this.backlog.length && remaining > limitBytes; i++) {
      remaining -= this.backlog[i]!.bytes;
      at = this.backlog[i]!.endMs;
    }
    return at;
  }

  /** Would a segment of `wireBytes` arriving now overflow the buffer? */
  wouldOverflow(nowMs: number, wireBytes: number): boolean {
    const backlog = this.backlogBytes(nowMs);
    return backlog > 0 && backlog + wireBytes > this.config.bufferBytes;
  }

  /**
   * Schedules one segment: `payloadBytes` of data (≤ MSS) plus `headerBytes` (default: the
   * direction's TCP/IP header), not to start before `notBeforeMs`.
   */
  send(
    nowMs: number,
    payloadBytes: number,
    headerBytes = this.config.headerBytes,
    notBeforeMs = nowMs,
  ): Scheduled {
    const wire = payloadBytes + headerBytes;
    const s = this.serialisationMs(wire);
    let earliest = Math.max(nowMs, notBeforeMs, this.freeAtMs);
    const dropped = this.config.overflow === 'drop' && this.wouldOverflow(nowMs, wire);
    if (dropped) earliest = Math.max(earliest, nowMs + this.config.retransmitMs);
    let start = this.fit(earliest, s);
    let end = start + s;
    let airBytes = wire;
    let retransmissions = 0;
    let rto = this.config.retransmitMs;
    while (
      this.config.lossRate > 0 &&
      retransmissions < maxRetransmissions &&
      this.random() < this.config.lossRate
    ) {
      retransmissions++;
      start = this.fit(end + rto, s);
      end = start + s;
      airBytes += wire;
      rto *= 2;
    }
    this.freeAtMs = end;
    this.backlog.push({ endMs: end, bytes: wire });
    this.backlogBytesTotal += wire;
    return {
      endMs: end,
      deliverAtMs: end + this.config.latencyMs,
      retransmissions,
      dropped,
      airBytes,
    };
  }

  /** Forgets everything queued (all connections were cut): the transmitter is idle from now. */
  flush(nowMs: number): void {
    this.freeAtMs = Math.min(this.freeAtMs, nowMs);
    this.backlog.length = 0;
    this.backlogHead = 0;
    this.backlogBytesTotal = 0;
  }

  /** The first t ≥ `fromMs` at which a transmission of `durationMs` fits between outages. */
  private fit(fromMs: number, durationMs: number): number {
    let t = fromMs - this.originMs;
    // A segment longer than the gap between two outages would never fit; after a few tries it
    // goes anyway (on a real link it would be fragmented by the radio layer).
    for (let tries = 0; tries < 100; tries++) {
      t = this.outages.upAt(t);
      const next = this.outages.next(t);
      if (!next || next.startMs >= t + durationMs) break;
      t = next.endMs;
    }
    return t + this.originMs;
  }
}
