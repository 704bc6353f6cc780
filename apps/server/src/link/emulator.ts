/**
 * @module link/emulator
 * A TCP proxy on loopback that makes a fast local connection behave like a weak radio link:
 * limited bits per second each way (segments are paced, so a big frame takes its time), one-way
 * latency, segment loss turned into retransmission delay, and outages that reset connections or
 * stall them. `timeScale` compresses every duration (0.1: ten times faster) so tests can run a
 * 9.6 kbit/s profile in seconds while keeping its shape. The target can be changed while running,
 * so a server restarted on a new port stays behind the same client URL.
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

/** One direction of one connection: paces segments and delivers them in order. */
class Pipe {
  private busyUntil = 0;
  private lastArrival = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly link: LinkEmulator,
    private readonly to: Socket,
    private readonly count: (bytes: number) => void,
  ) {}

  push(chunk: Buffer): void {
    for (let at = 0; at < chunk.length; at += SEGMENT_BYTES) {
      this.schedule(chunk.subarray(at, at + SEGMENT_BYTES));
    }
  }

  private schedule(segment: Buffer): void {
    const link = this.link;
    const now = link.now();
    let start = Math.max(now, this.busyUntil);
    // In a stalling outage nothing leaves until the link is back.
    if (link.profile.outageMode === 'stall') start = link.nextUpAt(start);
    const serialise = ((segment.length * 8) / link.profile.bitsPerSecond) * 1000 * link.timeScale;
    this.busyUntil = start + serialise;
    let arrival = this.busyUntil + link.profile.latencyMs * link.timeScale;
    if (link.lose()) arrival += link.profile.retransmitMs * link.timeScale;
    arrival = Math.max(arrival, this.lastArrival);
    this.lastArrival = arrival;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.to.destroyed) {
        this.count(segment.length);
        this.to.write(segment);
      }
      if (this.timers.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }, arrival - now);
    this.timers.add(timer);
  }

  /** Calls `fn` once every segment in flight has arrived. */
  whenIdle(fn: () => void): void {
    if (this.timers.size === 0) fn();
    else this.idleWaiters.push(fn);
  }

  /** Bytes still in flight are lost with the connection. */
  cancel(): void {
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
    const entry = {
      client,
      upstream,
      pipes: [
        new Pipe(this, upstream, (n) => (this.stats.up += n)),
        new Pipe(this, client, (n) => (this.stats.down += n)),
      ],
    };
    this.open.add(entry);
    client.on('data', (chunk: Buffer) => entry.pipes[0]!.push(chunk));
    upstream.on('data', (chunk: Buffer) => entry.pipes[1]!.push(chunk));
    // A side that closes still gets its last bytes across (they are on the air) before the other
    // side learns of the close; what was heading back to it is lost.
    const closed = (from: Socket, to: Socket, toward: Pipe, back: Pipe) => () => {
      back.cancel();
      toward.whenIdle(() => {
        to.end();
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
