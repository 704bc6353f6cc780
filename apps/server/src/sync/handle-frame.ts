/**
 * @module sync/handle-frame
 * The one request handler behind both transports (WebSocket and `POST /v1/sync`): bytes in, bytes
 * out. In order: decode and check the frame (no storage yet), read the keys of the queues it names,
 * verify every signature, apply the per-queue rate limits, then apply what is left in ONE
 * transaction, announce the queues that got envelopes, and encode the reply. Nothing a client sends
 * can make it throw: every failure becomes an Error frame or a rejected item with a stable code.
 */
import { create } from '@bufbuild/protobuf';
import {
  CreatedSchema,
  DeliverySchema,
  ERROR_CATALOGUE,
  ErrorCode,
  InboxSchema,
  Padding,
  ProtocolError,
  RejectedSchema,
  Section,
  ServerFrameSchema,
  SyncResultSchema,
  QUEUE_ID_BYTES,
  checkSync,
  decodeClientFrame,
  encodeServerFrame,
  errorFrame,
  fetchLimit,
  itemField,
  toHex,
  toWireError,
} from '@tongilnet/protocol';
import type { Sync } from '@tongilnet/protocol';
import type { ServerConfig } from '../config.ts';
import type { Notifier } from '../notify/notifier.ts';
import type { TokenBuckets } from '../rate-limit.ts';
import type { QueueStore, SyncPlan } from '../store/queue-store.ts';

export interface SyncContext {
  store: QueueStore;
  config: ServerConfig;
  notifier: Notifier;
  sendBuckets: TokenBuckets;
  receiveBuckets: TokenBuckets;
  createBuckets: TokenBuckets;
  /** True once the server is shutting down. */
  closing: () => boolean;
  /** Reports an unexpected failure (never with request contents or addresses). */
  logError: (error: unknown) => void;
}

export interface HandledFrame {
  reply: Uint8Array;
  /** HTTP status for the fallback transport. */
  status: number;
  /** Queues to watch for this connection (verified receives of a Sync with watch = true). */
  watch: Uint8Array[];
  /** The padding the client asked for (also used for Notify frames on its connection). */
  padding: Padding;
}

/** Handles one ClientFrame. Never throws. */
export async function handleFrame(ctx: SyncContext, bytes: Uint8Array): Promise<HandledFrame> {
  let requestId = 0;
  let padding = Padding.NONE;
  try {
    if (ctx.closing()) {
      throw new ProtocolError(ErrorCode.PROTO_ERR_UNAVAILABLE, 'the server is shutting down');
    }
    const frame = decodeClientFrame(bytes, ctx.config.limits.maxFrameBytes);
    requestId = frame.requestId;
    padding = frame.padReply in Padding ? frame.padReply : Padding.NONE;
    if (frame.body.case !== 'sync') {
      throw new ProtocolError(ErrorCode.PROTO_ERR_UNKNOWN_REQUEST, 'unknown request', {
        field: 'body',
      });
    }
    return await handleSync(ctx, frame.body.value, requestId, padding);
  } catch (caught) {
    let error: ProtocolError;
    if (caught instanceof ProtocolError) {
      error = caught;
    } else {
      ctx.logError(caught);
      error = new ProtocolError(
        ctx.closing() ? ErrorCode.PROTO_ERR_UNAVAILABLE : ErrorCode.PROTO_ERR_INTERNAL,
        'the server could not complete the request; nothing in it was applied',
      );
    }
    return {
      reply: encodeServerFrame(errorFrame(requestId, error), padding),
      status: ERROR_CATALOGUE[error.code].status,
      watch: [],
      padding,
    };
  }
}

interface Rejection {
  section: Section;
  index: number;
  error: ProtocolError;
}

async function handleSync(
  ctx: SyncContext,
  sync: Sync,
  requestId: number,
  padding: Padding,
): Promise<HandledFrame> {
  const { config } = ctx;
  const now = config.now();
  const checked = checkSync(sync, config.limits, now);
  const time = checked.timeMs;
  const rejections: Rejection[] = [...checked.rejected];
  const reject = (section: Section, index: number, code: ErrorCode, text: string, sub?: string) =>
    rejections.push({
      section,
      index,
      error: new ProtocolError(code, text, { field: itemField(section, index, sub) }),
    });

  // Keys of every queue named, read once, then every signature checked before any write.
  const keys = await ctx.store.keys([
    ...checked.sends.map((s) => s.body.queueId),
    ...checked.receives.map((r) => r.body.queueId),
    ...checked.deletes.map((d) => d.body.queueId),
  ]);
  // A queue created in this very sync can be received on (and watched) at once.
  for (const c of checked.creates) {
    const key = toHex(c.body.queueId);
    if (c.body.queueId.length > 0 && !keys.has(key)) {
      keys.set(key, { recipientKey: c.body.recipientKey, senderKey: c.body.senderKey });
    }
  }
  const verifiedKey = new Map<object, Uint8Array>();
  const authorised = <T extends { queueId: Uint8Array }>(
    section: Section,
    items: { index: number; signed: { body: Uint8Array; sig: Uint8Array }; body: T }[],
    which: 'send' | 'receive' | 'delete',
  ) =>
    items.filter((item) => {
      const queue = keys.get(toHex(item.body.queueId));
      if (!queue) {
        reject(
          section,
          item.index,
          ErrorCode.PROTO_ERR_QUEUE_NOT_FOUND,
          'no such queue',
          'body.queue_id',
        );
        return false;
      }
      const key = which === 'send' ? queue.senderKey : queue.recipientKey;
      verifiedKey.set(item, key);
      if (!config.verify(which, time, item.signed.body, item.signed.sig, key)) {
        const whose = which === 'send' ? 'sender' : 'recipient';
        reject(
          section,
          item.index,
          ErrorCode.PROTO_ERR_BAD_SIGNATURE,
          `not signed by the queue's ${whose} key`,
          'sig',
        );
        return false;
      }
      return true;
    });
  const sends = authorised(Section.SEND, checked.sends, 'send');
  const receives = authorised(Section.RECEIVE, checked.receives, 'receive');
  const deletes = authorised(Section.DELETE, checked.deletes, 'delete');

  // Rate limits, charged only to authorised requests so nobody can spend another's tokens.
  const limited = <T>(
    section: Section,
    items: T[],
    indexOf: (item: T) => number,
    take: (item: T) => number,
  ) =>
    items.filter((item) => {
      const waitMs = take(item);
      if (waitMs === 0) return true;
      rejections.push({
        section,
        index: indexOf(item),
        error: new ProtocolError(
          ErrorCode.PROTO_ERR_RATE_LIMITED,
          `too many requests; retry in ${waitMs} ms`,
          {
            field: itemField(section, indexOf(item)),
            retryAfterMs: waitMs,
          },
        ),
      });
      return false;
    });
  const creates = limited(
    Section.CREATE,
    checked.creates,
    (c) => c.index,
    () => ctx.createBuckets.take('all'),
  );
  const sendsOk = limited(
    Section.SEND,
    sends,
    (s) => s.index,
    (s) => ctx.sendBuckets.take(toHex(s.body.queueId)),
  );
  const receivesOk = limited(
    Section.RECEIVE,
    receives,
    (r) => r.index,
    (r) => ctx.receiveBuckets.take(toHex(r.body.queueId)),
  );
  const deletesOk = limited(
    Section.DELETE,
    deletes,
    (d) => d.index,
    (d) => ctx.receiveBuckets.take(toHex(d.body.queueId)),
  );

  const created = create(SyncResultSchema).created;
  const plan: SyncPlan = {
    timeMs: time,
    creates: creates.map((c) => {
      let queueId = c.body.queueId;
      if (queueId.length === 0) {
        queueId = config.randomBytes(QUEUE_ID_BYTES);
        created.push(create(CreatedSchema, { index: c.index, queueId }));
      }
      return {
        index: c.index,
        queueId,
        recipientKey: c.body.recipientKey,
        senderKey: c.body.senderKey,
      };
    }),
    sends: sendsOk.map((s) => ({
      index: s.index,
      queueId: s.body.queueId,
      verifiedKey: verifiedKey.get(s)!,
      messageId: s.body.messageId,
      envelope: s.body.envelope,
    })),
    receives: receivesOk.map((r) => ({
      index: r.index,
      queueId: r.body.queueId,
      verifiedKey: verifiedKey.get(r)!,
      acks: r.body.acks,
      limit: fetchLimit(r.body, config.limits),
    })),
    deletes: deletesOk.map((d) => ({
      index: d.index,
      queueId: d.body.queueId,
      verifiedKey: verifiedKey.get(d)!,
    })),
  };

  const outcome = await ctx.store.apply(plan, now);
  ctx.notifier.publish(outcome.filled);

  for (const r of outcome.rejected) reject(r.section, r.index, r.code, r.message, r.sub);
  rejections.sort((a, b) => a.section - b.section || a.index - b.index);
  const refusedCreates = new Set(
    rejections.filter((r) => r.section === Section.CREATE).map((r) => r.index),
  );
  const refusedReceives = new Set(
    rejections.filter((r) => r.section === Section.RECEIVE).map((r) => r.index),
  );

  const result = create(SyncResultSchema, {
    timeMs: BigInt(config.now()),
    inboxes: outcome.inboxes.map((inbox) =>
      create(InboxSchema, {
        receive: inbox.index,
        more: inbox.more,
        messages: inbox.messages.map((m) =>
          create(DeliverySchema, {
            messageId: m.messageId,
            envelope: m.envelope,
            receivedAtS: BigInt(m.receivedAtS),
          }),
        ),
      }),
    ),
    rejected: rejections.map((r) =>
      create(RejectedSchema, { section: r.section, index: r.index, error: toWireError(r.error) }),
    ),
    created: created.filter((c) => !refusedCreates.has(c.index)),
  });
  const frame = create(ServerFrameSchema, { requestId, body: { case: 'sync', value: result } });
  return {
    reply: encodeServerFrame(frame, padding),
    status: 200,
    watch: sync.watch
      ? plan.receives.filter((r) => !refusedReceives.has(r.index)).map((r) => r.queueId)
      : [],
    padding,
  };
}
