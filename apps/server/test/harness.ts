/**
 * Test harness: the two storage backends (one shared suite runs against both, STYLE.md rule 13),
 * servers on loopback port 0, and a small protocol client speaking HTTP and WebSocket.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import {
  FRAME_CONTENT_TYPE,
  SYNC_PATH,
  WS_PATH,
  buildSync,
  decodeServerFrame,
  encodeClientFrame,
  publicKeyOf,
  signedCreate,
  signedReceive,
  signedSend,
} from '@tongilnet/protocol';
import type { ServerFrame, SyncInit, SyncResult } from '@tongilnet/protocol';
import type { Padding } from '@tongilnet/protocol';
import { buildServer, openPglite, openPostgres } from '../src/index.ts';
import type { Db, ServerOptions } from '../src/index.ts';
import type { FastifyInstance } from 'fastify';

/** The PostgreSQL CI provides (trust auth). */
export const TEST_DATABASE_URL =
  process.env.TONGILNET_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_NATS_URL = process.env.TONGILNET_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** Opens a fresh, empty database (a new schema on PostgreSQL). */
  open(): Promise<Db>;
  /** Drops everything open() made. */
  cleanup(): Promise<void>;
}

export function pgliteBackend(): Backend {
  return { name: 'pglite', open: () => openPglite(), cleanup: () => Promise.resolve() };
}

export function postgresBackend(): Backend {
  const schemas: string[] = [];
  return {
    name: 'postgres',
    async open() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      return openPostgres({ url: TEST_DATABASE_URL, schema });
    },
    async cleanup() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      for (const schema of schemas.splice(0)) {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      }
      await client.end();
    },
  };
}

export const backends = (): Backend[] => [pgliteBackend(), postgresBackend()];

export interface Running {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Builds and starts a server on 127.0.0.1, port chosen by the OS. */
export async function startServer(options: ServerOptions): Promise<Running> {
  const app = await buildServer({ sweepIntervalMs: 0, ...options });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url: address, close: () => app.close() };
}

/** POSTs raw bytes to /v1/sync. */
export async function postRaw(
  url: string,
  body: Uint8Array,
  contentType = FRAME_CONTENT_TYPE,
): Promise<{ status: number; frame: ServerFrame; bytes: Uint8Array }> {
  const response = await fetch(url + SYNC_PATH, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, frame: decodeServerFrame(bytes), bytes };
}

/** Sends a Sync over HTTP and returns its result, or throws with the Error frame's code. */
export async function syncHttp(
  url: string,
  init: SyncInit,
  options: { padReply?: Padding; padding?: Padding } = {},
): Promise<SyncResult> {
  const bytes = encodeClientFrame(
    { requestId: 1, sync: buildSync(init), padReply: options.padReply },
    options.padding,
  );
  const { frame } = await postRaw(url, bytes);
  if (frame.body.case !== 'sync') {
    const code = frame.body.case === 'error' ? frame.body.value.code : 'none';
    throw new Error(`sync refused: ${code} ${frame.body.value?.$typeName ?? ''}`);
  }
  return frame.body.value;
}

/** A WebSocket speaking frames: send() resolves with the reply to that request id. */
export class WsClient {
  readonly notifications: ServerFrame[] = [];
  private readonly waiting = new Map<number, (frame: ServerFrame) => void>();
  private nextId = 1;
  private notifyWaiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const frame = decodeServerFrame(new Uint8Array(data));
      if (frame.body.case === 'notify') {
        this.notifications.push(frame);
        for (const wake of this.notifyWaiters.splice(0)) wake();
        return;
      }
      this.waiting.get(frame.requestId)?.(frame);
      this.waiting.delete(frame.requestId);
    });
  }

  static open(url: string): Promise<WsClient> {
    const socket = new WebSocket(url.replace(/^http/, 'ws') + WS_PATH);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new WsClient(socket)));
      socket.once('error', reject);
    });
  }

  request(bytes: Uint8Array, requestId: number): Promise<ServerFrame> {
    return new Promise((resolve) => {
      this.waiting.set(requestId, resolve);
      this.socket.send(bytes);
    });
  }

  async sync(init: SyncInit): Promise<ServerFrame> {
    const requestId = this.nextId++;
    return this.request(encodeClientFrame({ requestId, sync: buildSync(init) }), requestId);
  }

  /** Resolves once at least `count` Notify frames have arrived. */
  async waitForNotifications(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.notifications.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.notifications.length} notifications`);
      await new Promise<void>((resolve) => {
        this.notifyWaiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

/** A queue's keys and id, as a client would hold them after creating it. */
export interface TestQueue {
  id: Uint8Array;
  recipientSecret: Uint8Array;
  senderSecret: Uint8Array;
  recipientKey: Uint8Array;
  senderKey: Uint8Array;
}

export function newQueue(): TestQueue {
  const recipientSecret = new Uint8Array(randomBytes(32));
  const senderSecret = new Uint8Array(randomBytes(32));
  return {
    id: new Uint8Array(randomBytes(16)),
    recipientSecret,
    senderSecret,
    recipientKey: publicKeyOf(recipientSecret),
    senderKey: publicKeyOf(senderSecret),
  };
}

export const createItem = (q: TestQueue, time: number) =>
  signedCreate(
    { queueId: q.id, recipientKey: q.recipientKey, senderKey: q.senderKey },
    time,
    q.recipientSecret,
  );

export const sendItem = (q: TestQueue, time: number, messageId: Uint8Array, envelope: Uint8Array) =>
  signedSend({ queueId: q.id, messageId, envelope }, time, q.senderSecret);

export const receiveItem = (q: TestQueue, time: number, acks: Uint8Array[] = [], limit = 0) =>
  signedReceive({ queueId: q.id, acks, limit }, time, q.recipientSecret);

export const messageId = (): Uint8Array => new Uint8Array(randomBytes(16));

/** A strictly increasing clock reading per call (like a client's signing clock). */
export function signingClock(): () => number {
  let last = 0;
  return () => (last = Math.max(Date.now(), last + 1));
}
