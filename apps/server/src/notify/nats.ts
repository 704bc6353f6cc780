/**
 * @module notify/nats
 * Notifications between server processes over NATS JetStream. Every process publishes
 * "queues Q1..Qn got envelopes" to one subject and reads the stream through an ordered consumer
 * (delivery policy "new"); JetStream rather than plain NATS so that a process whose NATS
 * connection blips resumes at the sequence it had reached instead of silently missing what was
 * published meanwhile. The stream is in memory and keeps a minute: notifications are hints, the
 * envelopes themselves are in PostgreSQL.
 *
 * Payload: 16-byte id of the publishing process, then the 16-byte queue ids. A process delivers
 * its own notifications locally at once and skips them when they come back through the stream.
 */
import {
  DeliverPolicy,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { ConsumerMessages } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import { QUEUE_ID_BYTES, bytesEqual } from '@tongilnet/protocol';
import type { Notifier, NotifyHandler } from './notifier.ts';

export interface NatsNotifierOptions {
  /** nats://host:port */
  url: string;
  /** Stream name; subject is `<stream>.notify` (tests use their own stream). */
  stream?: string;
  /** Random id of this process. */
  originId: Uint8Array;
  /** Called for notifications, local and remote. */
  deliver: NotifyHandler;
  /** Called when publishing or consuming fails (the server logs it; delivery falls back to syncs). */
  onError?: (error: unknown) => void;
}

const ORIGIN_BYTES = 16;

/** Splits a payload into queue ids (ignoring a ragged tail from a foreign publisher). */
function parse(payload: Uint8Array): { origin: Uint8Array; queueIds: Uint8Array[] } {
  const origin = payload.subarray(0, ORIGIN_BYTES);
  const queueIds: Uint8Array[] = [];
  for (let at = ORIGIN_BYTES; at + QUEUE_ID_BYTES <= payload.length; at += QUEUE_ID_BYTES) {
    queueIds.push(payload.slice(at, at + QUEUE_ID_BYTES));
  }
  return { origin, queueIds };
}

/**
 * Connects to NATS, makes sure the stream exists and starts consuming.
 * @throws Error naming the URL if NATS cannot be reached
 */
export async function natsNotifier(options: NatsNotifierOptions): Promise<Notifier> {
  const stream = options.stream ?? 'TONGILNET';
  const subject = `${stream}.notify`;
  const onError = options.onError ?? (() => undefined);
  let nc;
  try {
    nc = await connect({
      servers: options.url,
      name: 'tongilnet-server',
      maxReconnectAttempts: -1,
    });
  } catch (error) {
    throw new Error(`cannot connect to NATS at ${options.url}: ${String(error)}`, { cause: error });
  }
  const jsm = await jetstreamManager(nc);
  const config = {
    name: stream,
    subjects: [subject],
    storage: StorageType.Memory,
    retention: RetentionPolicy.Limits,
    max_age: nanos(60_000),
    max_msgs: 100_000,
  };
  try {
    await jsm.streams.info(stream);
  } catch {
    try {
      await jsm.streams.add(config);
    } catch (error) {
      // Another process may have created it between our two calls; fine if it exists now.
      await jsm.streams.info(stream).catch(() => {
        throw error;
      });
    }
  }
  const js = jetstream(nc);
  const consumer = await js.consumers.get(stream, { deliver_policy: DeliverPolicy.New });
  const messages: ConsumerMessages = await consumer.consume();
  const done = (async () => {
    try {
      for await (const message of messages) {
        const { origin, queueIds } = parse(message.data);
        if (!bytesEqual(origin, options.originId) && queueIds.length > 0) options.deliver(queueIds);
      }
    } catch (error) {
      onError(error);
    }
  })();

  return {
    kind: 'nats',
    publish(queueIds) {
      if (queueIds.length === 0) return;
      options.deliver(queueIds);
      const payload = new Uint8Array(ORIGIN_BYTES + QUEUE_ID_BYTES * queueIds.length);
      payload.set(options.originId, 0);
      queueIds.forEach((id, i) => payload.set(id, ORIGIN_BYTES + i * QUEUE_ID_BYTES));
      js.publish(subject, payload).catch(onError);
    },
    async close() {
      messages.stop();
      await done;
      await nc.drain().catch(() => undefined);
    },
  };
}
