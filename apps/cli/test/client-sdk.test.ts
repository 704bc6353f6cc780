/**
 * The client SDK against a real server in this process: lost replies, the WebSocket transport, a
 * family group, and both members refreshing their keys at once (an MLS fork the clients resolve
 * without the server's help). Faults are injected at the transport (a fetch that loses the
 * server's answer), never by replacing domain objects.
 */
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  MemoryStore,
  TransportError,
  type FetchLike,
  type Message,
} from '@tongilnet/client';
import { buildServer } from '@tongilnet/server';

let app: FastifyInstance;
let url: string;
beforeAll(async () => {
  app = await buildServer({});
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());

const realFetch = globalThis.fetch as unknown as FetchLike;

async function account(options: Partial<Parameters<typeof Client.create>[0]> = {}) {
  const { client } = await Client.create({ store: new MemoryStore(), server: url, ...options });
  return client;
}

/** Everything each client has received, whichever sync brought it. */
const inboxes = new Map<Client, Message[]>();

async function sync(c: Client): Promise<Message[]> {
  const got = (await c.sync()).received;
  inboxes.set(c, [...(inboxes.get(c) ?? []), ...got]);
  return got;
}

/** a invites b; both sync until each has the other's queue (hellos both ways). */
async function connect(a: Client, b: Client, aCallsB: string, bCallsA: string): Promise<void> {
  const { link } = await a.invite({ name: aCallsB });
  await sync(a);
  await b.accept(link, bCallsA);
  await sync(b);
  await sync(a);
  await sync(b);
  await sync(a); // a's hello goes out
  await sync(b);
}

function texts(messages: Message[]): string[] {
  return messages.map((m) => m.text);
}

describe('client SDK with a real server', () => {
  it('resends after a lost reply without delivering twice', async () => {
    let loseReplies = false;
    const lossy: FetchLike = async (input, init) => {
      const response = await realFetch(input, init);
      if (loseReplies) {
        await response.arrayBuffer();
        throw new TypeError('connection reset after the request was sent');
      }
      return response;
    };
    const a = await account({ fetch: lossy });
    const b = await account();
    await connect(a, b, 'b', 'a');

    await a.send('b', 'once, please');
    loseReplies = true;
    await expect(a.sync()).rejects.toThrow(TransportError);
    await expect(a.sync()).rejects.toThrow(TransportError);
    loseReplies = false;
    const report = await a.sync();
    expect(report.sent).toBe(1); // the same message id again: the server keeps one copy
    await sync(b);
    await sync(b);
    expect(texts(inboxes.get(b)!)).toEqual(['once, please']);
  });

  it('remembers what the link carried: opened again, a client starts from the halved budget', async () => {
    let cut = false;
    const frames: number[] = [];
    const flaky: FetchLike = async (input, init) => {
      frames.push(init.body.length);
      if (cut) {
        // The link carries the frame for a while, then drops it.
        await new Promise((r) => setTimeout(r, 300));
        throw new TypeError('the link went down mid-exchange');
      }
      return realFetch(input, init);
    };
    const store = new MemoryStore();
    const a = await account({ fetch: flaky, store });
    const b = await account();
    await connect(a, b, 'b', 'a');
    for (let i = 0; i < 80; i++) await a.send('b', `message ${i} ${'x'.repeat(200)}`);
    cut = true;
    frames.length = 0;
    await expect(a.sync()).rejects.toThrow(TransportError);
    const cutFrame = frames[0]!;
    expect(cutFrame).toBeGreaterThan(12_000); // the first budget, 16 KiB of envelopes
    a.close();

    // The next process (the CLI's next sync, a reloaded page) on the same store.
    cut = false;
    frames.length = 0;
    const again = await Client.open({ store, fetch: flaky });
    await again.sync();
    expect(frames[0]!).toBeLessThan(cutFrame * 0.65);
    again.close();
    for (let i = 0; i < 4; i++) await sync(b);
    expect(new Set(texts(inboxes.get(b)!)).size).toBe(80);
  });

  it('syncs over WebSocket, one round trip per sync, and is told when something arrives', async () => {
    const ws = {
      webSocket: (u: string) => new WebSocket(u) as never,
      transport: 'websocket' as const,
    };
    let notified = 0;
    const a = await account(ws);
    const b = await account({ ...ws, onNotify: () => notified++ });
    await connect(a, b, 'b', 'a');
    notified = 0;
    await a.send('b', '웹소켓으로');
    const up = await a.sync();
    expect(up.exchanges).toBe(1);
    // b's last sync asked the server to watch its queues on the open connection.
    for (let i = 0; i < 50 && notified === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(notified).toBeGreaterThan(0);
    expect(texts(await sync(b))).toEqual(['웹소켓으로']);
    a.close();
    b.close();
  });

  it('pads frames to size buckets when the user chooses to, and still delivers', async () => {
    const a = await account();
    const b = await account();
    await connect(a, b, 'b', 'a');
    await a.configure({ padding: 'buckets' });
    await b.configure({ padding: 'padme' });
    await a.send('b', '짧은 글');
    const up = await a.sync();
    expect([64, 256, 1024, 4096]).toContain(up.bytesUp);
    expect(texts(await sync(b))).toEqual(['짧은 글']);
    await b.send('a', 'a longer message, padded the Padmé way');
    await sync(b);
    expect(texts(await sync(a))).toEqual(['a longer message, padded the Padmé way']);
  });

  it('makes a family group whose members reach each other through the creator’s directory', async () => {
    const mother = await account();
    const son = await account();
    const daughter = await account();
    await connect(mother, son, 'son', 'mother');
    await connect(mother, daughter, 'daughter', 'mother');
    await mother.createGroup('family', ['son', 'daughter']);
    // Welcome out; joiners say hello; the mother relays the directory; everyone learns queues.
    for (let round = 0; round < 4; round++) {
      for (const c of [mother, son, daughter]) await sync(c);
    }
    expect(son.contacts().find((c) => c.name === 'family')).toMatchObject({ members: 3 });
    await daughter.send('family', '엄마, 오빠 안녕!');
    await sync(daughter);
    const atSon = await sync(son);
    const atMother = await sync(mother);
    expect(texts(atSon)).toEqual(['엄마, 오빠 안녕!']);
    expect(atMother).toMatchObject([{ from: 'daughter', chat: 'family' }]);
    // The son is not the daughter's contact: he sees her by fingerprint, not by a name.
    expect(atSon[0]!.from).toMatch(/^\d{5} \d{5}$/);
  });

  it('resolves simultaneous key refreshes and loses nothing', async () => {
    const a = await account();
    const b = await account();
    await connect(a, b, 'b', 'a');
    // One message each way, so each has heard the other in the current epoch and may commit.
    await a.send('b', 'a-first');
    await sync(a);
    await sync(b);
    await b.send('a', 'b-first');
    await sync(b);
    await sync(a);
    // Now both write 60 messages without syncing: both pass the 50-message self-update on their
    // own branch, so the group forks; the lower leaf (b, who made the group) wins, a rolls back
    // and sends its messages of the losing branch again.
    for (let i = 0; i < 60; i++) {
      await a.send('b', `a${i}`);
      await b.send('a', `b${i}`);
    }
    for (let round = 0; round < 4; round++) {
      await sync(a);
      await sync(b);
    }
    const expected = (p: string) => Array.from({ length: 60 }, (_, i) => `${p}${i}`);
    expect(texts(inboxes.get(b)!).sort()).toEqual(['a-first', ...expected('a')].sort());
    expect(texts(inboxes.get(a)!).sort()).toEqual(['b-first', ...expected('b')].sort());
    // Still one group: a message after the fork goes through, and receipts came back.
    await a.send('b', 'after');
    await sync(a);
    expect(texts(await sync(b))).toEqual(['after']);
    await sync(a);
    expect(a.messages('b').filter((m) => m.from === 'me' && m.state !== 'delivered')).toEqual([
      expect.objectContaining({ text: 'after' }),
    ]);
  }, 120_000);
});
