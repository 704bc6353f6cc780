/**
 * The sync exchange end to end over HTTP and WebSocket, run against PGlite and PostgreSQL alike.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  ErrorCode,
  Padding,
  SIZE_BUCKETS,
  Section,
  buildSync,
  encodeClientFrame,
  signedCreate,
  signedDelete,
  signedReceive,
  signedSend,
  toHex,
} from '@tongilnet/protocol';
import { QueueStore } from '../src/index.ts';
import type { Db, Queryable } from '../src/index.ts';
import {
  WsClient,
  backends,
  createItem,
  messageId,
  newQueue,
  postRaw,
  receiveItem,
  sendItem,
  startServer,
  syncHttp,
} from './harness.ts';

const text = (s: string) => new TextEncoder().encode(s);
const codes = (result: {
  rejected: { section: Section; index: number; error?: { code: ErrorCode } }[];
}) =>
  result.rejected.map((r) => `${Section[r.section]}[${r.index}] ${ErrorCode[r.error?.code ?? 0]}`);

/** A clock the test moves; the server and the signer share it. */
function manualClock(start = 1_767_225_600_000) {
  const clock = { t: start, now: () => clock.t, tick: () => ++clock.t };
  return clock;
}

describe.each(backends())('sync on $name', (backend) => {
  afterAll(() => backend.cleanup());

  async function withServer<T>(
    options: Parameters<typeof startServer>[0],
    fn: (url: string, db: Db) => Promise<T>,
  ): Promise<T> {
    const db = await backend.open();
    const server = await startServer({ ...options, db });
    try {
      return await fn(server.url, db);
    } finally {
      await server.close();
      await db.close();
    }
  }

  it('creates a queue, stores, delivers, and forgets what was acknowledged', async () => {
    const clock = manualClock();
    await withServer({ now: clock.now }, async (url, db) => {
      const q = newQueue();
      const created = await syncHttp(url, {
        timeMs: clock.tick(),
        creates: [createItem(q, clock.t)],
      });
      expect(codes(created)).toEqual([]);

      const id1 = messageId();
      const id2 = messageId();
      const sent = await syncHttp(url, {
        timeMs: clock.tick(),
        sends: [sendItem(q, clock.t, id1, text('안녕')), sendItem(q, clock.t, id2, text('둘'))],
      });
      expect(codes(sent)).toEqual([]);
      expect(sent.inboxes).toEqual([]);

      const got = await syncHttp(url, {
        timeMs: clock.tick(),
        receives: [receiveItem(q, clock.t)],
      });
      expect(got.inboxes).toHaveLength(1);
      const inbox = got.inboxes[0]!;
      expect(inbox.receive).toBe(0);
      expect(inbox.more).toBe(false);
      expect(inbox.messages.map((m) => new TextDecoder().decode(m.envelope))).toEqual([
        '안녕',
        '둘',
      ]);
      expect(inbox.messages[0]!.messageId).toEqual(id1);
      expect(Number(inbox.messages[0]!.receivedAtS)).toBe(Math.floor((clock.t - 2) / 1000));

      // Nothing acked yet: the same envelopes come again.
      const again = await syncHttp(url, {
        timeMs: clock.tick(),
        receives: [receiveItem(q, clock.t)],
      });
      expect(again.inboxes[0]?.messages).toHaveLength(2);

      const acked = await syncHttp(url, {
        timeMs: clock.tick(),
        receives: [receiveItem(q, clock.t, [id1, id2])],
      });
      expect(acked.inboxes).toEqual([]);
      const bodies = await db.query<{ n: number | string }>(
        'SELECT count(*) AS n FROM envelopes WHERE body IS NOT NULL',
      );
      expect(Number(bodies.rows[0]!.n)).toBe(0);
      const queue = await db.query<{ pending: number }>('SELECT pending FROM queues');
      expect(queue.rows[0]!.pending).toBe(0);
    });
  });

  it('makes resends idempotent, before and after the ack', async () => {
    const clock = manualClock();
    await withServer({ now: clock.now }, async (url) => {
      const q = newQueue();
      await syncHttp(url, { timeMs: clock.tick(), creates: [createItem(q, clock.t)] });
      const id = messageId();
      for (let i = 0; i < 3; i++) {
        const r = await syncHttp(url, {
          timeMs: clock.tick(),
          sends: [sendItem(q, clock.t, id, text('x'))],
        });
        expect(codes(r)).toEqual([]);
      }
      const got = await syncHttp(url, {
        timeMs: clock.tick(),
        receives: [receiveItem(q, clock.t)],
      });
      expect(got.inboxes[0]?.messages).toHaveLength(1);
      await syncHttp(url, { timeMs: clock.tick(), receives: [receiveItem(q, clock.t, [id])] });
      // A late resend (the sender never saw its reply) must not deliver the message twice.
      await syncHttp(url, { timeMs: clock.tick(), sends: [sendItem(q, clock.t, id, text('x'))] });
      const after = await syncHttp(url, {
        timeMs: clock.tick(),
        receives: [receiveItem(q, clock.t)],
      });
      expect(after.inboxes).toEqual([]);
    });
  });

  it('creates idempotently, refuses a taken id, and chooses ids when asked', async () => {
    const clock = manualClock();
    await withServer({ now: clock.now }, async (url) => {
      const q = newQueue();
      const other = newQueue();
      await syncHttp(url, { timeMs: clock.tick(), creates: [createItem(q, clock.t)] });
      const same = await syncHttp(url, { timeMs: clock.tick(), creates: [createItem(q, clock.t)] });
      expect(codes(same)).toEqual([]);
      const r = await syncHttp(url, {
        timeMs: clock.tick(),
        creates: [
          signedCreate(
            { queueId: q.id, recipientKey: other.recipientKey, senderKey: other.senderKey },
            clock.t,
            other.recipientSecret,
          ),
          signedCreate(
            { recipientKey: other.recipientKey, senderKey: other.senderKey },
            clock.t,
            other.recipientSecret,
          ),
        ],
      });
      expect(codes(r)).toEqual(['CREATE[0] PROTO_ERR_QUEUE_EXISTS']);
      expect(r.created).toHaveLength(1);
      expect(r.created[0]!.index).toBe(1);
      expect(r.created[0]!.queueId).toHaveLength(16);
      // The server-chosen queue works.
      const chosen = { ...other, id: r.created[0]!.queueId };
      const s = await syncHttp(url, {
        timeMs: clock.tick(),
        sends: [sendItem(chosen, clock.t, messageId(), text('hi'))],
      });
      expect(codes(s)).toEqual([]);
    });
  });

  it('refuses bad signatures, unknown queues and replays, and stores nothing for them', async () => {
    const clock = manualClock();
    await withServer({ now: clock.now }, async (url, db) => {
      const q = newQueue();
      const stranger = newQueue();
      await syncHttp(url, { timeMs: clock.tick(), creates: [createItem(q, clock.t)] });
      const t = clock.tick();
      const r = await syncHttp(url, {
        timeMs: t,
        sends: [
          // signed by the recipient key, not the sender key
          signedSend(
            { queueId: q.id, messageId: messageId(), envelope: text('a') },
            t,
            q.recipientSecret,
          ),
          sendItem(stranger, t, messageId(), text('b')),
          // signed for another time
          signedSend(
            { queueId: q.id, messageId: messageId(), envelope: text('c') },
            t - 1,
            q.senderSecret,
          ),
        ],
        receives: [signedReceive({ queueId: q.id }, t, q.senderSecret)],
        deletes: [signedDelete({ queueId: q.id }, t, stranger.recipientSecret)],
      });
      expect(codes(r)).toEqual([
        'SEND[0] PROTO_ERR_BAD_SIGNATURE',
        'SEND[1] PROTO_ERR_QUEUE_NOT_FOUND',
        'SEND[2] PROTO_ERR_BAD_SIGNATURE',
        'RECEIVE[0] PROTO_ERR_BAD_SIGNATURE',
        'DELETE[0] PROTO_ERR_BAD_SIGNATURE',
      ]);
      expect(r.rejected[0]!.error!.field).toBe('sync.sends[0].sig');
      const n = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM envelopes');
      expect(Number(n.rows[0]!.n)).toBe(0);

      // A recorded receive, replayed byte for byte, is refused; so is an older time.
      const frame = encodeClientFrame({
        requestId: 5,
        sync: buildSync({ timeMs: clock.tick(), receives: [receiveItem(q, clock.t)] }),
      });
      const first = await postRaw(url, frame);
      expect(first.frame.body.case).toBe('sync');
      const replay = await postRaw(url, frame);
      expect(replay.frame.body.case === 'sync' && codes(replay.frame.body.value)).toEqual([
        'RECEIVE[0] PROTO_ERR_REPLAY',
      ]);
    });
  });

  it('never lets a losing create authorise reads on an existing queue', async () => {
    const clock = manualClock();
    await withServer({ now: clock.now }, async (url) => {
      const q = newQueue();
      await syncHttp(url, { timeMs: clock.tick(), creates: [createItem(q, clock.t)] });
      await syncHttp(url, {
        timeMs: clock.tick(),
        sends: [sendItem(q, clock.t, messageId(), text('x'))],
      });
      const thief = { ...newQueue(), id: q.id };
      const t = clock.tick();
      const r = await syncHttp(url, {
        timeMs: t,
        creates: [createItem(thief, t)],
        receives: [receiveItem(thief, t)],
      });
      expect(codes(r)).toEqual([
        'RECEIVE[0] PROTO_ERR_BAD_SIGNATURE',
        'CREATE[0] PROTO_ERR_QUEUE_EXISTS',
      ]);
      expect(r.inboxes).toEqual([]);
    });
  });

  it('refuses a frame outside the clock window as a whole, with the server time', async () => {
    const clock = manualClock();
    await withServer({ now: clock.now }, async (url) => {
      const q = newQueue();
      const t = clock.t - 10 * 60_000;
      const { status, frame } = await postRaw(
        url,
        encodeClientFrame({
          requestId: 3,
          sync: buildSync({ timeMs: t, creates: [createItem(q, t)] }),
        }),
      );
      expect(status).toBe(400);
      expect(frame.requestId).toBe(3);
      expect(frame.body.case).toBe('error');
      if (frame.body.case !== 'error') return;
      expect(frame.body.value.code).toBe(ErrorCode.PROTO_ERR_CLOCK_SKEW);
      expect(Number(frame.body.value.serverTimeMs)).toBe(clock.t);
    });
  });

  it('enforces queue capacity and per-queue rate limits', async () => {
    const clock = manualClock();
    await withServer(
      { now: clock.now, maxPendingPerQueue: 3, sendRate: { burst: 5, perSecond: 1 } },
      async (url) => {
        const q = newQueue();
        await syncHttp(url, { timeMs: clock.tick(), creates: [createItem(q, clock.t)] });
        const t = clock.tick();
        const sends = Array.from({ length: 4 }, () => sendItem(q, t, messageId(), text('m')));
        const r = await syncHttp(url, { timeMs: t, sends });
        expect(codes(r)).toEqual(['SEND[3] PROTO_ERR_QUEUE_FULL']);
        const t2 = clock.tick();
        const r2 = await syncHttp(url, {
          timeMs: t2,
          sends: [sendItem(q, t2, messageId(), text('m')), sendItem(q, t2, messageId(), text('m'))],
        });
        expect(codes(r2)).toEqual([
          'SEND[0] PROTO_ERR_QUEUE_FULL',
          'SEND[1] PROTO_ERR_RATE_LIMITED',
        ]);
        expect(r2.rejected[1]!.error!.retryAfterMs).toBe(1000);
      },
    );
  });

  it('pages large inboxes with limit and more', async () => {
    const clock = manualClock();
    await withServer({ now: clock.now }, async (url) => {
      const q = newQueue();
      await syncHttp(url, { timeMs: clock.tick(), creates: [createItem(q, clock.t)] });
      const t = clock.tick();
      const ids = Array.from({ length: 7 }, () => messageId());
      await syncHttp(url, {
        timeMs: t,
        sends: ids.map((id, i) => sendItem(q, t, id, text(`m${i}`))),
      });
      const seen: string[] = [];
      let acks: Uint8Array[] = [];
      for (let round = 0; round < 5; round++) {
        const r = await syncHttp(url, {
          timeMs: clock.tick(),
          receives: [receiveItem(q, clock.t, acks, 3)],
        });
        const inbox = r.inboxes[0];
        if (!inbox) break;
        seen.push(...inbox.messages.map((m) => new TextDecoder().decode(m.envelope)));
        acks = inbox.messages.map((m) => m.messageId);
        expect(inbox.more).toBe(seen.length < 7);
      }
      expect(seen).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    });
  });

  it('deletes a queue (after a receive in the same sync) and refuses sends to it', async () => {
    const clock = manualClock();
    await withServer({ now: clock.now }, async (url, db) => {
      const q = newQueue();
      await syncHttp(url, { timeMs: clock.tick(), creates: [createItem(q, clock.t)] });
      await syncHttp(url, {
        timeMs: clock.tick(),
        sends: [sendItem(q, clock.t, messageId(), text('x'))],
      });
      const t = clock.tick();
      const r = await syncHttp(url, {
        timeMs: t,
        receives: [receiveItem(q, t)],
        deletes: [signedDelete({ queueId: q.id }, t, q.recipientSecret)],
      });
      expect(codes(r)).toEqual([]);
      expect(r.inboxes[0]?.messages).toHaveLength(1);
      const n = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM envelopes');
      expect(Number(n.rows[0]!.n)).toBe(0);
      const s = await syncHttp(url, {
        timeMs: clock.tick(),
        sends: [sendItem(q, clock.t, messageId(), text('x'))],
      });
      expect(codes(s)).toEqual(['SEND[0] PROTO_ERR_QUEUE_NOT_FOUND']);
    });
  });

  it('sweeps envelopes whose lifetime has ended, and tombstones after the dedup window', async () => {
    const clock = manualClock();
    await withServer({ now: clock.now, lifetimeDays: 2, dedupHours: 1 }, async (url, db) => {
      const q = newQueue();
      await syncHttp(url, { timeMs: clock.tick(), creates: [createItem(q, clock.t)] });
      const keep = messageId();
      const acked = messageId();
      await syncHttp(url, {
        timeMs: clock.tick(),
        sends: [sendItem(q, clock.t, keep, text('k')), sendItem(q, clock.t, acked, text('a'))],
      });
      await syncHttp(url, { timeMs: clock.tick(), receives: [receiveItem(q, clock.t, [acked])] });
      const sweeper = new QueueStore(db, {
        lifetimeMs: 2 * 86_400_000,
        dedupMs: 3_600_000,
        maxPendingPerQueue: 10,
        maxReplyBytes: 1 << 20,
      });
      const count = async () => {
        const r = await db.query<{ n: string | number; pending: number }>(
          'SELECT (SELECT count(*) FROM envelopes) AS n, (SELECT pending FROM queues) AS pending',
        );
        return [Number(r.rows[0]!.n), Number(r.rows[0]!.pending)];
      };
      expect(await count()).toEqual([2, 1]);
      expect(await sweeper.sweep(clock.t + 2 * 3_600_000)).toBe(1); // the tombstone
      expect(await count()).toEqual([1, 1]);
      expect(await sweeper.sweep(clock.t + 3 * 86_400_000)).toBe(1); // the unacked envelope
      expect(await count()).toEqual([0, 0]);
    });
  });

  it('deletes a queue its recipient has not read for idleQueueDays, with what it holds', async () => {
    const clock = manualClock();
    await withServer({ now: clock.now, lifetimeDays: 10, idleQueueDays: 10 }, async (url, db) => {
      const idle = newQueue();
      const read = newQueue();
      const t0 = clock.tick();
      await syncHttp(url, { timeMs: t0, creates: [createItem(idle, t0), createItem(read, t0)] });
      const sweeper = new QueueStore(db, {
        lifetimeMs: 10 * 86_400_000,
        idleQueueMs: 10 * 86_400_000,
        dedupMs: 3_600_000,
        maxPendingPerQueue: 10,
        maxReplyBytes: 1 << 20,
      });
      const queues = async () => {
        const r = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM queues');
        return Number(r.rows[0]!.n);
      };
      // Nine days on, the other queue's recipient reads it; the first stays unread, and a message
      // arrives in it (young enough to outlive its queue).
      clock.t += 9 * 86_400_000;
      const t9 = clock.tick();
      expect(codes(await syncHttp(url, { timeMs: t9, receives: [receiveItem(read, t9)] }))).toEqual(
        [],
      );
      await syncHttp(url, {
        timeMs: clock.tick(),
        sends: [sendItem(idle, clock.t, messageId(), text('i'))],
      });
      expect(await sweeper.sweep(clock.t)).toBe(0);
      expect(await queues()).toBe(2);
      // Day 12: the unread queue (and its envelope) goes; the one read on day 9 stays.
      clock.t += 3 * 86_400_000;
      expect(await sweeper.sweep(clock.t)).toBe(1);
      expect(await queues()).toBe(1);
      const n = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM envelopes');
      expect(Number(n.rows[0]!.n)).toBe(0);
      const s = await syncHttp(url, {
        timeMs: clock.tick(),
        sends: [sendItem(idle, clock.t, messageId(), text('late'))],
      });
      expect(codes(s)).toEqual(['SEND[0] PROTO_ERR_QUEUE_NOT_FOUND']);
      // Day 20, nobody read it again: the other one goes too.
      clock.t += 8 * 86_400_000;
      expect(await sweeper.sweep(clock.t)).toBe(1);
      expect(await queues()).toBe(0);
    });
  });

  it('keeps a sync all-or-nothing when the database fails half-way', async () => {
    const clock = manualClock();
    const db = await backend.open();
    // The same database, except that the final update of the queue rows fails (after the sends ran).
    const failing: Db = {
      ...db,
      kind: db.kind,
      query: db.query.bind(db),
      exec: db.exec.bind(db),
      close: db.close.bind(db),
      transaction: (fn) =>
        db.transaction((tx) =>
          fn({
            exec: tx.exec.bind(tx),
            query: (sql, params) =>
              sql.startsWith('UPDATE queues')
                ? Promise.reject(new Error('disk on fire'))
                : tx.query(sql, params),
          } as Queryable),
        ),
    };
    const server = await startServer({ db: failing, now: clock.now });
    try {
      const q = newQueue();
      await syncHttp(server.url, { timeMs: clock.tick(), creates: [createItem(q, clock.t)] });
      const t = clock.tick();
      const { status, frame } = await postRaw(
        server.url,
        encodeClientFrame({
          sync: buildSync({
            timeMs: t,
            sends: [sendItem(q, t, messageId(), text('x'))],
            receives: [receiveItem(q, t)],
          }),
        }),
      );
      expect(status).toBe(500);
      expect(frame.body.case === 'error' && frame.body.value.code).toBe(
        ErrorCode.PROTO_ERR_INTERNAL,
      );
      const n = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM envelopes');
      expect(Number(n.rows[0]!.n)).toBe(0);
      const p = await db.query<{ pending: number }>('SELECT pending FROM queues');
      expect(p.rows[0]!.pending).toBe(0);
    } finally {
      await server.close();
      await db.close();
    }
  });

  it('pads replies when asked', async () => {
    const clock = manualClock();
    await withServer({ now: clock.now }, async (url) => {
      const q = newQueue();
      const { bytes } = await postRaw(
        url,
        encodeClientFrame(
          {
            sync: buildSync({ timeMs: clock.tick(), creates: [createItem(q, clock.t)] }),
            padReply: Padding.BUCKETS,
          },
          Padding.BUCKETS,
        ),
      );
      expect(SIZE_BUCKETS).toContain(bytes.length);
    });
  });

  it('serves syncs over WebSocket and pushes Notify for watched queues', async () => {
    const clock = manualClock();
    await withServer({ now: clock.now }, async (url) => {
      const q = newQueue();
      const recipient = await WsClient.open(url);
      const sender = await WsClient.open(url);
      try {
        const t = clock.tick();
        const watch = await recipient.sync({
          timeMs: t,
          creates: [createItem(q, t)],
          receives: [receiveItem(q, t)],
          watch: true,
        });
        expect(watch.body.case === 'sync' && codes(watch.body.value)).toEqual([]);
        const sent = await sender.sync({
          timeMs: clock.tick(),
          sends: [sendItem(q, clock.t, messageId(), text('hey'))],
        });
        expect(sent.body.case).toBe('sync');
        await recipient.waitForNotifications(1);
        const notify = recipient.notifications[0]!;
        expect(notify.body.case === 'notify' && notify.body.value.queueIds.map(toHex)).toEqual([
          toHex(q.id),
        ]);
        expect(sender.notifications).toHaveLength(0);
        const got = await recipient.sync({
          timeMs: clock.tick(),
          receives: [receiveItem(q, clock.t)],
        });
        expect(got.body.case === 'sync' && got.body.value.inboxes[0]?.messages).toHaveLength(1);
      } finally {
        await recipient.close();
        await sender.close();
      }
    });
  });

  it('stores every envelope of many concurrent senders exactly once', async () => {
    const clock = { now: () => Date.now() };
    await withServer(
      { now: clock.now, sendRate: { burst: 10_000, perSecond: 1000 } },
      async (url, db) => {
        const q = newQueue();
        const t0 = Date.now();
        await syncHttp(url, { timeMs: t0, creates: [createItem(q, t0)] });
        const ids = Array.from({ length: 120 }, () => messageId());
        // 12 senders, 10 messages each, every batch sent twice (a retry after a lost reply).
        await Promise.all(
          Array.from({ length: 24 }, (_, k) => {
            const t = Date.now();
            const mine = ids.slice((k % 12) * 10, (k % 12) * 10 + 10);
            return syncHttp(url, {
              timeMs: t,
              sends: mine.map((id) => sendItem(q, t, id, text('c'))),
            });
          }),
        );
        const r = await db.query<{ n: string | number; pending: number }>(
          'SELECT (SELECT count(*) FROM envelopes) AS n, (SELECT pending FROM queues) AS pending',
        );
        expect([Number(r.rows[0]!.n), r.rows[0]!.pending]).toEqual([120, 120]);
      },
    );
  });
});
