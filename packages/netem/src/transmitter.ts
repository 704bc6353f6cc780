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
 *
 * Every segment has an owner (its connection). When a connection is cut, {@link Transmitter.drop}
 * takes its segments off the air: those not yet started leave the queue, one being sent (or
 * waiting for its RTO) stops where it is, and the segments of other connections behind them move
 * up — their {@link Scheduled} times change in place, so the proxy can re-time its deliveries.
 * Nobody waits behind dead bytes.
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

/** One segment on the transmitter: what it needs to be placed again after a drop. */
interface Entry {
  owner: unknown;
  /** Wire bytes of one transmission (payload + header). */
  wire: number;
  /** It may not start before this (arrival, handshake, or the RTO after a buffer drop). */
  earliestMs: number;
  /** When its first transmission starts. */
  startMs: number;
  scheduled: Scheduled;
}

export class Transmitter {
  private freeAtMs = -Infinity;
  /** Segments not yet fully transmitted, in transmission order (start and end both ascending). */
  private entries: Entry[] = [];
  private head = 0;
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
    while (this.head < this.entries.length && this.entries[this.head]!.scheduled.endMs <= nowMs) {
      this.backlogBytesTotal -= this.entries[this.head]!.wire;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head);
      this.head = 0;
    }
    return this.backlogBytesTotal;
  }

  /** The first time at which the backlog is at most `limitBytes` (nowMs if it already is). */
  drainedAtMs(nowMs: number, limitBytes: number): number {
    let remaining = this.backlogBytes(nowMs);
    let at = nowMs;
    for (let i = this.head; i < this.entries.length && remaining > limitBytes; i++) {
      remaining -= this.entries[i]!.wire;
      at = this.entries[i]!.scheduled.endMs;
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
   * direction's TCP/IP header), not to start before `notBeforeMs`, on behalf of `owner` (the
   * connection; {@link drop} takes its segments off the air).
   */
  send(
    nowMs: number,
    payloadBytes: number,
    headerBytes = this.config.headerBytes,
    notBeforeMs = nowMs,
    owner?: unknown,
  ): Scheduled {
    const wire = payloadBytes + headerBytes;
    let earliestMs = Math.max(nowMs, notBeforeMs);
    const dropped = this.config.overflow === 'drop' && this.wouldOverflow(nowMs, wire);
    if (dropped) earliestMs = Math.max(earliestMs, nowMs + this.config.retransmitMs);
    let retransmissions = 0;
    while (
      this.config.lossRate > 0 &&
      retransmissions < maxRetransmissions &&
      this.random() < this.config.lossRate
    ) {
      retransmissions++;
    }
    const scheduled: Scheduled = {
      endMs: 0,
      deliverAtMs: 0,
      retransmissions,
      dropped,
      airBytes: wire * (1 + retransmissions),
    };
    const entry: Entry = { owner, wire, earliestMs, startMs: 0, scheduled };
    this.place(entry);
    this.entries.push(entry);
    this.backlogBytesTotal += wire;
    return scheduled;
  }

  /**
   * Takes `owner`'s segments off the air at `nowMs` (its connection was cut): those not started
   * leave the queue, one on the air (or waiting for its retransmission) stops now, and everything
   * queued behind moves up. Changes the {@link Scheduled} times of the segments that moved.
   * @returns whether anything was taken off (so deliveries need re-timing)
   */
  drop(owner: unknown, nowMs: number): boolean {
    this.backlogBytes(nowMs);
    let changed = false;
    const kept: Entry[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const e = this.entries[i]!;
      if (e.owner !== owner) kept.push(e);
      else if (e.startMs < nowMs) {
        // Under way: what has been sent was sent; the rest (later retransmissions) is not.
        const end = Math.min(e.scheduled.endMs, this.transmissionEndAt(e, nowMs));
        if (end < e.scheduled.endMs) changed = true;
        e.scheduled.endMs = end;
        e.scheduled.deliverAtMs = Infinity;
        kept.push(e);
      } else changed = true;
    }
    if (!changed) return false;
    this.entries = kept;
    this.head = 0;
    this.backlogBytesTotal = kept.reduce((sum, e) => sum + e.wire, 0);
    // Place again, in order, everything that had not started.
    this.freeAtMs = -Infinity;
    for (const e of kept) {
      if (e.startMs < nowMs) this.freeAtMs = Math.max(this.freeAtMs, e.scheduled.endMs);
      else this.place(e);
    }
    return true;
  }

  /** Forgets everything queued (all connections were cut): the transmitter is idle from now. */
  flush(nowMs: number): void {
    this.freeAtMs = Math.min(this.freeAtMs, nowMs);
    this.entries = [];
    this.head = 0;
    this.backlogBytesTotal = 0;
  }

  /**
   * Places `e` after the segment before it: its first transmission, then each retransmission one
   * RTO (doubling [RFC 6298 §5.5]) after the end of the previous one, all outside outages.
   */
  private place(e: Entry): void {
    const s = this.serialisationMs(e.wire);
    let start = this.fit(Math.max(e.earliestMs, this.freeAtMs), s);
    e.startMs = start;
    let end = start + s;
    let rto = this.config.retransmitMs;
    for (let k = 0; k < e.scheduled.retransmissions; k++) {
      start = this.fit(end + rto, s);
      end = start + s;
      rto *= 2;
    }
    this.freeAtMs = end;
    e.scheduled.endMs = end;
    e.scheduled.deliverAtMs = end + this.config.latencyMs;
  }

  /** For a segment under way at `nowMs`: the end of the transmission in progress, else nowMs. */
  private transmissionEndAt(e: Entry, nowMs: number): number {
    const s = this.serialisationMs(e.wire);
    let start = e.startMs;
    let rto = this.config.retransmitMs;
    for (let k = 0; ; k++) {
      const end = start + s;
      if (nowMs < end) return end;
      if (k >= e.scheduled.retransmissions) return end;
      start = this.fit(end + rto, s);
      if (nowMs < start) return nowMs; // waiting for the RTO: nothing more goes on the air
      rto *= 2;
    }
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
