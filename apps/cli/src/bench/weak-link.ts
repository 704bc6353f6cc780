/**
 * @module bench/weak-link
 * `tongilnet bench weak-link`: what one 40-character Korean text costs on the real `edge-9k6`
 * link (9.6 kbit/s, 800 ms one way; not time-compressed), counted at the link emulator
 * (@tongilnet/netem) between `tongilnet client` and a server: payload bytes each way as they cross the
 * socket (HTTP or WebSocket framing included), bytes on the air (plus the TCP/IP headers of every
 * segment, the handshake, the FIN and pure ACKs, as the emulator models them), round trips, seconds
 * on the air at 9.6 kbit/s, and how long the link was busy.
 *
 * Complements `bench message`, which counts the protocol's frames on a kept-alive loopback
 * connection: here every sync is a real `tongilnet client --home DIR sync` process — a phone that
 * wakes up, syncs once and goes quiet — so each sync opens a new TCP connection, as it would.
 *
 * The session is set up first (accounts, invitation, hellos, a few messages each way, receipts) on
 * the `lan` profile; then, for each profile, the link is reconfigured before each sync, so no
 * outage falls inside a measurement (the first is 30 s after a reconfiguration) and the seeded
 * losses are the same on every run. One message costs four syncs: the sender's (the message goes
 * up), the recipient's (it comes down), the recipient's next (acknowledgement and an encrypted
 * receipt go up) and the sender's next (the receipt comes down).
 *
 * Baseline in the same process: the same four syncs on the `lan` profile (no shaping). The bytes
 * must agree (only retransmissions differ); the ratio of link-busy times is what the weak link
 * costs in waiting. A kept-alive WebSocket (the app's way) is measured as well.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@tongilnet/client';
import { FileStore } from '@tongilnet/client/node';
import { buildServer } from '@tongilnet/server';
import WebSocket from 'ws';
import { note } from '../output.ts';
import {
  airBytes,
  profileByName,
  startNetem,
  type Netem,
  type NetemCounters,
} from '@tongilnet/netem';
import type { Bench, BenchFigure, BenchResult } from './harness.ts';
import { KOREAN_40 } from './message.ts';

const BITS_PER_SECOND = 9600;
const cliBin = fileURLToPath(new URL('../../bin/tongilnet.js', import.meta.url));

/** What one sync cost, at the emulator. */
export interface SyncCost {
  /** Payload bytes (HTTP/WebSocket and the protocol frame) client → server and back. */
  up: number;
  down: number;
  /** Bytes on the air each way: payload, TCP/IP headers, SYN/FIN/ACK, without retransmissions. */
  airUp: number;
  airDown: number;
  /** Bytes sent again after losses. */
  retransmitted: number;
  /** TCP handshakes plus request → reply turns. */
  roundTrips: number;
  connections: number;
  /** From the handshake or first byte entering the link to the last delivery, s. */
  busySeconds: number;
  /** Messages the sync printed (recipient: 1). */
  printed: string[];
}

function seconds(bytes: number): number {
  return (bytes * 8) / BITS_PER_SECOND;
}

function difference(before: NetemCounters, after: NetemCounters) {
  const air = (c: NetemCounters, side: 'up' | 'down') =>
    airBytes(c[side]) - c[side].retransmittedBytes;
  return {
    up: after.up.bytes - before.up.bytes,
    down: after.down.bytes - before.down.bytes,
    airUp: air(after, 'up') - air(before, 'up'),
    airDown: air(after, 'down') - air(before, 'down'),
    retransmitted:
      after.up.retransmittedBytes +
      after.down.retransmittedBytes -
      before.up.retransmittedBytes -
      before.down.retransmittedBytes,
    connections: after.connections - before.connections,
    roundTrips: after.connections - before.connections + (after.roundTrips - before.roundTrips),
  };
}

/** Runs `tongilnet client --home HOME sync --json`; resolves with the texts it printed. */
function cliSync(home: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, 'client', '--home', home, 'sync', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench weak-link: sync exited ${code}: ${err.trim()}`));
      else {
        resolve(
          out
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => (JSON.parse(l) as { text: string }).text),
        );
      }
    });
  });
}

async function withClient<T>(
  home: string,
  work: (c: Client) => Promise<T>,
  options: Partial<Parameters<typeof Client.open>[0]> = {},
): Promise<T> {
  const store = await FileStore.open(home);
  try {
    const client = await Client.open({ store, ...options });
    try {
      return await work(client);
    } finally {
      client.close();
    }
  } finally {
    await store.close();
  }
}

interface Busy {
  first?: number;
  last?: number;
}

/** Measures `job` at the emulator, with the link shaped by `profile` from a fresh start. */
async function measure(
  netem: Netem,
  busy: Busy,
  profile: string,
  job: () => Promise<string[]>,
): Promise<SyncCost> {
  netem.reconfigure(profileByName(profile));
  busy.first = undefined;
  busy.last = undefined;
  const before = netem.snapshot();
  const printed = await job();
  // Let the FIN and the last pure ACKs cross.
  const settleMs = Math.max(300, 2 * (netem.profile.up.latencyMs + netem.profile.delayedAckMs));
  await new Promise((r) => setTimeout(r, settleMs));
  const d = difference(before, netem.snapshot());
  const busySeconds =
    busy.first !== undefined && busy.last !== undefined ? (busy.last - busy.first) / 1000 : 0;
  return { ...d, busySeconds, printed };
}

interface MessageCost {
  sender: SyncCost;
  recipient: SyncCost;
  receipt: SyncCost;
  confirm: SyncCost;
}

async function oneMessage(
  netem: Netem,
  busy: Busy,
  profile: string,
  homes: { a: string; b: string },
): Promise<MessageCost> {
  await withClient(homes.a, (c) => c.send('b', KOREAN_40));
  const sender = await measure(netem, busy, profile, () => cliSync(homes.a));
  const recipient = await measure(netem, busy, profile, () => cliSync(homes.b));
  if (recipient.printed.length !== 1 || recipient.printed[0] !== KOREAN_40) {
    throw new Error(`bench weak-link: the recipient printed ${JSON.stringify(recipient.printed)}`);
  }
  const receipt = await measure(netem, busy, profile, () => cliSync(homes.b));
  const confirm = await measure(netem, busy, profile, () => cliSync(homes.a));
  const state = await withClient(homes.a, (c) =>
    Promise.resolve(c.messages('b').find((m) => m.text === KOREAN_40 && m.state === 'delivered')),
  );
  if (!state) throw new Error('bench weak-link: no receipt came back');
  return { sender, recipient, receipt, confirm };
}

/** The same on a WebSocket kept open (the app): the sender's sync and the recipient's. */
async function overWebSocket(
  netem: Netem,
  busy: Busy,
  profile: string,
  homes: { a: string; b: string },
): Promise<{ sender: SyncCost; recipient: SyncCost }> {
  const ws = {
    transport: 'websocket' as const,
    webSocket: (u: string) => new WebSocket(u) as never,
  };
  return withClient(
    homes.a,
    (a) =>
      withClient(
        homes.b,
        async (b) => {
          // Open both sockets (an empty sync each) before measuring; what b had is shown.
          netem.reconfigure(profileByName('lan'));
          await a.sync();
          await b.sync();
          await b.markShown(b.unshown().map((m) => m.id));
          await a.send('b', KOREAN_40);
          const sender = await measure(netem, busy, profile, async () => {
            await a.sync();
            return [];
          });
          // What arrived is read from the store, as the app shows it, not from the sync's report:
          // a sync cut after some of its exchanges went through throws, and its report with it.
          const recipient = await measure(netem, busy, profile, async () => {
            await b.sync();
            const fresh = b.unshown();
            await b.markShown(fresh.map((m) => m.id));
            return fresh.map((m) => m.text);
          });
          await b.sync();
          await a.sync();
          return { sender, recipient };
        },
        ws,
      ),
    ws,
  );
}

function total(m: MessageCost): { up: number; down: number; airUp: number; airDown: number } {
  const all = [m.sender, m.recipient, m.receipt, m.confirm];
  const sum = (f: (c: SyncCost) => number) => all.reduce((s, c) => s + f(c), 0);
  return {
    up: sum((c) => c.up),
    down: sum((c) => c.down),
    airUp: sum((c) => c.airUp),
    airDown: sum((c) => c.airDown),
  };
}

async function run(): Promise<BenchResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'tongilnet-bench-weak-link-'));
  const app = await buildServer({});
  const busy: Busy = {};
  let netem: Netem | undefined;
  try {
    const target = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port);
    netem = await startNetem({
      listen: { host: '127.0.0.1', port: 0 },
      target: { host: '127.0.0.1', port: target },
      profile: profileByName('lan'),
      seed: 96,
      onEvent: (e) => {
        if (e.type !== 'accept' && e.type !== 'send' && e.type !== 'deliver') return;
        const now = performance.now();
        busy.first ??= now;
        busy.last = now;
      },
    });
    const server = `http://127.0.0.1:${netem.port}`;
    const homes = { a: join(scratch, 'a'), b: join(scratch, 'b') };
    for (const home of [homes.a, homes.b]) {
      const store = await FileStore.open(home);
      try {
        (await Client.create({ store, server, language: 'english' })).client.close();
      } finally {
        await store.close();
      }
    }
    // The session: invitation, hellos, three messages each way and their receipts.
    const link = await withClient(homes.a, async (c) => {
      const invited = await c.invite({ name: 'b' });
      await c.sync();
      return invited.link;
    });
    await withClient(homes.b, (c) => c.accept(link, 'a'));
    for (let i = 0; i < 4; i++) {
      await withClient(homes.b, async (c) => {
        if (i < 3) await c.send('a', `warm-up ${i}`);
        await c.sync();
      });
      await withClient(homes.a, async (c) => {
        if (i < 3) await c.send('b', `warm-up ${i}`);
        await c.sync();
      });
    }
    /** Unmeasured syncs on lan until nothing is left to send or acknowledge. */
    const flush = async () => {
      netem!.reconfigure(profileByName('lan'));
      for (let i = 0; i < 2; i++) {
        await withClient(homes.b, (c) => c.sync());
        await withClient(homes.a, (c) => c.sync());
      }
      await cliSync(homes.a); // prints what arrived, so the next round prints only its message
      await cliSync(homes.b);
    };
    await flush();

    note('bench weak-link: one message on lan, then on edge-9k6 in real time (about a minute)');
    const lan = await oneMessage(netem, busy, 'lan', homes);
    await flush();
    const edge = await oneMessage(netem, busy, 'edge-9k6', homes);
    await flush();
    const ws = await overWebSocket(netem, busy, 'edge-9k6', homes);

    const line = (
      name: string,
      c: SyncCost,
      base: SyncCost,
      side: 'up' | 'down',
    ): BenchFigure[] => [
      {
        name: `${name}: bytes on the socket up / down (HTTP + frame)`,
        value: c.up,
        unit: `B up / ${c.down} B down`,
        baseline: { name: 'lan, up', value: base.up, unit: 'B' },
        ratio: c.up / base.up,
      },
      {
        name: `${name}: bytes on the air up / down (+ TCP/IP headers, SYN, FIN, ACKs)`,
        value: c.airUp,
        unit: `B up / ${c.airDown} B down`,
        note: c.retransmitted ? `${c.retransmitted} B retransmitted after losses, not counted` : '',
      },
      {
        name: `${name}: round trips`,
        value: c.roundTrips,
        unit: `(${c.connections} TCP handshake${c.connections === 1 ? '' : 's'} + ${c.roundTrips - c.connections} request/reply)`,
      },
      {
        name: `${name}: seconds on the air at 9.6 kbit/s, ${side === 'up' ? 'phone transmitting' : 'phone receiving'}`,
        value: seconds(side === 'up' ? c.airUp : c.airDown),
        unit: 's',
        note: `${seconds(side === 'up' ? c.airDown : c.airUp).toFixed(2)} s the other way`,
      },
      {
        name: `${name}: link busy (first SYN or byte in to last byte out)`,
        value: c.busySeconds,
        unit: 's',
        baseline: { name: 'lan', value: base.busySeconds, unit: 's' },
        ratio: c.busySeconds / Math.max(base.busySeconds, 1e-3),
      },
    ];
    const t = total(edge);
    const tl = total(lan);
    const figures: BenchFigure[] = [
      ...line('sender sync (message up), edge-9k6, new connection', edge.sender, lan.sender, 'up'),
      ...line(
        'recipient sync (message down), edge-9k6, new connection',
        edge.recipient,
        lan.recipient,
        'down',
      ),
      ...line('recipient next sync (ack + receipt up)', edge.receipt, lan.receipt, 'up'),
      ...line('sender next sync (receipt down)', edge.confirm, lan.confirm, 'down'),
      {
        name: 'whole message, four syncs, bytes on the socket up / down',
        value: t.up,
        unit: `B up / ${t.down} B down`,
        baseline: { name: 'lan', value: tl.up + tl.down, unit: 'B both ways' },
        ratio: (t.up + t.down) / (tl.up + tl.down),
      },
      {
        name: 'whole message, four syncs, seconds on the air at 9.6 kbit/s (both phones, both ways)',
        value: seconds(t.airUp + t.airDown),
        unit: 's',
        note: `${t.airUp + t.airDown} B on the air; ${edge.sender.roundTrips + edge.recipient.roundTrips + edge.receipt.roundTrips + edge.confirm.roundTrips} round trips`,
      },
      {
        name: 'sender sync on an open WebSocket, edge-9k6: bytes on the socket up / down',
        value: ws.sender.up,
        unit: `B up / ${ws.sender.down} B down`,
        baseline: { name: 'HTTP, new connection, up', value: edge.sender.up, unit: 'B' },
        ratio: ws.sender.up / edge.sender.up,
        note: `${ws.sender.roundTrips} round trip; ${seconds(ws.sender.airUp).toFixed(2)} s on the air up; link busy ${ws.sender.busySeconds.toFixed(2)} s`,
      },
      {
        name: 'recipient sync on an open WebSocket, edge-9k6: bytes on the socket up / down',
        value: ws.recipient.up,
        unit: `B up / ${ws.recipient.down} B down`,
        note: `${ws.recipient.roundTrips} round trip; ${seconds(ws.recipient.airDown).toFixed(2)} s on the air down`,
      },
    ];
    return { bench: 'weak-link', figures };
  } finally {
    await netem?.close();
    await app.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const weakLinkBench: Bench = {
  name: 'weak-link',
  description:
    'one 40-character Korean text through the edge-9k6 link emulator in real time: bytes each way, round trips, seconds on air',
  run,
};
