/**
 * @module netem/proxy
 * The link emulator: a TCP proxy on loopback that puts a weak radio link ({@link LinkProfile})
 * between clients and a server. Every byte from either side is cut into segments, scheduled on
 * that direction's {@link Transmitter} (bandwidth, buffer, loss, outages) and written to the other
 * side when the model says it arrives, in order per connection. It also plays the parts of TCP
 * that cost time on air but that a user-space proxy never sees: the handshake (a SYN up and a
 * SYN-ACK down before the client's first byte may leave), pure ACKs when no data is going the
 * other way to carry them (delayed ACK), and FINs.
 *
 * Counted (when delivered): payload bytes, segments, header and control bytes, retransmissions,
 * connections, refused and cut connections, and round trips — a round trip being each time a
 * connection's traffic turns from the server back to the client (request → reply), handshakes
 * counted separately as connections.
 *
 * Honest about time on a loaded machine and across connections: all connections share one
 * transmitter each way (one bearer); a cut connection's segments leave the air, and the others'
 * deliveries move up; nothing is delivered while the link is down — a segment due in an outage
 * waits for its end ('hold'), or its connection is cut even when the outage timer runs late
 * ('cut'), since times come from the model and not from when a timer happened to fire.
 *
 * Deterministic for a given seed and clock: losses, resets and random outages come from seeded
 * generators, one per purpose, so changing one kind of event does not reshuffle the others.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { systemClock, type Clock, type Timer } from './clock.ts';
import { OutageSchedule } from './outage.ts';
import { validateProfile, type LinkProfile } from './profile.ts';
import { exponentialMs, seededRandom, type Random } from './random.ts';
import { Transmitter, type Scheduled } from './transmitter.ts';

export type Side = 'up' | 'down';

export interface DirectionCounters {
  /** Payload bytes delivered (exactly what the sender wrote, once). */
  bytes: number;
  /** Data segments delivered. */
  segments: number;
  /** TCP/IP header bytes of the data segments (first transmission). */
  headerBytes: number;
  /** SYN, FIN and pure-ACK bytes (segments with no data). */
  controlBytes: number;
  /** Bytes sent again after losses on the air (payload and header). */
  retransmittedBytes: number;
  /** Transmissions lost on the air. */
  lostSegments: number;
  /** Segments dropped at a full buffer ('drop' overflow). */
  droppedSegments: number;
}

export interface NetemCounters {
  up: DirectionCounters;
  down: DirectionCounters;
  /** Connections accepted (each cost a handshake). */
  connections: number;
  /** Connections open now. */
  active: number;
  /** Connections refused during an outage. */
  refused: number;
  /** Connections reset by an outage in 'cut' mode. */
  cut: number;
  /** Connections reset at random (resetPerSecond). */
  resets: number;
  /** Connections the target refused (server down). */
  targetFailures: number;
  /** Request → reply turns. */
  roundTrips: number;
  /** Outages begun. */
  outages: number;
}

export type NetemEvent =
  | { type: 'accept'; connection: number }
  /** Bytes entered the link (read from the sender's socket). */
  | { type: 'send'; connection: number; side: Side; bytes: number }
  | { type: 'refuse'; connection: number }
  | {
      type: 'deliver';
      connection: number;
      side: Side;
      bytes: number;
      /** Bytes delivered on this connection this way so far. */
      total: number;
      /** Times this segment was lost on the air and sent again. */
      retransmissions: number;
    }
  | { type: 'end'; connection: number; side: Side }
  | { type: 'close'; connection: number }
  | { type: 'cut'; connection: number; reason: 'outage' | 'reset' | 'target' }
  | { type: 'outage'; startMs: number; endMs: number };

export interface NetemOptions {
  /** Where to listen (port 0: any free port). */
  listen: { host: string; port: number };
  /** The server behind the link. */
  target: { host: string; port: number };
  profile: LinkProfile;
  /** Seed of the link's randomness (default 1). */
  seed?: number;
  clock?: Clock;
  /** Called for every event, synchronously (tests use it to act at a chosen moment). */
  onEvent?: (event: NetemEvent) => void;
}

export interface Netem {
  readonly host: string;
  readonly port: number;
  /** The profile in force. */
  readonly profile: LinkProfile;
  /** Live counters (read a copy with {@link snapshot}). */
  readonly counters: NetemCounters;
  snapshot(): NetemCounters;
  /** Is the link in an outage now? */
  isDown(): boolean;
  /**
   * Shapes everything sent from now on by another profile (a phone moving between cells): its
   * outage pattern starts again from now; open connections and bytes already on the way stay.
   * @throws RangeError for an invalid profile
   */
  reconfigure(profile: LinkProfile): void;
  /**
   * Sends new connections to another server (one restarted on a new port); open connections stay
   * with the one they reached.
   */
  setTarget(target: { host: string; port: number }): void;
  /** Stops listening and resets every connection. */
  close(): Promise<void>;
}

/** Air bytes of one direction: payload, headers, control segments and retransmissions. */
export function airBytes(c: DirectionCounters): number {
  return c.bytes + c.headerBytes + c.controlBytes + c.retransmittedBytes;
}

function directionCounters(): DirectionCounters {
  return {
    bytes: 0,
    segments: 0,
    headerBytes: 0,
    controlBytes: 0,
    retransmittedBytes: 0,
    lostSegments: 0,
    droppedSegments: 0,
  };
}

/** Splits a per-purpose generator off the seed. */
function stream(seed: number, purpose: number): Random {
  return seededRandom((Math.imul(seed >>> 0, 0x9e3779b1) + purpose * 0x85ebca6b) >>> 0);
}

/** What is on its way; `sched` is its segment on the transmitter (re-timed when others drop). */
type Item = { atMs: number; sched: Scheduled } & (
  | { kind: 'data'; data: Buffer; header: number; air: number; lost: number }
  | { kind: 'dropped-note' }
  | { kind: 'end' }
  | { kind: 'reset' }
);

/** One direction of one connection: what is on its way, in order. */
class Flow {
  readonly items: Item[] = [];
  timer: Timer | undefined;
  lastAtMs = -Infinity;
  /** When the last item delivered was due. */
  deliveredAtMs = -Infinity;
  /** The first byte may not leave before this (the handshake). */
  notBeforeMs = -Infinity;
  /** Data segments delivered that the receiver has not acknowledged yet (for pure ACKs). */
  unacked = 0;
  ackTimer: Timer | undefined;
  ended = false;
  reset = false;
  delivered = 0;
  constructor(readonly side: Side) {}
}

class Connection {
  readonly up = new Flow('up');
  readonly down = new Flow('down');
  upstream: Socket | undefined;
  lastTurn: Side | undefined;
  resetTimer: Timer | undefined;
  closed = false;
  constructor(
    readonly id: number,
    readonly client: Socket,
    /** Clock time it was accepted. */
    readonly openedAtMs: number,
  ) {}

  flow(side: Side): Flow {
    return side === 'up' ? this.up : this.down;
  }
}

/**
 * Starts the emulator.
 * @throws RangeError for an invalid profile; Error when the address cannot be listened on
 */
export async function startNetem(options: NetemOptions): Promise<Netem> {
  const clock = options.clock ?? systemClock();
  const seed = options.seed ?? 1;
  // The shaping; reconfigure() replaces all of it (a new profile, its clock origin, its outages).
  let profile = validateProfile(structuredClone(options.profile));
  let origin = clock.now();
  let generation = 0;
  let schedule = new OutageSchedule(profile.outage.pattern, stream(seed, 1));
  const tx = {
    up: new Transmitter(profile.up, schedule, stream(seed, 2), origin),
    down: new Transmitter(profile.down, schedule, stream(seed, 3), origin),
  };
  const resetRandom = stream(seed, 4);
  const counters: NetemCounters = {
    up: directionCounters(),
    down: directionCounters(),
    connections: 0,
    active: 0,
    refused: 0,
    cut: 0,
    resets: 0,
    targetFailures: 0,
    roundTrips: 0,
    outages: 0,
  };
  const emit = (event: NetemEvent) => options.onEvent?.(event);
  const connections = new Set<Connection>();
  const paused = { up: new Set<Socket>(), down: new Set<Socket>() };
  const resumeTimers: { up?: Timer; down?: Timer } = {};
  let nextId = 1;
  let closing = false;
  let target = { ...options.target };

  const other = (side: Side): Side => (side === 'up' ? 'down' : 'up');
  const isDown = () => schedule.at(clock.now() - origin) !== undefined;

  // ------------------------------------------------------------------ delivery

  /**
   * When a segment due at `atMs` reaches the receiver: in 'hold' mode one due during an outage
   * waits for its end (nothing is delivered while the link is down; in 'cut' mode its connection
   * is cut instead, see {@link deliver}).
   */
  function arrival(atMs: number): number {
    if (profile.outage.existing !== 'hold') return atMs;
    const o = schedule.at(atMs - origin);
    return o ? o.endMs + origin : atMs;
  }

  /** Has an outage begun since `conn` opened and by `atMs`? Then 'cut' mode has cut it. */
  function cutBy(conn: Connection, atMs: number): boolean {
    if (profile.outage.existing !== 'cut') return false;
    const o = schedule.next(Math.max(conn.openedAtMs, origin) - origin);
    return o !== undefined && o.startMs + origin <= atMs;
  }

  function push(conn: Connection, flow: Flow, item: Item): void {
    item.atMs = Math.max(arrival(item.atMs), flow.lastAtMs);
    flow.lastAtMs = item.atMs;
    flow.items.push(item);
    if (flow.items.length === 1) arm(conn, flow);
  }

  function arm(conn: Connection, flow: Flow): void {
    flow.timer?.cancel();
    const head = flow.items[0];
    if (!head) return;
    flow.timer = clock.setTimer(() => drain(conn, flow), head.atMs - clock.now());
  }

  function drain(conn: Connection, flow: Flow): void {
    flow.timer = undefined;
    const now = clock.now();
    // Timers may fire a hair early on some clocks; half a millisecond is "now".
    while (flow.items.length > 0 && flow.items[0]!.atMs <= now + 0.5 && !conn.closed) {
      const item = flow.items.shift()!;
      flow.deliveredAtMs = item.atMs;
      deliver(conn, flow, item);
    }
    if (!conn.closed) arm(conn, flow);
  }

  /** Re-times what is on its way `side` after the transmitter dropped a cut connection. */
  function retime(side: Side): void {
    for (const conn of connections) {
      const flow = conn.flow(side);
      let last = flow.deliveredAtMs;
      for (const item of flow.items) {
        item.atMs = Math.max(arrival(item.sched.deliverAtMs), last);
        last = item.atMs;
      }
      flow.lastAtMs = last;
      arm(conn, flow);
    }
  }

  function deliver(conn: Connection, flow: Flow, item: Item): void {
    // The outage timer may run late on a loaded machine; the model says when the link went down.
    if (cutBy(conn, item.atMs)) {
      cut(conn, 'outage');
      return;
    }
    const c = counters[flow.side];
    const to = flow.side === 'up' ? conn.upstream : conn.client;
    switch (item.kind) {
      case 'data': {
        c.bytes += item.data.length;
        c.segments++;
        c.headerBytes += item.header;
        c.retransmittedBytes += item.air - item.data.length - item.header;
        c.lostSegments += item.lost;
        flow.delivered += item.data.length;
        if (flow.side === 'up' && conn.lastTurn !== 'up') counters.roundTrips++;
        conn.lastTurn = flow.side;
        to?.write(item.data);
        owesAck(conn, flow);
        emit({
          type: 'deliver',
          connection: conn.id,
          side: flow.side,
          bytes: item.data.length,
          total: flow.delivered,
          retransmissions: item.lost,
        });
        break;
      }
      case 'dropped-note':
        c.droppedSegments++;
        break;
      case 'end':
        to?.end();
        emit({ type: 'end', connection: conn.id, side: flow.side });
        break;
      case 'reset':
        finish(conn);
        break;
    }
  }

  /** The receiver of `flow` owes an ACK; it goes alone unless data going back carries it. */
  function owesAck(conn: Connection, flow: Flow): void {
    flow.unacked++;
    if (flow.ackTimer) return;
    flow.ackTimer = clock.setTimer(() => {
      flow.ackTimer = undefined;
      if (conn.closed || flow.unacked === 0) return;
      // One pure ACK per two segments (RFC 1122 §4.2.3.2; RFC 5681 §4.2).
      const acks = Math.ceil(flow.unacked / 2);
      flow.unacked = 0;
      const back = other(flow.side);
      for (let i = 0; i < acks; i++) {
        const s = tx[back].send(clock.now(), 0, tx[back].config.headerBytes, clock.now(), conn);
        counters[back].controlBytes += s.airBytes;
      }
    }, profile.delayedAckMs);
  }

  // ------------------------------------------------------------------ sending

  function onData(conn: Connection, side: Side, chunk: Buffer, from: Socket): void {
    if (conn.closed) return;
    emit({ type: 'send', connection: conn.id, side, bytes: chunk.length });
    const flow = conn.flow(side);
    const t = tx[side];
    // Data going this way carries the ACK the sender owed for the other way.
    conn.flow(other(side)).unacked = 0;
    const now = clock.now();
    for (let offset = 0; offset < chunk.length; offset += t.config.mssBytes) {
      const data = chunk.subarray(offset, offset + t.config.mssBytes);
      const s = t.send(now, data.length, t.config.headerBytes, flow.notBeforeMs, conn);
      if (s.dropped) push(conn, flow, { kind: 'dropped-note', atMs: s.deliverAtMs, sched: s });
      push(conn, flow, {
        kind: 'data',
        atMs: s.deliverAtMs,
        sched: s,
        data: Buffer.from(data),
        header: t.config.headerBytes,
        air: s.airBytes,
        lost: s.retransmissions,
      });
    }
    // The buffer is full: stop reading from the sender until it has drained (flow control).
    if (t.backlogBytes(now) > t.config.bufferBytes) {
      from.pause();
      paused[side].add(from);
      scheduleResume(side);
    }
  }

  function scheduleResume(side: Side): void {
    if (resumeTimers[side]) return;
    const t = tx[side];
    const at = t.drainedAtMs(clock.now(), t.config.bufferBytes / 2);
    resumeTimers[side] = clock.setTimer(() => {
      resumeTimers[side] = undefined;
      if (t.backlogBytes(clock.now()) > t.config.bufferBytes / 2) {
        scheduleResume(side);
        return;
      }
      for (const socket of paused[side]) if (!socket.destroyed) socket.resume();
      paused[side].clear();
    }, at - clock.now());
  }

  /** A FIN (or RST) from one side travels the link like a segment, after the data before it. */
  function onEnd(conn: Connection, side: Side, kind: 'end' | 'reset'): void {
    const flow = conn.flow(side);
    if (conn.closed || (kind === 'end' && flow.ended) || flow.reset) return;
    flow.ended = true;
    if (kind === 'reset') flow.reset = true;
    const s = tx[side].send(clock.now(), 0, tx[side].config.headerBytes, flow.notBeforeMs, conn);
    counters[side].controlBytes += s.airBytes;
    push(conn, flow, { kind, atMs: s.deliverAtMs, sched: s });
  }

  // ------------------------------------------------------------------ connections

  /** Resets both sockets and forgets the connection. */
  function finish(conn: Connection): void {
    if (conn.closed) return;
    paused.up.delete(conn.client);
    if (conn.upstream) paused.down.delete(conn.upstream);
    forget(conn);
    for (const socket of [conn.client, conn.upstream]) {
      if (socket && !socket.destroyed) socket.resetAndDestroy();
    }
  }

  function cut(conn: Connection, reason: 'outage' | 'reset' | 'target'): void {
    if (conn.closed) return;
    if (reason === 'outage') counters.cut++;
    else if (reason === 'reset') counters.resets++;
    emit({ type: 'cut', connection: conn.id, reason });
    finish(conn);
  }

  function accept(client: Socket): void {
    const conn = new Connection(nextId++, client, clock.now());
    client.on('error', () => undefined);
    if (closing) {
      client.resetAndDestroy();
      return;
    }
    if (isDown() && profile.outage.incoming === 'refuse') {
      counters.refused++;
      emit({ type: 'refuse', connection: conn.id });
      client.resetAndDestroy();
      return;
    }
    counters.connections++;
    connections.add(conn);
    counters.active = connections.size;
    emit({ type: 'accept', connection: conn.id });

    // The handshake on the air: SYN up, SYN-ACK down; the client's data follows the SYN-ACK
    // (its ACK rides on the first data segment). During an outage in 'blackhole' mode the SYN
    // simply waits for the link, as a retransmitted SYN would.
    const now = clock.now();
    const syn = tx.up.send(now, 0, profile.synBytes, now, conn);
    const synAck = tx.down.send(now, 0, profile.synBytes, arrival(syn.deliverAtMs), conn);
    counters.up.controlBytes += syn.airBytes;
    counters.down.controlBytes += synAck.airBytes;
    conn.up.notBeforeMs = arrival(synAck.deliverAtMs);
    conn.down.notBeforeMs = arrival(syn.deliverAtMs);

    const upstream = connect({
      host: target.host,
      port: target.port,
      allowHalfOpen: true,
    });
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    conn.upstream = upstream;
    upstream.on('error', () => {
      if (!conn.up.delivered && !conn.down.delivered) counters.targetFailures++;
      // The server's RST reaches the client over the link.
      onEnd(conn, 'down', 'reset');
    });
    client.on('data', (chunk: Buffer) => onData(conn, 'up', chunk, client));
    upstream.on('data', (chunk: Buffer) => onData(conn, 'down', chunk, upstream));
    client.on('end', () => onEnd(conn, 'up', 'end'));
    upstream.on('end', () => onEnd(conn, 'down', 'end'));
    const onClose = (side: Side, hadError: boolean) => {
      if (conn.closed) return;
      if (hadError) onEnd(conn, side, 'reset');
      if (client.destroyed && upstream.destroyed) forget(conn);
    };
    client.on('close', (hadError) => onClose('up', hadError));
    upstream.on('close', (hadError) => onClose('down', hadError));

    if (profile.resetPerSecond > 0) {
      const rate = -Math.log(1 - profile.resetPerSecond) / 1000;
      const inMs = exponentialMs(resetRandom, rate);
      if (Number.isFinite(inMs)) conn.resetTimer = clock.setTimer(() => cut(conn, 'reset'), inMs);
    }
  }

  /** Both sockets have closed on their own: forget the connection. */
  function forget(conn: Connection): void {
    conn.closed = true;
    for (const flow of [conn.up, conn.down]) {
      flow.timer?.cancel();
      flow.ackTimer?.cancel();
      flow.items.length = 0;
    }
    conn.resetTimer?.cancel();
    connections.delete(conn);
    counters.active = connections.size;
    // What it still had on the air leaves with it: nobody waits behind dead bytes.
    for (const side of ['up', 'down'] as const) {
      if (tx[side].drop(conn, clock.now())) retime(side);
    }
    emit({ type: 'close', connection: conn.id });
  }

  // ------------------------------------------------------------------ outages

  let outageTimer: Timer | undefined;
  /** Arms a timer for the first outage starting at or after `fromMs` (link time). */
  function scheduleOutage(fromMs: number): void {
    const next = schedule.next(fromMs);
    if (!next || closing) return;
    outageTimer = clock.setTimer(
      () => {
        counters.outages++;
        emit({ type: 'outage', startMs: next.startMs, endMs: next.endMs });
        if (profile.outage.existing === 'cut') {
          for (const conn of [...connections]) cut(conn, 'outage');
          tx.up.flush(clock.now());
          tx.down.flush(clock.now());
        }
        // From its end, not from now: a timer firing a hair early must not see it again.
        scheduleOutage(next.endMs);
      },
      next.startMs + origin - clock.now(),
    );
  }
  scheduleOutage(clock.now() - origin);

  // ------------------------------------------------------------------ listening

  const server: Server = createServer({ allowHalfOpen: true, pauseOnConnect: false }, accept);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen.port, options.listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('netem: no listening address');

  return {
    host: address.address,
    port: address.port,
    get profile() {
      return profile;
    },
    reconfigure(next: LinkProfile): void {
      const checked = validateProfile(structuredClone(next));
      profile = checked;
      origin = clock.now();
      generation++;
      const g = 8 * generation;
      schedule = new OutageSchedule(profile.outage.pattern, stream(seed, g + 1));
      tx.up = new Transmitter(profile.up, schedule, stream(seed, g + 2), origin);
      tx.down = new Transmitter(profile.down, schedule, stream(seed, g + 3), origin);
      outageTimer?.cancel();
      scheduleOutage(0);
    },
    setTarget(next: { host: string; port: number }): void {
      target = { ...next };
    },
    counters,
    snapshot: () => structuredClone(counters),
    isDown,
    close: async () => {
      closing = true;
      outageTimer?.cancel();
      resumeTimers.up?.cancel();
      resumeTimers.down?.cancel();
      for (const conn of [...connections]) finish(conn);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
