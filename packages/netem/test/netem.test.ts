/**
 * The link emulator with real sockets on loopback and the real clock: throughput, added latency,
 * outages that hold or cut, refused and black-holed connections, and exact byte counters. Links
 * are faster than the real profiles (hundreds of kbit/s) so each case takes a second or two; the
 * model is the same at any rate (see src/transmitter.test.ts for the exact arithmetic).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { profileByName, type LinkProfile } from '../src/profile.ts';
import { airBytes, startNetem, type Netem, type NetemEvent } from '../src/proxy.ts';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** A server that echoes what it reads, or only counts it. */
async function target(mode: 'echo' | 'sink'): Promise<{ port: number; received: () => number }> {
  let received = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
    s.on('data', (d: Buffer) => {
      received += d.length;
      if (mode === 'echo') s.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  });
  return { port: (server.address() as { port: number }).port, received: () => received };
}

function link(
  overrides: (p: LinkProfile) => void,
  targetPort: number,
  events?: NetemEvent[],
  seed = 42,
) {
  const profile = profileByName('lan');
  profile.name = 'test';
  overrides(profile);
  return startNetem({
    listen: { host: '127.0.0.1', port: 0 },
    target: { host: '127.0.0.1', port: targetPort },
    profile,
    seed,
    onEvent: events ? (e) => events.push(e) : undefined,
  }).then((n) => {
    open.push(n);
    return n;
  });
}

function dial(n: Netem): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(n.port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
    open.push({ close: () => s.destroy() });
  });
}

/** Resolves with the time (performance.now()) at which `bytes` more bytes have been read. */
function readUntil(s: Socket, bytes: number): Promise<number> {
  let got = 0;
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      got += d.length;
      if (got < bytes) return;
      s.off('data', onData).off('close', onClose);
      resolve(performance.now());
    };
    const onClose = () => reject(new Error(`closed after ${got} of ${bytes} bytes`));
    s.on('data', onData).on('close', onClose);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('netem link emulator', { timeout: 15_000 }, () => {
  it('carries data at the configured bandwidth', async () => {
    const echo = await target('echo');
    const bps = 160_000; // 20 kB/s of wire bytes
    const n = await link((p) => {
      p.up.bitsPerSecond = bps;
      p.down.bitsPerSecond = 1e9;
      p.up.bufferBytes = 8192;
    }, echo.port);
    const s = await dial(n);
    const total = 48_000;
    const payload = Buffer.alloc(total, 0x41);
    const start = performance.now();
    s.write(payload);
    const end = await readUntil(s, total);
    const seconds = (end - start) / 1000;
    // Wire bytes: the payload plus 40 B per 1460 B segment, and the SYN ahead of it.
    const wire = total + Math.ceil(total / 1460) * 40 + 60;
    const expected = (wire * 8) / bps; // 2.5 s
    expect(seconds).toBeGreaterThan(expected * 0.97);
    expect(seconds).toBeLessThan(expected * 1.15);
    expect(n.counters.up.bytes).toBe(total);
    expect(n.counters.down.bytes).toBe(total);
  });

  it('adds the one-way latency each way, and a handshake before the first byte', async () => {
    const echo = await target('echo');
    const n = await link((p) => {
      p.up.latencyMs = 150;
      p.down.latencyMs = 100;
    }, echo.port);
    const t0 = performance.now();
    const s = await dial(n);
    s.write('ping');
    const first = (await readUntil(s, 4)) - t0;
    // SYN up (150) + SYN-ACK down (100), then the data up (150) and back (100).
    expect(first).toBeGreaterThan(495);
    expect(first).toBeLessThan(700); // slack for a busy machine
    const t1 = performance.now();
    s.write('pong');
    const second = (await readUntil(s, 4)) - t1;
    expect(second).toBeGreaterThan(245);
    expect(second).toBeLessThan(400);
    expect(n.counters.roundTrips).toBe(2);
    expect(n.counters.connections).toBe(1);
  });

  it('changes its shaping on reconfigure, keeping open connections', async () => {
    const echo = await target('echo');
    const n = await link(() => undefined, echo.port);
    const s = await dial(n);
    let t = performance.now();
    s.write('fast');
    expect((await readUntil(s, 4)) - t).toBeLessThan(100);
    const slow = profileByName('lan');
    slow.up.latencyMs = 200;
    slow.down.latencyMs = 100;
    n.reconfigure(slow);
    expect(n.profile.up.latencyMs).toBe(200);
    t = performance.now();
    s.write('slow');
    const rtt = (await readUntil(s, 4)) - t;
    expect(rtt).toBeGreaterThan(295);
    expect(rtt).toBeLessThan(450);
    expect(n.counters.connections).toBe(1);
  });

  it('holds bytes through an outage and delivers them when the link is back', async () => {
    const echo = await target('echo');
    const events: NetemEvent[] = [];
    const n = await link(
      (p) => {
        p.outage = {
          pattern: { kind: 'periodic', everyMs: 10_000, durationMs: 800, firstAtMs: 300 },
          existing: 'hold',
          incoming: 'blackhole',
        };
      },
      echo.port,
      events,
    );
    const s = await dial(n);
    await sleep(400); // inside the outage (300..1100 ms after the link started)
    expect(n.isDown()).toBe(true);
    const sent = performance.now();
    s.write('held');
    const back = await readUntil(s, 4);
    const outageEnd = sent + (1100 - 400);
    expect(back).toBeGreaterThan(outageEnd - 60);
    expect(back).toBeLessThan(outageEnd + 200);
    expect(events.filter((e) => e.type === 'outage')).toHaveLength(1);
    expect(events.some((e) => e.type === 'cut')).toBe(false);
    expect(n.counters.cut).toBe(0);
  });

  it('cuts open connections at an outage and refuses new ones until it ends', async () => {
    const echo = await target('echo');
    const n = await link((p) => {
      p.outage = {
        pattern: { kind: 'periodic', everyMs: 10_000, durationMs: 600, firstAtMs: 300 },
        existing: 'cut',
        incoming: 'refuse',
      };
    }, echo.port);
    const s = await dial(n);
    const closed = new Promise<number>((resolve) =>
      s.on('close', () => resolve(performance.now())),
    );
    const opened = performance.now();
    const at = await closed;
    expect(at - opened).toBeGreaterThan(250);
    expect(at - opened).toBeLessThan(500);
    expect(n.counters.cut).toBe(1);
    // During the outage a new connection is reset at once (ECONNRESET on the first read).
    const refused = await new Promise<string>((resolve) => {
      const r = connect(n.port, '127.0.0.1');
      r.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      r.on('close', () => resolve('closed'));
    });
    expect(['ECONNRESET', 'closed']).toContain(refused);
    expect(n.counters.refused).toBe(1);
    await sleep(1000 - (performance.now() - opened)); // past the outage's end (900 ms)
    const again = await dial(n);
    again.write('up again');
    await readUntil(again, 8);
    expect(n.counters.connections).toBe(2);
  });

  it('black-holes a connection attempted during an outage until the link returns', async () => {
    const echo = await target('echo');
    const n = await link((p) => {
      p.outage = {
        pattern: { kind: 'periodic', everyMs: 10_000, durationMs: 700, firstAtMs: 200 },
        existing: 'cut',
        incoming: 'blackhole',
      };
    }, echo.port);
    await sleep(300);
    const start = performance.now();
    const s = await dial(n);
    s.write('hello');
    const back = await readUntil(s, 5);
    // The outage ends 900 ms after the link started, i.e. ~600 ms after we dialled.
    expect(back - start).toBeGreaterThan(540);
    expect(back - start).toBeLessThan(850);
    expect(n.counters.refused).toBe(0);
  });

  it('counts payload bytes exactly each way, plus headers, segments and round trips', async () => {
    const echo = await target('echo');
    const n = await link((p) => {
      p.up.mssBytes = 500;
      p.down.mssBytes = 500;
    }, echo.port);
    const sizes = [1, 499, 500, 501, 3000, 12_345];
    let total = 0;
    const s = await dial(n);
    for (const size of sizes) {
      s.write(Buffer.alloc(size, 7));
      total += size;
      await readUntil(s, size);
    }
    s.end();
    await sleep(100);
    const c = n.snapshot();
    expect(c.up.bytes).toBe(total);
    expect(c.down.bytes).toBe(total);
    expect(echo.received()).toBe(total);
    const minSegments = sizes.reduce((sum, x) => sum + Math.ceil(x / 500), 0);
    expect(c.up.segments).toBeGreaterThanOrEqual(minSegments);
    expect(c.up.headerBytes).toBe(40 * c.up.segments);
    expect(c.roundTrips).toBe(sizes.length);
    expect(c.connections).toBe(1);
    // SYN 60 + FIN 40 up; SYN-ACK 60 down, plus pure ACKs for the echoes' last segments.
    expect(c.up.controlBytes).toBeGreaterThanOrEqual(100);
    expect(c.down.controlBytes).toBeGreaterThanOrEqual(60);
    expect(airBytes(c.up)).toBe(c.up.bytes + c.up.headerBytes + c.up.controlBytes);
  });

  it('repeats the same losses for the same seed', async () => {
    const sink = await target('sink');
    const lossy = (p: LinkProfile) => {
      p.up.lossRate = 0.3;
      p.up.retransmitMs = 5;
    };
    const run = async (seed: number) => {
      const events: NetemEvent[] = [];
      const n = await link(lossy, sink.port, events, seed);
      const s = await dial(n);
      // One segment per write: wait for each to arrive, so socket reads never merge two.
      for (let i = 0; i < 60; i++) {
        const before = sink.received();
        s.write(Buffer.alloc(100, i));
        while (sink.received() < before + 100) await sleep(1);
      }
      const pattern = events.flatMap((e) => (e.type === 'deliver' ? [e.retransmissions] : []));
      return { ...n.snapshot().up, pattern };
    };
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    expect(a.segments).toBe(60);
    expect(a.lostSegments).toBeGreaterThan(8);
    expect(a.lostSegments).toBe(b.lostSegments);
    expect(a.retransmittedBytes).toBe(b.retransmittedBytes);
    expect(a.retransmittedBytes).toBe(a.lostSegments * 140);
    expect(a.pattern).toEqual(b.pattern);
    expect(c.pattern).not.toEqual(a.pattern);
    expect(a.bytes).toBe(6000);
  });
});
