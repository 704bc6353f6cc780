/**
 * Two server processes' worth of service (two Fastify instances with their own pools) on one
 * PostgreSQL, with NATS JetStream between them: the sender talks to A, the recipient to B.
 */
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, buildSync, encodeClientFrame, toHex } from '@tongilnet/protocol';
import { openPostgres } from '../src/index.ts';
import {
  TEST_DATABASE_URL,
  TEST_NATS_URL,
  WsClient,
  createItem,
  messageId,
  newQueue,
  postRaw,
  postgresBackend,
  receiveItem,
  sendItem,
  signingClock,
  startServer,
  syncHttp,
} from './harness.ts';

describe('two servers on one PostgreSQL with NATS JetStream', () => {
  const backend = postgresBackend();
  const stream = `TNTEST_${randomBytes(4).toString('hex').toUpperCase()}`;

  afterAll(async () => {
    await backend.cleanup();
    const nc = await connect({ servers: TEST_NATS_URL });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  it('notifies a recipient on B of an envelope sent through A, and shares replay state', async () => {
    const first = await backend.open(); // creates the schema
    const schema = (await first.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
    await first.close();
    const dbA = await openPostgres({ url: TEST_DATABASE_URL, schema });
    const dbB = await openPostgres({ url: TEST_DATABASE_URL, schema });
    const [a, b] = await Promise.all([
      startServer({ db: dbA, natsUrl: TEST_NATS_URL, natsStream: stream }),
      startServer({ db: dbB, natsUrl: TEST_NATS_URL, natsStream: stream }),
    ]);
    const recipient = await WsClient.open(b.url);
    const now = signingClock();
    try {
      const q = newQueue();
      let t = now();
      const watched = await recipient.sync({
        timeMs: t,
        creates: [createItem(q, t)],
        receives: [receiveItem(q, t)],
        watch: true,
      });
      expect(watched.body.case === 'sync' && watched.body.value.rejected).toEqual([]);

      const ids = [messageId(), messageId(), messageId()];
      for (const id of ids) {
        t = now();
        const sent = await syncHttp(a.url, {
          timeMs: t,
          sends: [sendItem(q, t, id, new Uint8Array([7]))],
        });
        expect(sent.rejected).toEqual([]);
      }
      await recipient.waitForNotifications(1);
      const notify = recipient.notifications[0]!;
      expect(notify.body.case === 'notify' && notify.body.value.queueIds.map(toHex)).toEqual([
        toHex(q.id),
      ]);

      t = now();
      const receive = encodeClientFrame({
        requestId: 9,
        sync: buildSync({ timeMs: t, receives: [receiveItem(q, t, [], 10)] }),
      });
      const got = await recipient.request(receive, 9);
      expect(
        got.body.case === 'sync' &&
          got.body.value.inboxes[0]?.messages.map((m) => toHex(m.messageId)),
      ).toEqual(ids.map(toHex));
      // The same signed receive, replayed to the other process, is refused there too.
      const replay = await postRaw(a.url, receive);
      expect(
        replay.frame.body.case === 'sync' &&
          replay.frame.body.value.rejected.map((r) => r.error?.code),
      ).toEqual([ErrorCode.PROTO_ERR_REPLAY]);
    } finally {
      await recipient.close();
      await Promise.all([a.close(), b.close()]);
      await Promise.all([dbA.close(), dbB.close()]);
    }
  });
});
