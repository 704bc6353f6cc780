/**
 * @module link/emulator
 * A TCP proxy on loopback that makes a fast local connection behave like a weak radio link:
 * limited bits per second each way, shared by every connection through it (one bearer, paced in
 * segments, so a big frame takes its time and a second connection does not get a second link),
 * one-way latency, a round trip of TCP handshake before a new connection's first byte, segment
 * loss turned into retransmission delay (and air time), and outages that reset connections or
 * stall them. A connection that an outage cuts loses what it had queued or in flight, and that
 * leaves the air with it: the next connection does not wait behind dead bytes. `timeScale`
 * compresses every duration (0.1: ten times faster) so tests can run a 9.6 kbit/s profile in
 * seconds while keeping its shape. The target can be changed while running, so a server
 * restarted on a new port stays behind the same client URL.
 *
 * Randomness (loss) comes from a seeded generator, so a failing run can be repeated.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { SEGMENT_BYTES, type LinkProfile } from './profiles.ts';

export interface LinkEmulatorOptions {
  profile: LinkProfile;
  targetPort: number;
  targetHost?: string;
  /** Multiplies every duration (latency, serialisation, outages); 1 = real time. */
  timeScale?: number;
  /** Seed of the loss generator. */
  seed?: number;
  now?: () => number;
}

export interface LinkStats {
  /** Payload bytes client → server and server → client. */
  up: number;
  down: number;
  connections: number;
  /** Connections reset by outages. */
  resets: number;
  /** Segments that paid a retransmission delay. */
  lost: number;
}

/** mulberry32: a small, fast, seedable generator (not for cryptography). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One direction of the radio link, shared by every connection through the emulator: segments
 * queue here and go on the air one at a time at the profile's bit rate, so two connections share
 * 9.6 kbit/s rather than getting 9.6 each. Times are virtual (a segment starts when the one before
 * it ended, not when a late timer noticed), so a loaded machine does not slow the link down.
 */
class Bearer {
  private readonly queue: { pipe: Pipe; segment: Buffer; readyAt: number }[] = [];
  /** When the segment on the air ends. */
  private freeAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly link: LinkEmulator) {}

  enqueue(pipe: Pipe, segment: Buffer, readyAt: number): void {
    this.queue.push({ pipe, segment, readyAt });
    this.pump();
  }

  /** A cut connection's queued bytes leave the queue: nobody waits behind dead data. */
  drop(pipe: Pipe): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.pipe === pipe) this.queue.splice(i, 1);
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private pump(): void {
    if (this.timer || this.queue.length === 0) return;
    const link = this.link;
    const { pipe, segment, readyAt } = this.queue.shift()!;
    let start = Math.max(readyAt, this.freeAt);
    // In a stalling outage nothing leaves until the link is back.
    if (link.profile.outageMode === 'stall') start = link.nextUpAt(start);
    const airMs = ((segment.length * 8) / link.profile.bitsPerSecond) * 1000 * link.timeScale;
    let end = start + airMs;
    let arrival = end + link.profile.latencyMs * link.timeScale;
    if (link.lose()) {
      // The copy that arrives is sent again a retransmission timeout later, on the air again.
      arrival += link.profile.retransmitMs * link.timeScale + airMs;
      end += airMs;
    }
    this.freeAt = end;
    pipe.deliver(segment, arrival);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(0, end - link.now()),
    );
  }
}

/** One direction of one connection: hands segments to the bearer and delivers them in order. */
class Pipe {
  private lastArrival = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];
  private queued = 0;
  private ended = false;
  private readonly held: Buffer[] = [];
  private opening: NodeJS.Timeout | undefined;
  private isOpen = false;

  /**
   * @param openAt when this side may first send: a new connection's client waits for the TCP
   *   handshake (SYN up, SYN-ACK down) before its first byte goes on the air
   */
  constructor(
    private readonly link: LinkEmulator,
    private readonly bearer: Bearer,
    private readonly to: Socket,
    private readonly count: (bytes: number) => void,
    private readonly openAt = 0,
  ) {}

  push(chunk: Buffer): void {
    const now = this.link.now();
    for (let at = 0; at < chunk.length; at += SEGMENT_BYTES) {
      this.queued++;
      const segment = chunk.subarray(at, at + SEGMENT_BYTES);
      if (this.isOpen || now >= this.openAt) this.bearer.enqueue(this, segment, now);
      else this.held.push(segment);
    }
    // Held apart from the bearer's queue, so a handshake does not hold up other connections.
    if (this.held.length > 0 && !this.opening) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.isOpen = true;
        for (const segment of this.held.splice(0)) this.bearer.enqueue(this, segment, this.openAt);
      }, this.openAt - now);
      this.opening = timer;
      this.timers.add(timer);
    }
  }

  /** Called by the bearer when a segment went on the air; it arrives at `arrival`. */
  deliver(segment: Buffer, arrival: number): void {
    const link = this.link;
    this.queued--;
    arrival = Math.max(arrival, this.lastArrival);
    this.lastArrival = arrival;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        // An outage that began before the segment arrived has cut the connection, even when a
        // busy machine runs the outage timer late.
        const cut = link.profile.outageMode === 'drop' && link.isDown(arrival);
        if (!this.to.destroyed && !cut) {
          this.count(segment.length);
          this.to.write(segment);
        }
        this.settle();
      },
      Math.max(0, arrival - link.now()),
    );
    this.timers.add(timer);
  }

  /**
   * Passes the sender's close on after its last byte (a FIN travels like data: one latency after
   * the last segment left), then calls `done`.
   */
  end(done: () => void): void {
    if (this.ended) return;
    this.ended = true;
    this.whenIdle(() => {
      const link = this.link;
      const at = Math.max(link.now() + link.profile.latencyMs * link.timeScale, this.lastArrival);
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          this.to.end();
          done();
        },
        Math.max(0, at - link.now()),
      );
      this.timers.add(timer);
    });
  }

  private whenIdle(fn: () => void): void {
    if (this.timers.size === 0 && this.queued === 0) fn();
    else this.idleWaiters.push(fn);
  }

  private settle(): void {
    if (this.timers.size === 0 && this.queued === 0) {
      for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** Bytes queued or in flight are lost with the connection. */
  cancel(): void {
    this.bearer.drop(this);
    this.held.length = 0;
    this.queued = 0;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.idleWaiters = [];
  }
}

export class LinkEmulator {
  readonly profile: LinkProfile;
  readonly timeScale: number;
  readonly now: () => number;
  readonly stats: LinkStats = { up: 0, down: 0, connections: 0, resets: 0, lost: 0 };
  private server: Server | undefined;
  private targetPort: number;
  private readonly targetHost: string;
  private readonly random: () => number;
  private readonly started: number;
  private readonly open = new Set<{ client: Socket; upstream: Socket; pipes: Pipe[] }>();
  private forcedUntil = 0;
  private outageTimer: NodeJS.Timeout | undefined;
  /** The air each way, shared by every connection. */
  private readonly upAir: Bearer = new Bearer(this);
  private readonly downAir: Bearer = new Bearer(this);

  constructor(options: LinkEmulatorOptions) {
    this.profile = options.profile;
    this.timeScale = options.timeScale ?? 1;
    this.targetPort = options.targetPort;
    this.targetHost = options.targetHost ?? '127.0.0.1';
    this.random = seeded(options.seed ?? 1);
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
  }

  /** Starts listening on 127.0.0.1; resolves to the port. */
  async listen(): Promise<number> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.scheduleOutages();
    return (server.address() as { port: number }).port;
  }

  /** Points the proxy at another port (a restarted server); open connections are reset. */
  setTarget(port: number): void {
    this.targetPort = port;
    this.resetAll();
  }

  /** Forces an outage of `ms` (scaled) starting now. */
  outage(ms: number): void {
    this.forcedUntil = Math.max(this.forcedUntil, this.now() + ms * this.timeScale);
    if (this.profile.outageMode === 'drop') this.resetAll();
  }

  /** True while the link is down. */
  isDown(at = this.now()): boolean {
    if (at < this.forcedUntil) return true;
    const { outageEveryMs, outageMs } = this.profile;
    if (outageEveryMs <= 0) return false;
    const phase = (at - this.started) % (outageEveryMs * this.timeScale);
    // Outages sit at the end of each period, so a run starts with the link up.
    return phase >= (outageEveryMs - outageMs) * this.timeScale;
  }

  /** The first time at or after `at` when the link is up. */
  nextUpAt(at: number): number {
    let t = Math.max(at, this.forcedUntil);
    const { outageEveryMs } = this.profile;
    if (outageEveryMs > 0 && this.isDown(t)) {
      const period = outageEveryMs * this.timeScale;
      t += period - ((t - this.started) % period);
    }
    return t;
  }

  /** Draws whether a segment is lost (and counts it). */
  lose(): boolean {
    const lost = this.random() < this.profile.lossRate;
    if (lost) this.stats.lost++;
    return lost;
  }

  async close(): Promise<void> {
    clearTimeout(this.outageTimer);
    this.resetAll(false);
    this.upAir.stop();
    this.downAir.stop();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.isDown() && this.profile.outageMode === 'drop') {
      client.destroy();
      return;
    }
    this.stats.connections++;
    client.setNoDelay(true);
    const upstream = connect({ port: this.targetPort, host: this.targetHost });
    upstream.setNoDelay(true);
    // The client's first byte leaves when the SYN-ACK is back: a new connection costs a round
    // trip before anything is sent (what a kept-alive connection saves).
    const handshakeDone = this.now() + 2 * this.profile.latencyMs * this.timeScale;
    const entry = {
      client,
      upstream,
      pipes: [
        new Pipe(this, this.upAir, upstream, (n) => (this.stats.up += n), handshakeDone),
        new Pipe(this, this.downAir, client, (n) => (this.stats.down += n)),
      ],
    };
    this.open.add(entry);
    client.on('data', (chunk: Buffer) => entry.pipes[0]!.push(chunk));
    upstream.on('data', (chunk: Buffer) => entry.pipes[1]!.push(chunk));
    // A side that closes still gets its last bytes across (they are on the air) before the other
    // side learns of the close; what was heading back to it is lost.
    const closed = (from: Socket, to: Socket, toward: Pipe, back: Pipe) => () => {
      back.cancel();
      toward.end(() => {
        if (from.destroyed && to.destroyed) this.open.delete(entry);
      });
      if (from.destroyed && to.destroyed) this.open.delete(entry);
    };
    const [up, down] = entry.pipes as [Pipe, Pipe];
    client.on('close', closed(client, upstream, up, down)).on('error', () => undefined);
    upstream.on('close', closed(upstream, client, down, up)).on('error', () => undefined);
  }

  private resetAll(count = true): void {
    for (const entry of this.open) {
      entry.pipes.forEach((p) => p.cancel());
      entry.client.resetAndDestroy();
      entry.upstream.destroy();
      if (count) this.stats.resets++;
    }
    this.open.clear();
  }

  /** In 'drop' mode, reset every connection when a scheduled outage begins. */
  private scheduleOutages(): void {
    const { outageEveryMs, outageMs, outageMode } = this.profile;
    if (outageEveryMs <= 0 || outageMode !== 'drop') return;
    const period = outageEveryMs * this.timeScale;
    const phase = (this.now() - this.started) % period;
    const downAt = (outageEveryMs - outageMs) * this.timeScale;
    const wait = phase < downAt ? downAt - phase : period - phase + downAt;
    this.outageTimer = setTimeout(() => {
      this.resetAll();
      this.scheduleOutages();
    }, wait);
    this.outageTimer.unref();
  }
}
