/**
 * Hostile input: garbage, truncated protobuf, oversized frames, wrong content types, text frames,
 * floods of frames on one socket. Each must get a protocol Error with a stable code, and the
 * server must go on serving afterwards with its stored data intact.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { create, toBinary } from '@bufbuild/protobuf';
import {
  ClientFrameSchema,
  DEFAULT_LIMITS,
  ErrorCode,
  SYNC_PATH,
  SignedSchema,
  SyncSchema,
  WS_PATH,
  buildSync,
  decodeServerFrame,
  encodeClientFrame,
} from '@tongilnet/protocol';
import type { ServerFrame } from '@tongilnet/protocol';
import {
  backends,
  createItem,
  messageId,
  newQueue,
  postRaw,
  receiveItem,
  sendItem,
  startServer,
  syncHttp,
  type Running,
} from './harness.ts';
import type { Db } from '../src/index.ts';

const errorCode = (frame: ServerFrame) =>
  frame.body.case === 'error'
    ? ErrorCode[frame.body.value.code]
    : `not an error (${frame.body.case})`;

describe.each(backends())('hostile frames on $name', (backend) => {
  let server: Running;
  let db: Db;
  const q = newQueue();
  const stored = messageId();

  beforeAll(async () => {
    db = await backend.open();
    server = await startServer({ db });
    const t = Date.now();
    await syncHttp(server.url, { timeMs: t, creates: [createItem(q, t)] });
    await syncHttp(server.url, {
      timeMs: t + 1,
      sends: [sendItem(q, t + 1, stored, new Uint8Array([1, 2, 3]))],
    });
  });
  afterAll(async () => {
    await server.close();
    await db.close();
    await backend.cleanup();
  });

  it('answers garbage and truncations over HTTP with MALFORMED (or the frame-level code)', async () => {
    for (let i = 0; i < 40; i++) {
      const { status, frame } = await postRaw(server.url, new Uint8Array(randomBytes(1 + i * 37)));
      expect(status).toBeGreaterThanOrEqual(400);
      expect([
        'PROTO_ERR_MALFORMED',
        'PROTO_ERR_UNSUPPORTED_VERSION',
        'PROTO_ERR_UNKNOWN_REQUEST',
      ]).toContain(errorCode(frame));
    }
    const t = Date.now();
    const good = encodeClientFrame({
      sync: buildSync({ timeMs: t, sends: [sendItem(q, t, messageId(), new Uint8Array(50))] }),
    });
    for (let cut = 1; cut < good.length; cut += 3) {
      const { frame } = await postRaw(server.url, good.subarray(0, cut));
      // Either refused as a whole, or (cut at an item boundary) its broken item rejected alone.
      if (frame.body.case === 'sync') {
        for (const r of frame.body.value.rejected) expect(r.error?.code).toBeGreaterThan(0);
      } else {
        expect(frame.body.case).toBe('error');
      }
    }
  });

  it('refuses oversized frames before reading them', async () => {
    const big = new Uint8Array(DEFAULT_LIMITS.maxFrameBytes + 10);
    const { status, frame } = await postRaw(server.url, big);
    expect(status).toBe(413);
    expect(errorCode(frame)).toBe('PROTO_ERR_FRAME_TOO_LARGE');
  });

  it('refuses other content types with a protocol frame, not JSON', async () => {
    const { status, frame } = await postRaw(
      server.url,
      new TextEncoder().encode('{"a":1}'),
      'application/json',
    );
    expect(status).toBe(400);
    expect(errorCode(frame)).toBe('PROTO_ERR_MALFORMED');
  });

  it('refuses frames with too many items as a whole', async () => {
    const t = Date.now();
    const item = receiveItem(q, t);
    const { frame } = await postRaw(
      server.url,
      encodeClientFrame({
        sync: buildSync({ timeMs: t, receives: Array.from({ length: 65 }, () => item) }),
      }),
    );
    expect(errorCode(frame)).toBe('PROTO_ERR_TOO_MANY_ITEMS');
  });

  it('rejects items with junk bodies and signatures one by one', async () => {
    const t = Date.now();
    const sync = create(SyncSchema, {
      timeMs: BigInt(t),
      sends: [
        create(SignedSchema, { body: new Uint8Array(randomBytes(40)), sig: new Uint8Array(64) }),
        create(SignedSchema, { body: new Uint8Array(0), sig: new Uint8Array(64) }),
        create(SignedSchema, {
          body: sendItem(q, t, messageId(), new Uint8Array(5)).body,
          sig: new Uint8Array(64),
        }),
      ],
    });
    const bytes = toBinary(
      ClientFrameSchema,
      create(ClientFrameSchema, { version: 1, body: { case: 'sync', value: sync } }),
    );
    const { frame } = await postRaw(server.url, bytes);
    expect(frame.body.case).toBe('sync');
    if (frame.body.case !== 'sync') return;
    expect(frame.body.value.rejected).toHaveLength(3);
    expect(frame.body.value.rejected.map((r) => r.error?.code)).toContain(
      ErrorCode.PROTO_ERR_BAD_SIGNATURE,
    );
  });

  it('survives WebSocket abuse: text, garbage, oversize, floods', async () => {
    const socket = new WebSocket(server.url.replace(/^http/, 'ws') + WS_PATH);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const replies: ServerFrame[] = [];
    socket.on('message', (data: Buffer) => replies.push(decodeServerFrame(new Uint8Array(data))));
    socket.send('hello');
    socket.send(new Uint8Array(randomBytes(100)));
    socket.send(new Uint8Array(DEFAULT_LIMITS.maxFrameBytes + 1));
    for (let i = 0; i < 40; i++) socket.send(new Uint8Array([0x08, 0x01]));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const seen = new Set(replies.map(errorCode));
    expect(seen).toContain('PROTO_ERR_MALFORMED');
    expect(seen).toContain('PROTO_ERR_FRAME_TOO_LARGE');
    expect(seen).toContain('PROTO_ERR_UNKNOWN_REQUEST');
    expect(seen).toContain('PROTO_ERR_RATE_LIMITED');
    // A message above the transport limit closes the socket with 1009, nothing else.
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(new Uint8Array(DEFAULT_LIMITS.maxFrameBytes * 2 + 1));
    expect(await closed).toBe(1009);
  });

  it('still serves, and still holds the stored envelope', async () => {
    const t = Date.now() + 10;
    const r = await syncHttp(server.url, { timeMs: t, receives: [receiveItem(q, t)] });
    expect(r.inboxes[0]?.messages.map((m) => m.messageId)).toEqual([stored]);
    const health = await fetch(server.url + '/v1/health');
    expect(health.status).toBe(200);
    expect(SYNC_PATH).toBe('/v1/sync');
  });
});
