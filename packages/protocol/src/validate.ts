/**
 * @module validate
 * Structural checks of a Sync that need no storage: counts, lengths, sizes, duplicates, the clock
 * window, and the signatures of creates (their key is in the body). A problem with the frame as a
 * whole throws a ProtocolError; a problem with one item rejects that item only, so one bad send
 * never holds back the rest of an outbox. Servers run this before touching storage; clients may
 * run it before sending to catch their own mistakes.
 */
import { fromBinary } from '@bufbuild/protobuf';
import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import {
  CreateBodySchema,
  DeleteBodySchema,
  ErrorCode,
  ReceiveBodySchema,
  Section,
  SendBodySchema,
} from './gen/tongilnet/v1/wire_pb.ts';
import type {
  CreateBody,
  DeleteBody,
  ReceiveBody,
  SendBody,
  Signed,
  Sync,
} from './gen/tongilnet/v1/wire_pb.ts';
import { bytesEqual, toHex } from './bytes.ts';
import { MESSAGE_ID_BYTES, QUEUE_ID_BYTES, SIGNATURE_BYTES } from './constants.ts';
import { ProtocolError } from './errors.ts';
import type { Limits } from './limits.ts';
import { isAcceptablePublicKey, verifyBody } from './signing.ts';

/** An item that passed the structural checks (its signature still needs the queue's key). */
export interface CheckedItem<T> {
  /** Index within its section of the Sync. */
  index: number;
  signed: Signed;
  body: T;
}

export interface ItemRejection {
  section: Section;
  index: number;
  error: ProtocolError;
}

export interface CheckedSync {
  timeMs: number;
  creates: CheckedItem<CreateBody>[];
  sends: CheckedItem<SendBody>[];
  receives: CheckedItem<ReceiveBody>[];
  deletes: CheckedItem<DeleteBody>[];
  rejected: ItemRejection[];
  watch: boolean;
}

const SECTION_FIELD: Record<Section, string> = {
  [Section.UNSPECIFIED]: 'sync',
  [Section.SEND]: 'sync.sends',
  [Section.RECEIVE]: 'sync.receives',
  [Section.CREATE]: 'sync.creates',
  [Section.DELETE]: 'sync.deletes',
};

/** Path of an item's field, e.g. `sync.sends[3].body.queue_id`. */
export function itemField(section: Section, index: number, sub?: string): string {
  return `${SECTION_FIELD[section]}[${index}]${sub ? `.${sub}` : ''}`;
}

/**
 * Checks a Sync against the limits and the server clock `nowMs`.
 * @throws ProtocolError for problems of the whole frame: PROTO_ERR_INVALID_FIELD (time),
 *   PROTO_ERR_CLOCK_SKEW, PROTO_ERR_TOO_MANY_ITEMS
 */
export function checkSync(sync: Sync, limits: Limits, nowMs: number): CheckedSync {
  const time = sync.timeMs;
  if (time <= 0n || time > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ProtocolError(ErrorCode.PROTO_ERR_INVALID_FIELD, `time_ms = ${time} is not a time`, {
      field: 'sync.time_ms',
      serverTimeMs: nowMs,
    });
  }
  const timeMs = Number(time);
  if (Math.abs(timeMs - nowMs) > limits.clockSkewMs) {
    throw new ProtocolError(
      ErrorCode.PROTO_ERR_CLOCK_SKEW,
      `time_ms is ${timeMs - nowMs} ms from the server clock (window ±${limits.clockSkewMs} ms)`,
      { field: 'sync.time_ms', serverTimeMs: nowMs },
    );
  }
  const counts: [Section, string, number, number][] = [
    [Section.SEND, 'sends', sync.sends.length, limits.maxSends],
    [Section.RECEIVE, 'receives', sync.receives.length, limits.maxReceives],
    [Section.CREATE, 'creates', sync.creates.length, limits.maxCreates],
    [Section.DELETE, 'deletes', sync.deletes.length, limits.maxDeletes],
  ];
  for (const [section, name, count, max] of counts) {
    if (count > max) {
      throw new ProtocolError(
        ErrorCode.PROTO_ERR_TOO_MANY_ITEMS,
        `${count} ${name} exceed the limit of ${max} per sync`,
        { field: SECTION_FIELD[section] },
      );
    }
  }

  const rejected: ItemRejection[] = [];
  const reject = (section: Section, index: number, code: ErrorCode, text: string, sub?: string) =>
    rejected.push({
      section,
      index,
      error: new ProtocolError(code, text, { field: itemField(section, index, sub) }),
    });

  /** Decodes the bodies of one section, rejecting bad signatures' lengths and bad protobuf. */
  function bodies<D extends DescMessage>(
    section: Section,
    items: Signed[],
    schema: D,
    check: (body: MessageShape<D>, index: number) => boolean,
  ): CheckedItem<MessageShape<D>>[] {
    const out: CheckedItem<MessageShape<D>>[] = [];
    items.forEach((signed, index) => {
      if (signed.sig.length !== SIGNATURE_BYTES) {
        reject(
          section,
          index,
          ErrorCode.PROTO_ERR_INVALID_FIELD,
          `signature is ${signed.sig.length} bytes, not ${SIGNATURE_BYTES}`,
          'sig',
        );
        return;
      }
      let body: MessageShape<D>;
      try {
        body = fromBinary(schema, signed.body, { readUnknownFields: false });
      } catch (cause) {
        const why = cause instanceof Error ? cause.message : String(cause);
        reject(
          section,
          index,
          ErrorCode.PROTO_ERR_MALFORMED,
          `body does not decode: ${why}`,
          'body',
        );
        return;
      }
      if (check(body, index)) out.push({ index, signed, body });
    });
    return out;
  }

  const idLength = (
    section: Section,
    index: number,
    bytes: Uint8Array,
    expected: number,
    sub: string,
  ): boolean => {
    if (bytes.length === expected) return true;
    reject(
      section,
      index,
      ErrorCode.PROTO_ERR_INVALID_FIELD,
      `${sub.replace('body.', '')} is ${bytes.length} bytes, not ${expected}`,
      sub,
    );
    return false;
  };

  const createdIds = new Set<string>();
  const creates = bodies(Section.CREATE, sync.creates, CreateBodySchema, (body, i) => {
    const s = Section.CREATE;
    if (body.queueId.length !== 0 && !idLength(s, i, body.queueId, QUEUE_ID_BYTES, 'body.queue_id'))
      return false;
    if (!isAcceptablePublicKey(body.recipientKey)) {
      reject(
        s,
        i,
        ErrorCode.PROTO_ERR_INVALID_FIELD,
        'not an acceptable Ed25519 public key',
        'body.recipient_key',
      );
      return false;
    }
    if (!isAcceptablePublicKey(body.senderKey)) {
      reject(
        s,
        i,
        ErrorCode.PROTO_ERR_INVALID_FIELD,
        'not an acceptable Ed25519 public key',
        'body.sender_key',
      );
      return false;
    }
    if (bytesEqual(body.senderKey, body.recipientKey)) {
      reject(
        s,
        i,
        ErrorCode.PROTO_ERR_INVALID_FIELD,
        'sender key equals recipient key',
        'body.sender_key',
      );
      return false;
    }
    if (body.queueId.length !== 0) {
      const key = toHex(body.queueId);
      if (createdIds.has(key)) {
        reject(
          s,
          i,
          ErrorCode.PROTO_ERR_DUPLICATE_ITEM,
          'queue created twice in one sync',
          'body.queue_id',
        );
        return false;
      }
      createdIds.add(key);
    }
    const signed = sync.creates[i]!;
    if (!verifyBody('create', timeMs, signed.body, signed.sig, body.recipientKey)) {
      reject(s, i, ErrorCode.PROTO_ERR_BAD_SIGNATURE, 'not signed by the recipient key', 'sig');
      return false;
    }
    return true;
  });

  const sentIds = new Set<string>();
  const sends = bodies(Section.SEND, sync.sends, SendBodySchema, (body, i) => {
    const s = Section.SEND;
    if (!idLength(s, i, body.queueId, QUEUE_ID_BYTES, 'body.queue_id')) return false;
    if (!idLength(s, i, body.messageId, MESSAGE_ID_BYTES, 'body.message_id')) return false;
    if (body.envelope.length === 0) {
      reject(s, i, ErrorCode.PROTO_ERR_INVALID_FIELD, 'envelope is empty', 'body.envelope');
      return false;
    }
    if (body.envelope.length > limits.maxEnvelopeBytes) {
      reject(
        s,
        i,
        ErrorCode.PROTO_ERR_ENVELOPE_TOO_LARGE,
        `envelope of ${body.envelope.length} bytes exceeds the limit of ${limits.maxEnvelopeBytes}`,
        'body.envelope',
      );
      return false;
    }
    const key = toHex(body.queueId) + toHex(body.messageId);
    if (sentIds.has(key)) {
      reject(
        s,
        i,
        ErrorCode.PROTO_ERR_DUPLICATE_ITEM,
        'message sent twice in one sync',
        'body.message_id',
      );
      return false;
    }
    sentIds.add(key);
    return true;
  });

  const receivedQueues = new Set<string>();
  const receives = bodies(Section.RECEIVE, sync.receives, ReceiveBodySchema, (body, i) => {
    const s = Section.RECEIVE;
    if (!idLength(s, i, body.queueId, QUEUE_ID_BYTES, 'body.queue_id')) return false;
    if (body.acks.length > limits.maxAcks) {
      reject(
        s,
        i,
        ErrorCode.PROTO_ERR_TOO_MANY_ITEMS,
        `${body.acks.length} acks exceed the limit of ${limits.maxAcks}`,
        'body.acks',
      );
      return false;
    }
    for (let a = 0; a < body.acks.length; a++) {
      if (!idLength(s, i, body.acks[a]!, MESSAGE_ID_BYTES, `body.acks[${a}]`)) return false;
    }
    const key = toHex(body.queueId);
    if (receivedQueues.has(key)) {
      reject(
        s,
        i,
        ErrorCode.PROTO_ERR_DUPLICATE_ITEM,
        'queue received twice in one sync',
        'body.queue_id',
      );
      return false;
    }
    receivedQueues.add(key);
    return true;
  });

  const deletedQueues = new Set<string>();
  const deletes = bodies(Section.DELETE, sync.deletes, DeleteBodySchema, (body, i) => {
    const s = Section.DELETE;
    if (!idLength(s, i, body.queueId, QUEUE_ID_BYTES, 'body.queue_id')) return false;
    const key = toHex(body.queueId);
    if (deletedQueues.has(key)) {
      reject(
        s,
        i,
        ErrorCode.PROTO_ERR_DUPLICATE_ITEM,
        'queue deleted twice in one sync',
        'body.queue_id',
      );
      return false;
    }
    deletedQueues.add(key);
    return true;
  });

  return { timeMs, creates, sends, receives, deletes, rejected, watch: sync.watch };
}

/** How many envelopes a receive gets: its `limit`, capped by the server's `maxFetch`. */
export function fetchLimit(body: ReceiveBody, limits: Limits): number {
  return body.limit === 0 ? limits.maxFetch : Math.min(body.limit, limits.maxFetch);
}
