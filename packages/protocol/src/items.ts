/**
 * @module items
 * Builders for the signed items of a Sync. Each encodes the item body once, signs those exact
 * bytes (see signing.ts) and wraps both in a `Signed`. The caller passes the clock reading
 * (`timeMs`, which must equal the Sync's `time_ms`) and the secret key; nothing here reads a
 * global clock or random source.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  CreateBodySchema,
  DeleteBodySchema,
  ReceiveBodySchema,
  SendBodySchema,
  SignedSchema,
  SyncSchema,
} from './gen/tongilnet/v1/wire_pb.ts';
import type { Signed, Sync } from './gen/tongilnet/v1/wire_pb.ts';
import { signBody, type SignedSection } from './signing.ts';

function sign(
  section: SignedSection,
  body: Uint8Array,
  timeMs: number,
  secretKey: Uint8Array,
): Signed {
  return create(SignedSchema, { body, sig: signBody(section, timeMs, body, secretKey) });
}

export interface SendItem {
  queueId: Uint8Array;
  messageId: Uint8Array;
  envelope: Uint8Array;
}

/** A send, signed with the queue's sender secret key. */
export function signedSend(item: SendItem, timeMs: number, senderSecretKey: Uint8Array): Signed {
  const body = toBinary(SendBodySchema, create(SendBodySchema, item));
  return sign('send', body, timeMs, senderSecretKey);
}

export interface ReceiveItem {
  queueId: Uint8Array;
  /** Message ids stored safely by the client, to delete from the server. */
  acks?: Uint8Array[];
  /** At most this many envelopes back (0 or absent: the server's default). */
  limit?: number;
}

/** An ack-and-fetch on a queue, signed with the queue's recipient secret key. */
export function signedReceive(
  item: ReceiveItem,
  timeMs: number,
  recipientSecretKey: Uint8Array,
): Signed {
  const body = toBinary(
    ReceiveBodySchema,
    create(ReceiveBodySchema, {
      queueId: item.queueId,
      acks: item.acks ?? [],
      limit: item.limit ?? 0,
    }),
  );
  return sign('receive', body, timeMs, recipientSecretKey);
}

export interface CreateItem {
  /** 16 bytes chosen by the client (idempotent retries), or absent to let the server choose. */
  queueId?: Uint8Array;
  recipientKey: Uint8Array;
  senderKey: Uint8Array;
}

/** A queue creation, signed with the new queue's recipient secret key (proof of possession). */
export function signedCreate(
  item: CreateItem,
  timeMs: number,
  recipientSecretKey: Uint8Array,
): Signed {
  const body = toBinary(
    CreateBodySchema,
    create(CreateBodySchema, {
      queueId: item.queueId ?? new Uint8Array(0),
      recipientKey: item.recipientKey,
      senderKey: item.senderKey,
    }),
  );
  return sign('create', body, timeMs, recipientSecretKey);
}

/** A queue deletion, signed with the queue's recipient secret key. */
export function signedDelete(
  item: { queueId: Uint8Array },
  timeMs: number,
  recipientSecretKey: Uint8Array,
): Signed {
  const body = toBinary(DeleteBodySchema, create(DeleteBodySchema, { queueId: item.queueId }));
  return sign('delete', body, timeMs, recipientSecretKey);
}

export interface SyncInit {
  /** The time every item was signed with, ms since the Unix epoch. */
  timeMs: number;
  sends?: Signed[];
  receives?: Signed[];
  creates?: Signed[];
  deletes?: Signed[];
  /** WebSocket only: push Notify for the receive queues until the connection closes. */
  watch?: boolean;
}

/** A Sync request from its parts. */
export function buildSync(init: SyncInit): Sync {
  return create(SyncSchema, {
    timeMs: BigInt(init.timeMs),
    sends: init.sends ?? [],
    receives: init.receives ?? [],
    creates: init.creates ?? [],
    deletes: init.deletes ?? [],
    watch: init.watch ?? false,
  });
}
