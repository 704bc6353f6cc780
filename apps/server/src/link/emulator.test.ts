/**
 * What the emulator owes the profile beyond a single connection: one bit rate each way shared by
 * every connection, a round trip before a new connection's first byte, and nothing of a cut
 * connection left on the air in front of the next one.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkEmulator } from './emulator.ts';
import type { LinkProfile } from './profiles.ts';

/** 80 kbit/s = 10 000 B/s, 100 ms one way, nothing lost, no scheduled outages. */
const steady: LinkProfile = {
  name: 'steady-80k',
  bitsPerSecond: 80_000,
  latencyMs: 100,
  lossRate: 0,
  retransmitMs: 0,
  outageEveryMs: 0,
  outageMs: 0,
  outageMode: 'drop',
};

/** A server that swallows bytes; `arrived(n)` resolves when `n` more bytes have come in, in all. */
function sink(): Promise<{
  port: number;
  arrived(n: number): Promise<number>;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let total = 0;
  const waiters: { until: number; resolve: (at: number) => void }[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      total += chunk.length;
      for (const w of waiters.filter((x) => total >= x.until)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(performance.now());
      }
    });
    socket.on('close', () => sockets.delete(socket)).on('error', () => undefined);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        arrived: (n) => new Promise((r) => waiters.push({ until: total + n, resolve: r })),
        close: () => {
          sockets.forEach((s) => s.destroy());
          return new Promise((r) => server.close(() => r()));
        },
      }),
    ),
  );
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LinkEmulator: one link, not one per connection', () => {
  let target: Awaited<ReturnType<typeof sink>>;
  beforeAll(async () => (target = await sink()));
  afterAll(() => target.close());

  it('shares the bit rate between connections', async () => {
    const link = new LinkEmulator({ profile: steady, targetPort: target.port });
    const port = await link.listen();
    const [a, b] = await Promise.all([open(port), open(port)]);
    const start = performance.now();
    const done = target.arrived(20_000);
    a.write(Buffer.alloc(10_000, 1));
    b.write(Buffer.alloc(10_000, 2));
    const last = await done;
    // 20 000 B at 10 000 B/s is 2 s on the air, plus the handshake (0.2 s) and latency (0.1 s);
    // a link per connection would have taken 1.3 s.
    expect((last - start) / 1000).toBeGreaterThanOrEqual(2.25);
    expect((last - start) / 1000).toBeLessThan(6);
    expect(link.stats.up).toBe(20_000);
    a.destroy();
    b.destroy();
    await link.close();
  });

  it('drops a cut connection from the air: the next one does not wait behind it', async () => {
    const link = new LinkEmulator({ profile: steady, targetPort: target.port });
    const port = await link.listen();
    const doomed = await open(port);
    doomed.on('error', () => undefined);
    doomed.write(Buffer.alloc(30_000, 1)); // 3 s on the air
    await sleep(400);
    link.outage(100);
    await sleep(150);
    const next = await open(port);
    const start = performance.now();
    const arrived = target.arrived(1_000);
    next.write(Buffer.alloc(1_000, 2));
    const seconds = ((await arrived) - start) / 1000;
    // Handshake 0.2 s + 0.1 s on the air + 0.1 s latency; behind the dead bytes it would be ≥ 2.5 s.
    expect(seconds).toBeGreaterThanOrEqual(0.38);
    expect(seconds).toBeLessThan(1.5);
    expect(link.stats.resets).toBe(1);
    next.destroy();
    await link.close();
  });
});
