/**
 * @module bench/service
 * `tongilnet bench service`: messaging server throughput, in messages per second, with many
 * clients syncing over HTTP against a server in this process on the machine's PostgreSQL.
 *
 * Two phases over the same messages: "store" (clients POST syncs of 10 sends each into random
 * queues) and "deliver" (each recipient fetches its queue, then acknowledges everything in a second
 * sync). Every frame is signed before the clock starts, so the figures are the server's work:
 * decode, check, verify each signature, one transaction per sync, encode. Clients and server
 * share the machine's two cores and this process (their HTTP stack is roughly a third of its CPU),
 * as they would not in production, so the figures are a floor.
 *
 * Baselines in the same run: the same phases on PGlite (the embedded default), and raw
 * multi-row INSERTs of the same envelopes into PostgreSQL (the database's own ceiling for this
 * write pattern, without HTTP, protobuf or signatures).
 *
 * PostgreSQL: TONGILNET_BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test;
 * the bench works in a schema of its own and drops it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  FRAME_CONTENT_TYPE,
  SYNC_PATH,
  buildSync,
  decodeServerFrame,
  encodeClientFrame,
  publicKeyOf,
  signedCreate,
  signedReceive,
  signedSend,
} from '@tongilnet/protocol';
import { buildServer, openPglite, openPostgres, type Db } from '@tongilnet/server';
import type { Bench, BenchFigure, BenchResult } from './harness.ts';

interface Queue {
  id: Uint8Array;
  recipientSecret: Uint8Array;
  senderSecret: Uint8Array;
  messageIds: Uint8Array[];
}

interface Workload {
  queues: Queue[];
  /** Per client: the frames it sends, in order. */
  createFrames: Uint8Array[];
  storeFrames: Uint8Array[][];
  fetchFrames: Uint8Array[];
  ackFrames: Uint8Array[];
  messages: number;
  envelopeBytes: number;
}

const SENDS_PER_SYNC = 10;

function makeWorkload(
  queueCount: number,
  clients: number,
  messages: number,
  envelopeBytes: number,
): Workload {
  const t0 = Date.now();
  const queues: Queue[] = Array.from({ length: queueCount }, () => ({
    id: new Uint8Array(randomBytes(16)),
    recipientSecret: new Uint8Array(randomBytes(32)),
    senderSecret: new Uint8Array(randomBytes(32)),
    messageIds: [],
  }));
  const createFrames: Uint8Array[] = [];
  for (let i = 0; i < queues.length; i += 16) {
    const creates = queues.slice(i, i + 16).map((q) =>
      signedCreate(
        {
          queueId: q.id,
          recipientKey: publicKeyOf(q.recipientSecret),
          senderKey: publicKeyOf(q.senderSecret),
        },
        t0,
        q.recipientSecret,
      ),
    );
    createFrames.push(encodeClientFrame({ sync: buildSync({ timeMs: t0, creates }) }));
  }
  const envelope = new Uint8Array(randomBytes(envelopeBytes));
  const storeFrames: Uint8Array[][] = Array.from({ length: clients }, () => []);
  for (let m = 0, frame = 0; m < messages; frame++) {
    const t = t0 + 1 + frame;
    const sends = [];
    for (let k = 0; k < SENDS_PER_SYNC && m < messages; k++, m++) {
      const q = queues[(m * 7919) % queues.length]!;
      const id = new Uint8Array(randomBytes(16));
      q.messageIds.push(id);
      sends.push(signedSend({ queueId: q.id, messageId: id, envelope }, t, q.senderSecret));
    }
    storeFrames[frame % clients]!.push(
      encodeClientFrame({ sync: buildSync({ timeMs: t, sends }) }),
    );
  }
  const tFetch = t0 + messages + 10;
  const fetchFrames = queues.map((q) =>
    encodeClientFrame({
      sync: buildSync({
        timeMs: tFetch,
        receives: [signedReceive({ queueId: q.id, limit: 256 }, tFetch, q.recipientSecret)],
      }),
    }),
  );
  const ackFrames = queues.map((q) =>
    encodeClientFrame({
      sync: buildSync({
        timeMs: tFetch + 1,
        receives: [
          signedReceive(
            { queueId: q.id, acks: q.messageIds, limit: 1 },
            tFetch + 1,
            q.recipientSecret,
          ),
        ],
      }),
    }),
  );
  return { queues, createFrames, storeFrames, fetchFrames, ackFrames, messages, envelopeBytes };
}

async function post(url: string, body: Uint8Array): Promise<number> {
  const response = await fetch(url + SYNC_PATH, {
    method: 'POST',
    headers: { 'content-type': FRAME_CONTENT_TYPE },
    body,
  });
  const frame = decodeServerFrame(new Uint8Array(await response.arrayBuffer()));
  if (frame.body.case !== 'sync' || frame.body.value.rejected.length > 0) {
    throw new Error(
      `bench sync refused: ${JSON.stringify(frame.body.value?.toString() ?? frame.body.case)}`,
    );
  }
  return frame.body.value.inboxes.reduce((n, inbox) => n + inbox.messages.length, 0);
}

/** Runs `lists` concurrently, each list's frames in order; resolves to seconds and fetched count. */
async function runClients(
  url: string,
  lists: Uint8Array[][],
): Promise<{ seconds: number; fetched: number }> {
  let fetched = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    lists.map(async (frames) => {
      for (const frame of frames) {
        const n = await post(url, frame);
        fetched += n;
      }
    }),
  );
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, fetched };
}

function split<T>(items: T[], parts: number): T[][] {
  const out: T[][] = Array.from({ length: parts }, () => []);
  items.forEach((item, i) => out[i % parts]!.push(item));
  return out;
}

interface PhaseRates {
  storePerSecond: number;
  deliverPerSecond: number;
}

async function runService(db: Db, work: Workload, clients: number): Promise<PhaseRates> {
  const app = await buildServer({
    db,
    sweepIntervalMs: 0,
    sendRate: { burst: 1e9, perSecond: 1e9 },
    receiveRate: { burst: 1e9, perSecond: 1e9 },
    createRate: { burst: 1e9, perSecond: 1e9 },
  });
  try {
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    await runClients(url, [work.createFrames]);
    const store = await runClients(url, work.storeFrames);
    const fetch = await runClients(url, split(work.fetchFrames, clients));
    const ack = await runClients(url, split(work.ackFrames, clients));
    if (fetch.fetched !== work.messages) {
      throw new Error(`delivered ${fetch.fetched} of ${work.messages} messages`);
    }
    return {
      storePerSecond: work.messages / store.seconds,
      deliverPerSecond: work.messages / (fetch.seconds + ack.seconds),
    };
  } finally {
    await app.close();
  }
}

/** Raw INSERTs of the same envelopes, 10 per statement, `clients` connections at once. */
async function rawInserts(
  url: string,
  schema: string,
  work: Workload,
  clients: number,
): Promise<number> {
  const pool = new pg.Pool({
    connectionString: url,
    max: clients,
    options: `-c search_path=${schema}`,
  });
  try {
    await pool.query(
      'CREATE TABLE raw_envelopes (queue_id bytea, message_id bytea, body bytea, PRIMARY KEY (queue_id, message_id))',
    );
    const envelope = Buffer.from(randomBytes(work.envelopeBytes));
    const rows = work.queues.flatMap((q) =>
      q.messageIds.map((id) => [Buffer.from(q.id), Buffer.from(id)]),
    );
    const batches: Buffer[][][] = [];
    for (let i = 0; i < rows.length; i += SENDS_PER_SYNC)
      batches.push(rows.slice(i, i + SENDS_PER_SYNC));
    const start = process.hrtime.bigint();
    await Promise.all(
      split(batches, clients).map(async (mine) => {
        for (const batch of mine) {
          const params: unknown[] = [];
          const values = batch.map(([q, id]) => {
            params.push(q, id, envelope);
            const n = params.length;
            return `($${n - 2}, $${n - 1}, $${n})`;
          });
          await pool.query(
            `INSERT INTO raw_envelopes VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
            params,
          );
        }
      }),
    );
    return rows.length / (Number(process.hrtime.bigint() - start) / 1e9);
  } finally {
    await pool.end();
  }
}

export const serviceBench: Bench = {
  name: 'service',
  description:
    'messaging server messages/s on PostgreSQL (HTTP syncs), against PGlite and raw INSERTs',
  async run(): Promise<BenchResult> {
    const messages = 4000;
    const clients = 16;
    const url =
      process.env.TONGILNET_BENCH_DATABASE_URL ||
      process.env.DATABASE_URL ||
      'postgres://postgres@127.0.0.1:5432/test';
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const envelopeBytes = 200; // about a 40-character Korean text after MLS framing

    let pgRates: PhaseRates;
    let raw: number;
    const work = () => makeWorkload(256, clients, messages, envelopeBytes);
    const pgDb = await openPostgres({ url, schema, maxConnections: 8 });
    try {
      pgRates = await runService(pgDb, work(), clients);
      raw = await rawInserts(url, schema, work(), 8);
    } finally {
      await pgDb.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
      await pgDb.close();
    }
    const liteDb = await openPglite();
    let liteRates: PhaseRates;
    try {
      liteRates = await runService(liteDb, work(), clients);
    } finally {
      await liteDb.close();
    }

    const figures: BenchFigure[] = [
      {
        name: 'store on PostgreSQL',
        value: pgRates.storePerSecond,
        unit: 'messages/s',
        baseline: { name: 'PGlite', value: liteRates.storePerSecond, unit: 'messages/s' },
        ratio: pgRates.storePerSecond / liteRates.storePerSecond,
        note: `${clients} HTTP clients, ${SENDS_PER_SYNC} sends of ${envelopeBytes} B per sync, ${messages} messages`,
      },
      {
        name: 'deliver on PostgreSQL',
        value: pgRates.deliverPerSecond,
        unit: 'messages/s',
        baseline: { name: 'PGlite', value: liteRates.deliverPerSecond, unit: 'messages/s' },
        ratio: pgRates.deliverPerSecond / liteRates.deliverPerSecond,
        note: 'fetch then ack, one receive per sync, 256 queues',
      },
      {
        name: 'store vs raw INSERT',
        value: pgRates.storePerSecond,
        unit: 'messages/s',
        baseline: { name: `raw ${SENDS_PER_SYNC}-row INSERTs`, value: raw, unit: 'rows/s' },
        ratio: pgRates.storePerSecond / raw,
        note: 'share of the database ceiling the whole service reaches',
      },
    ];
    return { bench: 'service', figures };
  },
};
