import { create, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import {
  ClientFrameSchema,
  ErrorCode,
  ProtocolError,
  SyncResultSchema,
  ServerFrameSchema,
  buildSync,
  decodeClientFrame,
  decodeServerFrame,
  encodeClientFrame,
  encodeServerFrame,
  errorFrame,
  fromWireError,
} from '../src/index.ts';

function codeOf(fn: () => unknown): ErrorCode | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProtocolError) return error.code;
    throw error;
  }
  return undefined;
}

describe('decodeClientFrame', () => {
  const good = encodeClientFrame({ requestId: 3, sync: buildSync({ timeMs: 1e12 }) });

  it('decodes what encodeClientFrame made', () => {
    const frame = decodeClientFrame(good);
    expect(frame.version).toBe(1);
    expect(frame.requestId).toBe(3);
    expect(frame.body.case).toBe('sync');
  });

  it('refuses an oversized frame before parsing it', () => {
    expect(codeOf(() => decodeClientFrame(new Uint8Array(2000), 1000))).toBe(
      ErrorCode.PROTO_ERR_FRAME_TOO_LARGE,
    );
  });

  it('refuses garbage, truncations and hostile nesting as MALFORMED', () => {
    expect(codeOf(() => decodeClientFrame(new Uint8Array([0xff, 0xff, 0xff])))).toBe(
      ErrorCode.PROTO_ERR_MALFORMED,
    );
    for (let cut = 1; cut < good.length; cut++) {
      const code = codeOf(() => decodeClientFrame(good.subarray(0, cut)));
      // A cut at a field boundary is a valid, shorter frame; anything else must be MALFORMED.
      expect([
        undefined,
        ErrorCode.PROTO_ERR_MALFORMED,
        ErrorCode.PROTO_ERR_UNSUPPORTED_VERSION,
        ErrorCode.PROTO_ERR_UNKNOWN_REQUEST,
      ]).toContain(code);
    }
    // 100 000 nested unknown groups (field 9, wire type 3): must not blow the stack uncaught.
    const nested = new Uint8Array(100_000).fill((9 << 3) | 3);
    expect(codeOf(() => decodeClientFrame(nested, 1 << 20))).toBe(ErrorCode.PROTO_ERR_MALFORMED);
    // A length prefix pointing far past the end.
    expect(codeOf(() => decodeClientFrame(new Uint8Array([0x1a, 0xff, 0xff, 0xff, 0x0f])))).toBe(
      ErrorCode.PROTO_ERR_MALFORMED,
    );
  });

  it('refuses another version, and a frame without a request', () => {
    const v2 = toBinary(
      ClientFrameSchema,
      create(ClientFrameSchema, {
        version: 2,
        body: { case: 'sync', value: buildSync({ timeMs: 1 }) },
      }),
    );
    expect(codeOf(() => decodeClientFrame(v2))).toBe(ErrorCode.PROTO_ERR_UNSUPPORTED_VERSION);
    const empty = toBinary(ClientFrameSchema, create(ClientFrameSchema, { version: 1 }));
    expect(codeOf(() => decodeClientFrame(empty))).toBe(ErrorCode.PROTO_ERR_UNKNOWN_REQUEST);
    expect(codeOf(() => decodeClientFrame(new Uint8Array(0)))).toBe(
      ErrorCode.PROTO_ERR_UNSUPPORTED_VERSION,
    );
  });
});

describe('server frames', () => {
  it('round-trip results and errors', () => {
    const result = create(ServerFrameSchema, {
      requestId: 9,
      body: { case: 'sync', value: create(SyncResultSchema, { timeMs: 5n }) },
    });
    const back = decodeServerFrame(encodeServerFrame(result));
    expect(back.requestId).toBe(9);
    expect(back.body.case).toBe('sync');

    const refused = new ProtocolError(ErrorCode.PROTO_ERR_CLOCK_SKEW, 'too far', {
      field: 'sync.time_ms',
      serverTimeMs: 1234,
    });
    const frame = decodeServerFrame(encodeServerFrame(errorFrame(4, refused)));
    expect(frame.body.case).toBe('error');
    if (frame.body.case !== 'error') return;
    const again = fromWireError(frame.body.value);
    expect(again.code).toBe(ErrorCode.PROTO_ERR_CLOCK_SKEW);
    expect(again.message).toBe('PROTO_ERR_CLOCK_SKEW: too far');
    expect(again.field).toBe('sync.time_ms');
    expect(again.serverTimeMs).toBe(1234);
    expect(again.info.retryable).toBe(true);
  });

  it('reports garbage from a server as MALFORMED', () => {
    expect(codeOf(() => decodeServerFrame(new Uint8Array([0x12, 0x05, 0x08])))).toBe(
      ErrorCode.PROTO_ERR_MALFORMED,
    );
  });
});
