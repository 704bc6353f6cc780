/**
 * The link emulator itself: it paces bytes at the profile's rate, adds latency, resets connections
 * in outages and follows a restarted target.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_PROFILES, LinkEmulator, type LinkProfile } from '../src/index.ts';

const echoSockets = new Set<Socket>();

function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    echoSockets.add(socket);
    socket.on('close', () => echoSockets.delete(socket)).on('error', () => undefined);
    socket.pipe(socket);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port }),
    ),
  );
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => resolve(socket));
    socket.once('error', reject);
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

describe('LinkEmulator', () => {
  let echo: { server: Server; port: number };
  beforeAll(async () => (echo = await echoServer()));
  afterAll(async () => {
    for (const socket of echoSockets) socket.destroy();
    await new Promise<void>((resolve) => echo.server.close(() => resolve()));
  });

  it('takes at least serialisation + latency each way, and counts the bytes', async () => {
    const link = new LinkEmulator({ profile: steady, targetPort: echo.port });
    const port = await link.listen();
    const socket = await open(port);
    // The echo streams back while the rest is still going up, so the round trip is 10 000 B at
    // 80 kbit/s (1 s), latency both ways (0.2 s) and the last segment's way down (0.146 s).
    const seconds = await roundTrip(socket, 10_000);
    expect(seconds).toBeGreaterThanOrEqual(1.3);
    expect(seconds).toBeLessThan(4);
    expect(link.stats.up).toBe(10_000);
    expect(link.stats.down).toBe(10_000);
    socket.destroy();
    await link.close();
  });

  it('compresses time with timeScale', async () => {
    const link = new LinkEmulator({ profile: steady, targetPort: echo.port, timeScale: 0.1 });
    const socket = await open(await link.listen());
    const seconds = await roundTrip(socket, 10_000);
    expect(seconds).toBeGreaterThanOrEqual(0.13);
    expect(seconds).toBeLessThan(1.5);
    socket.destroy();
    await link.close();
  });

  it('resets connections in an outage, refuses new ones, then works again', async () => {
    const link = new LinkEmulator({ profile: steady, targetPort: echo.port });
    const port = await link.listen();
    const socket = await open(port);
    const reset = new Promise<string>((resolve) =>
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? '')),
    );
    link.outage(400);
    expect(await reset).toBe('ECONNRESET');
    expect(link.stats.resets).toBe(1);
    expect(link.isDown()).toBe(true);
    const refused = await open(port).then(
      (s) => new Promise<boolean>((resolve) => s.once('close', () => resolve(true))),
      () => true,
    );
    expect(refused).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const again = await open(port);
    expect(await roundTrip(again, 100)).toBeGreaterThan(0.2);
    again.destroy();
    await link.close();
  });

  it('schedules outages from the profile and follows a new target', async () => {
    const edge = LINK_PROFILES['edge-9k6']!;
    const link = new LinkEmulator({ profile: edge, targetPort: 1, timeScale: 0.01 });
    // Outages fill the last 10 s of each minute: scaled, 0.1 s of every 0.6 s.
    const t0 = link.now();
    expect(link.isDown(t0 + 100)).toBe(false);
    expect(link.isDown(t0 + 550)).toBe(true);
    expect(Math.abs(link.nextUpAt(t0 + 550) - (t0 + 600))).toBeLessThan(1e-6 * t0 + 1e-3);
    const port = await link.listen();
    link.setTarget(echo.port);
    // The first attempt may meet an outage; a client would retry, and so do we.
    let seconds = 0;
    for (let attempt = 0; attempt < 5 && seconds === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, link.nextUpAt(link.now()) - link.now()));
      const socket = await open(port).catch(() => undefined);
      if (!socket) continue;
      socket.on('error', () => undefined);
      seconds = await Promise.race([
        roundTrip(socket, 100),
        new Promise<number>((resolve) => socket.once('close', () => resolve(0))),
      ]);
      socket.destroy();
    }
    expect(seconds).toBeGreaterThan(0);
    await link.close();
  });
});
