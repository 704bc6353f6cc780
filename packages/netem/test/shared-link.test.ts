/**
 * What the emulator owes the profile beyond a single connection, and what the server's tests need
 * of it (carried over from the server's former LinkEmulator tests): one bit rate each way shared by
 * every connection, a round trip before a new connection's first byte, nothing of a cut connection
 * left on the air in front of the next one, time compression, and a target that can move (a server
 * restarted on a new port).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { compressProfile, profileByName, type LinkProfile } from '../src/profile.ts';
import { systemClock, type Clock } from '../src/clock.ts';
import { startNetem, type Netem } from '../src/proxy.ts';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** 80 kbit/s = 10 000 B/s of wire bytes each way, 100 ms one way, nothing lost, no outages. */
function steady(change: (p: LinkProfile) => void = () => undefined): LinkProfile {
  const p = profileByName('lan');
  p.name = 'steady-80k';
  for (const d of [p.up, p.down]) {
    d.bitsPerSecond = 80_000;
    d.latencyMs = 100;
  }
  change(p);
  return p;
}

/**
 * A server that echoes or swallows bytes, or resets a connection once `resetAfter` bytes came in
 * on it; `arrived(n)` resolves (with performance.now()) when `n` more bytes have come in, in all.
 */
async function target(mode: 'echo' | 'sink', resetAfter = Infinity) {
  const sockets = new Set<Socket>();
  let total = 0;
  const waiters: { until: number; resolve: (at: number) => void }[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let mine = 0;
    socket.on('data', (chunk: Buffer) => {
      total += chunk.length;
      mine += chunk.length;
      if (mode === 'echo') socket.write(chunk);
      for (const w of waiters.filter((x) => total >= x.until)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(performance.now());
      }
      if (mine >= resetAfter) socket.resetAndDestroy();
    });
    socket.on('close', () => sockets.delete(socket)).on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((r) => server.close(r));
    },
  });
  return {
    port: (server.address() as { port: number }).port,
    arrived: (n: number) =>
      new Promise<number>((r) => waiters.push({ until: total + n, resolve: r })),
  };
}

async function link(profile: LinkProfile, port: number, clock?: Clock): Promise<Netem> {
  const n = await startNetem({
    listen: { host: '127.0.0.1', port: 0 },
    target: { host: '127.0.0.1', port },
    profile,
    seed: 1,
    clock,
  });
  open.push(n);
  return n;
}

function dial(n: Netem): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: n.port, host: '127.0.0.1' }, () => resolve(socket));
    socket.once('error', reject);
    open.push({ close: () => socket.destroy() });
  });
}

/** Sends `bytes` and resolves with the seconds until all of them came back. */
function roundTrip(socket: Socket, bytes: number): Promise<number> {
  const start = performance.now();
  let got = 0;
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      got += chunk.length;
      if (got >= bytes) {
        socket.off('data', onData);
        resolve((performance.now() - start) / 1000);
      }
    };
    socket.on('data', onData);
    socket.write(Buffer.alloc(bytes, 7));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('netem: one link, not one per connection', { timeout: 20_000 }, () => {
  it('shares the bit rate between connections', async () => {
    const sink = await target('sink');
    const n = await link(steady(), sink.port);
    const [a, b] = await Promise.all([dial(n), dial(n)]);
    const start = performance.now();
    const done = sink.arrived(20_000);
    a.write(Buffer.alloc(10_000, 1));
    b.write(Buffer.alloc(10_000, 2));
    const seconds = ((await done) - start) / 1000;
    // 20 000 B (+ headers) at 10 000 B/s is over 2 s on the air, plus latency; a link per
    // connection would have taken about 1.2 s.
    expect(seconds).toBeGreaterThanOrEqual(2.05);
    expect(seconds).toBeLessThan(6);
    expect(n.counters.up.bytes).toBe(20_000);
  });

  it('takes a connection the server reset off the air: the next one does not wait', async () => {
    const sink = await target('sink', 1000);
    const n = await link(steady(), sink.port);
    const doomed = await dial(n);
    doomed.on('error', () => undefined);
    const reset = new Promise((resolve) => doomed.once('close', resolve));
    doomed.write(Buffer.alloc(30_000, 1)); // 3 s on the air; the server resets it after 1000 B
    await reset;
    const next = await dial(n);
    const start = performance.now();
    const arrived = sink.arrived(1000);
    next.write(Buffer.alloc(1000, 2));
    const seconds = ((await arrived) - start) / 1000;
    // Handshake 0.2 s + 0.1 s on the air + 0.1 s latency; behind the dead bytes it would be ≥ 2 s.
    expect(seconds).toBeGreaterThanOrEqual(0.38);
    expect(seconds).toBeLessThan(1.5);
  });

  it('takes what an outage cut off the air: the next one does not wait', async () => {
    const sink = await target('sink');
    const n = await link(
      steady((p) => {
        p.outage = {
          pattern: { kind: 'periodic', everyMs: 60_000, durationMs: 100, firstAtMs: 400 },
          existing: 'cut',
          incoming: 'refuse',
        };
      }),
      sink.port,
    );
    const doomed = await dial(n);
    doomed.on('error', () => undefined);
    doomed.write(Buffer.alloc(30_000, 1)); // 3 s on the air
    await sleep(550);
    const next = await dial(n);
    const start = performance.now();
    const arrived = sink.arrived(1000);
    next.write(Buffer.alloc(1000, 2));
    const seconds = ((await arrived) - start) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(0.38);
    expect(seconds).toBeLessThan(1.5);
    expect(n.counters.cut).toBe(1);
  });

  it('delivers nothing in an outage, even when the outage timer runs late', async () => {
    const sink = await target('sink');
    // A loaded machine: the first timer (the outage's, armed at start) fires 600 ms late.
    const system = systemClock();
    let timers = 0;
    const late: Clock = {
      now: system.now,
      setTimer: (fn, ms) => system.setTimer(fn, timers++ === 0 ? ms + 600 : ms),
    };
    const n = await link(
      steady((p) => {
        p.outage = {
          pattern: { kind: 'periodic', everyMs: 60_000, durationMs: 200, firstAtMs: 380 },
          existing: 'cut',
          incoming: 'refuse',
        };
      }),
      sink.port,
      late,
    );
    const socket = await dial(n);
    const closed = new Promise((resolve) =>
      socket.on('error', () => undefined).once('close', resolve),
    );
    // Handshake until 200 ms, 104 ms on the air, due at ~404 ms: inside the outage (380..580).
    socket.write(Buffer.alloc(1000, 3));
    const arrived = sink.arrived(1);
    const first = await Promise.race([arrived.then(() => 'delivered'), closed.then(() => 'cut')]);
    expect(first).toBe('cut');
    expect(n.counters.up.bytes).toBe(0);
    expect(n.counters.cut).toBe(1);
  });

  it('holds a segment due in an outage until the link is back', async () => {
    const sink = await target('sink');
    const n = await link(
      steady((p) => {
        p.outage = {
          pattern: { kind: 'periodic', everyMs: 60_000, durationMs: 300, firstAtMs: 380 },
          existing: 'hold',
          incoming: 'blackhole',
        };
      }),
      sink.port,
    );
    const start = performance.now();
    const socket = await dial(n);
    // Off the air at ~304 ms, due at ~404 ms: in the outage (380..680), so it waits for its end.
    socket.write(Buffer.alloc(1000, 4));
    const at = (await sink.arrived(1000)) - start;
    expect(at).toBeGreaterThanOrEqual(670);
    expect(at).toBeLessThan(1200);
  });
});

describe('netem: what the server tests use', { timeout: 20_000 }, () => {
  it('takes at least serialisation + latency each way, and counts the bytes', async () => {
    const echo = await target('echo');
    const n = await link(steady(), echo.port);
    const socket = await dial(n);
    // 10 000 B at 80 kbit/s (1 s) up, streaming back down while the rest goes up, latency both
    // ways (0.2 s) and the handshake before the first byte (0.2 s).
    const seconds = await roundTrip(socket, 10_000);
    expect(seconds).toBeGreaterThanOrEqual(1.4);
    expect(seconds).toBeLessThan(4);
    expect(n.counters.up.bytes).toBe(10_000);
    expect(n.counters.down.bytes).toBe(10_000);
  });

  it('compresses time (compressProfile)', async () => {
    const echo = await target('echo');
    const n = await link(compressProfile(steady(), 10), echo.port);
    const socket = await dial(n);
    const seconds = await roundTrip(socket, 10_000);
    expect(seconds).toBeGreaterThanOrEqual(0.14);
    expect(seconds).toBeLessThan(1.2);
  });

  it('follows a new target (a server restarted on another port)', async () => {
    const echo = await target('echo');
    const n = await link(steady(), 1);
    const lost = await dial(n);
    const closed = new Promise((resolve) =>
      lost.on('error', () => undefined).once('close', resolve),
    );
    lost.write('anyone?');
    await closed; // nothing listens on port 1: the reset comes back over the link
    expect(n.counters.targetFailures).toBe(1);
    n.setTarget({ host: '127.0.0.1', port: echo.port });
    const socket = await dial(n);
    expect(await roundTrip(socket, 100)).toBeGreaterThan(0.39);
    expect(n.counters.connections).toBe(2);
  });
});
