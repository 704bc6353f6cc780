import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  ErrorCode,
  ProtocolError,
  Section,
  SignedSchema,
  buildSync,
  checkSync,
  publicKeyOf,
  signedCreate,
  signedDelete,
  signedReceive,
  signedSend,
} from '../src/index.ts';

const now = 1_760_000_000_000;
const recipientSecret = new Uint8Array(32).fill(1);
const senderSecret = new Uint8Array(32).fill(2);
const recipientKey = publicKeyOf(recipientSecret);
const senderKey = publicKeyOf(senderSecret);
const queueId = new Uint8Array(16).fill(0xaa);
const id = (n: number) => new Uint8Array(16).fill(n);

function frameError(fn: () => unknown): ProtocolError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error('expected a ProtocolError');
}

describe('checkSync', () => {
  it('accepts well-formed items of every section', () => {
    const sync = buildSync({
      timeMs: now,
      creates: [signedCreate({ queueId, recipientKey, senderKey }, now, recipientSecret)],
      sends: [signedSend({ queueId, messageId: id(1), envelope: id(9) }, now, senderSecret)],
      receives: [signedReceive({ queueId, acks: [id(3)], limit: 5 }, now, recipientSecret)],
      deletes: [signedDelete({ queueId }, now, recipientSecret)],
    });
    const checked = checkSync(sync, DEFAULT_LIMITS, now);
    expect(checked.rejected).toEqual([]);
    expect(checked.creates[0]?.body.senderKey).toEqual(senderKey);
    expect(checked.sends[0]?.body.messageId).toEqual(id(1));
    expect(checked.receives[0]?.body.limit).toBe(5);
    expect(checked.deletes[0]?.body.queueId).toEqual(queueId);
  });

  it('refuses the whole frame for a bad clock or too many items', () => {
    const skew = frameError(() =>
      checkSync(buildSync({ timeMs: now - 600_000 }), DEFAULT_LIMITS, now),
    );
    expect(skew.code).toBe(ErrorCode.PROTO_ERR_CLOCK_SKEW);
    expect(skew.serverTimeMs).toBe(now);
    expect(frameError(() => checkSync(buildSync({ timeMs: 0 }), DEFAULT_LIMITS, now)).field).toBe(
      'sync.time_ms',
    );
    const many = buildSync({
      timeMs: now,
      deletes: Array.from({ length: 17 }, () => signedDelete({ queueId }, now, recipientSecret)),
    });
    const tooMany = frameError(() => checkSync(many, DEFAULT_LIMITS, now));
    expect(tooMany.code).toBe(ErrorCode.PROTO_ERR_TOO_MANY_ITEMS);
    expect(tooMany.field).toBe('sync.deletes');
  });

  it('rejects bad items one by one, naming the field', () => {
    const good = signedSend({ queueId, messageId: id(1), envelope: id(9) }, now, senderSecret);
    const sync = buildSync({
      timeMs: now,
      sends: [
        good,
        create(SignedSchema, { body: good.body, sig: good.sig.subarray(2) }),
        create(SignedSchema, { body: new Uint8Array([0xff, 0xff]), sig: good.sig }),
        signedSend(
          { queueId: id(1).subarray(4), messageId: id(2), envelope: id(9) },
          now,
          senderSecret,
        ),
        signedSend({ queueId, messageId: id(3), envelope: new Uint8Array(0) }, now, senderSecret),
        signedSend(
          {
            queueId,
            messageId: id(4),
            envelope: new Uint8Array(DEFAULT_LIMITS.maxEnvelopeBytes + 1),
          },
          now,
          senderSecret,
        ),
        good,
      ],
      receives: [
        signedReceive({ queueId, acks: [id(1).subarray(1)] }, now, recipientSecret),
        signedReceive({ queueId: id(5) }, now, recipientSecret),
        signedReceive({ queueId: id(5) }, now, recipientSecret),
      ],
      creates: [
        signedCreate({ queueId, recipientKey, senderKey: recipientKey }, now, recipientSecret),
        signedCreate({ recipientKey, senderKey }, now, senderSecret),
        signedCreate({ recipientKey, senderKey: new Uint8Array(32) }, now, recipientSecret),
      ],
    });
    const checked = checkSync(sync, DEFAULT_LIMITS, now);
    const summary = checked.rejected.map((r) => [
      Section[r.section],
      r.index,
      ErrorCode[r.error.code],
      r.error.field,
    ]);
    expect(summary).toEqual([
      ['CREATE', 0, 'PROTO_ERR_INVALID_FIELD', 'sync.creates[0].body.sender_key'],
      ['CREATE', 1, 'PROTO_ERR_BAD_SIGNATURE', 'sync.creates[1].sig'],
      ['CREATE', 2, 'PROTO_ERR_INVALID_FIELD', 'sync.creates[2].body.sender_key'],
      ['SEND', 1, 'PROTO_ERR_INVALID_FIELD', 'sync.sends[1].sig'],
      ['SEND', 2, 'PROTO_ERR_MALFORMED', 'sync.sends[2].body'],
      ['SEND', 3, 'PROTO_ERR_INVALID_FIELD', 'sync.sends[3].body.queue_id'],
      ['SEND', 4, 'PROTO_ERR_INVALID_FIELD', 'sync.sends[4].body.envelope'],
      ['SEND', 5, 'PROTO_ERR_ENVELOPE_TOO_LARGE', 'sync.sends[5].body.envelope'],
      ['SEND', 6, 'PROTO_ERR_DUPLICATE_ITEM', 'sync.sends[6].body.message_id'],
      ['RECEIVE', 0, 'PROTO_ERR_INVALID_FIELD', 'sync.receives[0].body.acks[0]'],
      ['RECEIVE', 2, 'PROTO_ERR_DUPLICATE_ITEM', 'sync.receives[2].body.queue_id'],
    ]);
    expect(checked.sends.map((s) => s.index)).toEqual([0]);
    expect(checked.receives.map((r) => r.index)).toEqual([1]);
  });
});
