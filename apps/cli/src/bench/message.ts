/**
 * @module bench/message
 * `tongilnet bench message`: what one short message costs on the air once two people are
 * connected — bytes each way, round trips, and seconds of transmission at 9.6 kbit/s (the edge of
 * a cross-border cell, where time on air is risk).
 *
 * Two clients talk through a real server (PGlite in memory) on loopback, behind a counting TCP
 * proxy, so the "HTTP" figures are the bytes that really crossed the socket (request line, headers
 * and body); the "frame" figures are the protocol's own bytes. The message is a 40-character
 * Korean text, sent after a few messages each way so no key refresh rides along (that costs about
 * 470 bytes once every 50 messages; the figure is listed too).
 *
 * Baselines: (1) in this process, the same Sync frame carrying the bare text instead of an MLS
 * message — what the E2E encryption itself costs; (2) stated, not measured: a Signal message with
 * 5 bytes of text is about 72 bytes, 466 with sealed sender (figures quoted in the service issue);
 * a 5-byte text is measured here for the comparison.
 */
import { createServer, connect, type Server } from 'node:net';
import { Client, MemoryStore, encodeContent, textContent } from '@tongilnet/client';
import { buildSync, encodeClientFrame, signedReceive, signedSend } from '@tongilnet/protocol';
import { buildServer } from '@tongilnet/server';
import WebSocket from 'ws';
import type { Bench, BenchFigure, BenchResult } from './harness.ts';

/** 40 characters: "Mother, I miss you. I am doing well. Don't worry and stay healthy". */
export const KOREAN_40 = '어머니 보고 싶어요. 저는 잘 지내고 있어요. 걱정하지 마시고 건강하세요';
const BITS_PER_SECOND = 9600;
/** IPv4 (20) + TCP (20) header bytes per segment; 2G/3G links carry them uncompressed. */
const TCP_IP_HEADER = 40;

interface Counts {
  up: number;
  down: number;
  connections: number;
  requests: number;
}

/** A loopback TCP proxy that counts the bytes each way, connections and HTTP requests. */
async function countingProxy(
  target: number,
): Promise<{ server: Server; port: number; counts: Counts }> {
  const counts: Counts = { up: 0, down: 0, connections: 0, requests: 0 };
  const server = createServer((client) => {
    counts.connections++;
    const upstream = connect(target, '127.0.0.1');
    client.on('data', (chunk: Buffer) => {
      counts.up += chunk.length;
      if (/^(POST|GET) /.test(chunk.subarray(0, 5).toString('latin1'))) counts.requests++;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      counts.down += chunk.length;
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('proxy has no port');
  return { server, port: address.port, counts };
}

function airSeconds(bytes: number): number {
  return (bytes * 8) / BITS_PER_SECOND;
}

/** Rough TCP/IP overhead of one exchange on a kept-alive connection: data segments and ACKs. */
function tcpOverhead(up: number, down: number): { up: number; down: number } {
  const segments = (n: number) => Math.max(1, Math.ceil(n / 1460));
  // Each side's data segments carry headers; each direction's data is ACKed by the other.
  return {
    up: TCP_IP_HEADER * (segments(up) + segments(down)),
    down: TCP_IP_HEADER * (segments(down) + segments(up)),
  };
}

interface SyncCost {
  frameUp: number;
  frameDown: number;
  httpUp: number;
  httpDown: number;
  requests: number;
  connections: number;
  received: number;
}

async function run(): Promise<BenchResult> {
  const app = await buildServer({});
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const proxy = await countingProxy(Number(new URL(url).port));
  const server = `http://127.0.0.1:${proxy.port}`;
  const stores = { a: new MemoryStore(), b: new MemoryStore() };
  const clients: Client[] = [];
  try {
    const make = async (store: MemoryStore) => {
      const { client } = await Client.create({ store, server, language: 'english' });
      clients.push(client);
      return client;
    };
    let a = await make(stores.a);
    let b = await make(stores.b);
    const { link } = await a.invite({ name: 'b' });
    await a.sync();
    await b.accept(link, 'a');
    // Warm up: hellos, a few messages each way, receipts and the joiner's first key refresh,
    // then sync until both outboxes are empty.
    const settle = async () => {
      for (let i = 0; i < 3; i++) for (const c of [a, b]) await c.sync();
    };
    await settle();
    for (let i = 0; i < 3; i++) {
      await a.send('b', `warm-up ${i}`);
      await b.send('a', `warm-up ${i}`);
      await settle();
    }

    const measureSync = async (c: Client): Promise<SyncCost> => {
      const before = { ...proxy.counts };
      const report = await c.sync();
      return {
        frameUp: report.bytesUp,
        frameDown: report.bytesDown,
        httpUp: proxy.counts.up - before.up,
        httpDown: proxy.counts.down - before.down,
        requests: proxy.counts.requests - before.requests,
        connections: proxy.counts.connections - before.connections,
        received: report.received.length,
      };
    };
    /** a sends; a's sync, b's sync that fetches it, b's next sync carrying the receipt. */
    const cost = async (text: string) => {
      await a.send('b', text);
      const sender = await measureSync(a);
      const recipient = await measureSync(b);
      const receipt = await measureSync(b);
      await settle();
      if (recipient.received !== 1) throw new Error('bench message: expected exactly one message');
      return { sender, recipient, receipt };
    };
    await b.sync(); // acks of the warm-up go out
    const empty = await measureSync(b);
    const korean = await cost(KOREAN_40);
    const five = await cost('hello');

    // A key refresh rides on the 50th message since the last one: find the sync that carried it.
    let withCommit = 0;
    for (let i = 0; i < 55; i++) {
      await a.send('b', `filler ${i}`);
      withCommit = Math.max(withCommit, (await measureSync(a)).frameUp);
      await b.sync();
    }
    await settle();

    // The same over a WebSocket that stays open (the app's way): no HTTP headers per sync.
    for (const c of clients) c.close();
    const ws = {
      transport: 'websocket' as const,
      webSocket: (u: string) => new WebSocket(u) as never,
    };
    a = await Client.open({ store: stores.a, ...ws });
    b = await Client.open({ store: stores.b, ...ws });
    clients.push(a, b);
    await settle();
    const overWs = await cost(KOREAN_40);

    // Baseline in this process: the same Sync frame with the bare text as the envelope (no MLS).
    const secret = new Uint8Array(32).fill(7);
    const t = Date.now();
    const bareEnvelope = encodeContent(textContent(new Uint8Array(16), t, KOREAN_40));
    const bareFrame = encodeClientFrame({
      requestId: 1,
      sync: buildSync({
        timeMs: t,
        sends: [
          signedSend(
            { queueId: new Uint8Array(16), messageId: new Uint8Array(16), envelope: bareEnvelope },
            t,
            secret,
          ),
        ],
        receives: [signedReceive({ queueId: new Uint8Array(16) }, t, secret)],
      }),
    });
    // The MLS envelope is what the real frame has beyond the bare one (everything else is equal
    // up to a byte of length prefix).
    const mlsEnvelope = korean.sender.frameUp - (bareFrame.length - bareEnvelope.length);

    const up = korean.sender;
    const down = korean.recipient;
    const tcpUp = tcpOverhead(up.httpUp, up.httpDown);
    const tcpDown = tcpOverhead(down.httpUp, down.httpDown);
    const senderAirUp = up.httpUp + tcpUp.up;
    const recipientAirDown = down.httpDown + tcpDown.down;
    const wsUp =
      overWs.sender.httpUp + tcpOverhead(overWs.sender.httpUp, overWs.sender.httpDown).up;
    const figures: BenchFigure[] = [
      {
        name: 'text: 40 Korean characters',
        value: new TextEncoder().encode(KOREAN_40).length,
        unit: 'B UTF-8',
        note: `${KOREAN_40.length * 2} B as UTF-16, which the client sends for Hangul`,
      },
      {
        name: 'MLS envelope (PrivateMessage in our Envelope)',
        value: mlsEnvelope,
        unit: 'B',
        baseline: { name: 'bare text content', value: bareEnvelope.length, unit: 'B' },
        ratio: mlsEnvelope / bareEnvelope.length,
        note: '64 B signature, 16 B AEAD tag, 28 B encrypted sender data, epoch, group id',
      },
      {
        name: 'sender sync, frame bytes up / down',
        value: up.frameUp,
        unit: `B up / ${up.frameDown} B down`,
        baseline: {
          name: 'same frame with the bare text, no MLS',
          value: bareFrame.length,
          unit: 'B',
        },
        ratio: up.frameUp / bareFrame.length,
      },
      {
        name: 'sender sync over HTTP, bytes on the socket up / down',
        value: up.httpUp,
        unit: `B up / ${up.httpDown} B down`,
        note: `${up.requests} round trip (one POST); +1 for TCP on a new connection, +1–2 for TLS`,
      },
      {
        name: 'sender, seconds on air at 9.6 kbit/s over HTTP (+TCP/IP headers)',
        value: airSeconds(senderAirUp),
        unit: 's up',
        note: `${senderAirUp} B up; ${airSeconds(up.httpDown + tcpUp.down).toFixed(3)} s down`,
      },
      {
        name: 'sender sync over an open WebSocket, bytes on the socket up / down',
        value: overWs.sender.httpUp,
        unit: `B up / ${overWs.sender.httpDown} B down`,
        note: '1 round trip per sync once the connection is open',
      },
      {
        name: 'sender, seconds on air at 9.6 kbit/s over WebSocket (+TCP/IP headers)',
        value: airSeconds(wsUp),
        unit: 's up',
        baseline: { name: 'over HTTP', value: airSeconds(senderAirUp), unit: 's' },
        ratio: wsUp / senderAirUp,
      },
      {
        name: 'recipient sync, frame bytes up / down',
        value: down.frameUp,
        unit: `B up / ${down.frameDown} B down`,
      },
      {
        name: 'recipient, seconds on air at 9.6 kbit/s over HTTP (+TCP/IP headers)',
        value: airSeconds(recipientAirDown),
        unit: 's down',
        note: `${recipientAirDown} B down; ${airSeconds(down.httpUp + tcpDown.up).toFixed(3)} s up`,
      },
      {
        name: 'sender sync for a 5-byte text, frame bytes up',
        value: five.sender.frameUp,
        unit: 'B',
        baseline: { name: 'Signal, 5 B text, sealed sender (stated)', value: 466, unit: 'B' },
        ratio: five.sender.frameUp / 466,
        note: 'Signal without sealed sender ~72 B (stated); ours never names the sender',
      },
      {
        name: 'the send of a 5-byte text alone (sync minus an empty sync), frame bytes',
        value: five.sender.frameUp - empty.frameUp,
        unit: 'B',
        baseline: { name: 'Signal, 5 B text, no sealed sender (stated)', value: 72, unit: 'B' },
        ratio: (five.sender.frameUp - empty.frameUp) / 72,
        note: 'two Ed25519 signatures (MLS sender, queue authorisation) are 128 B of it',
      },
      {
        name: "receipt in the recipient's next sync, frame bytes up",
        value: korean.receipt.frameUp - empty.frameUp,
        unit: 'B',
        note: 'one per contact and sync, however many messages it confirms',
      },
      {
        name: 'empty sync (one queue), frame bytes up / down',
        value: empty.frameUp,
        unit: `B up / ${empty.frameDown} B down`,
      },
      {
        name: 'sender sync carrying a key refresh (every 50 messages), frame bytes up',
        value: withCommit,
        unit: 'B',
      },
    ];
    return { bench: 'message', figures };
  } finally {
    for (const c of clients) c.close();
    proxy.server.close();
    await app.close();
  }
}

export const messageBench: Bench = {
  name: 'message',
  description:
    'bytes, round trips and seconds on air at 9.6 kbit/s for one 40-character Korean text',
  run,
};
