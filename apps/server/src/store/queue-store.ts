/**
 * @module store/queue-store
 * All SQL of the messaging service, written once for PostgreSQL and PGlite. A sync's writes happen
 * in ONE transaction, so a failure half-way leaves nothing half-applied; the queue rows a sync
 * touches are locked in id order first, so concurrent syncs on several processes cannot deadlock
 * each other (the sweeper can, rarely: such transactions are retried).
 */
import { ErrorCode, Section, toHex } from '@tongilnet/protocol';
import type { Db, Queryable } from '../db/db.ts';
import { withRetry } from '../db/db.ts';

export interface QueueKeys {
  recipientKey: Uint8Array;
  senderKey: Uint8Array;
}

export interface CreatePlan {
  index: number;
  queueId: Uint8Array;
  recipientKey: Uint8Array;
  senderKey: Uint8Array;
}
export interface SendPlan {
  index: number;
  queueId: Uint8Array;
  /** The sender key the signature was verified with (re-checked under the row lock). */
  verifiedKey: Uint8Array;
  messageId: Uint8Array;
  envelope: Uint8Array;
}
export interface ReceivePlan {
  index: number;
  queueId: Uint8Array;
  /** The recipient key the signature was verified with (re-checked under the row lock). */
  verifiedKey: Uint8Array;
  acks: Uint8Array[];
  /** Envelopes to return at most. */
  limit: number;
}
export interface DeletePlan {
  index: number;
  queueId: Uint8Array;
  /** The recipient key the signature was verified with (re-checked under the row lock). */
  verifiedKey: Uint8Array;
}

/** The verified, rate-limited items of one sync. */
export interface SyncPlan {
  timeMs: number;
  creates: CreatePlan[];
  sends: SendPlan[];
  receives: ReceivePlan[];
  deletes: DeletePlan[];
}

export interface StoreRejection {
  section: Section;
  index: number;
  code: ErrorCode;
  message: string;
  /** Sub-field of the item, e.g. `body.queue_id`. */
  sub?: string;
}

export interface FetchedEnvelope {
  messageId: Uint8Array;
  envelope: Uint8Array;
  receivedAtS: number;
}

export interface FetchedInbox {
  /** Index of the receive in the Sync. */
  index: number;
  messages: FetchedEnvelope[];
  more: boolean;
}

export interface SyncOutcome {
  rejected: StoreRejection[];
  inboxes: FetchedInbox[];
  /** Queues that received at least one new envelope (to notify their watchers). */
  filled: Uint8Array[];
}

export interface StoreSettings {
  lifetimeMs: number;
  /** Queues unread and uncreated for this long are deleted by the sweeper (0 or absent: never). */
  idleQueueMs?: number;
  dedupMs: number;
  maxPendingPerQueue: number;
  maxReplyBytes: number;
}

interface LockedQueue {
  recipientKey: string;
  senderKey: string;
  pending: number;
  maxPending: number;
  lastReadMs: number;
}

/** `$k, $k+1, …` for n parameters. */
function placeholders(start: number, n: number): string {
  return Array.from({ length: n }, (_, i) => `$${start + i}`).join(', ');
}

/** Sorted, de-duplicated ids (byte order = PostgreSQL's bytea order). */
function uniqueSorted(ids: Uint8Array[]): Uint8Array[] {
  const byHex = new Map<string, Uint8Array>();
  for (const id of ids) byHex.set(toHex(id), id);
  return [...byHex.keys()].sort().map((key) => byHex.get(key)!);
}

const asBytes = (value: unknown): Uint8Array => value as Uint8Array;

export class QueueStore {
  constructor(
    private readonly db: Db,
    private readonly settings: StoreSettings,
  ) {}

  /** Keys of the queues that exist among `ids` (no lock: used to verify signatures first). */
  async keys(ids: Uint8Array[]): Promise<Map<string, QueueKeys>> {
    const out = new Map<string, QueueKeys>();
    const unique = uniqueSorted(ids);
    if (unique.length === 0) return out;
    const { rows } = await this.db.query<{
      id: Uint8Array;
      recipient_key: Uint8Array;
      sender_key: Uint8Array;
    }>(
      `SELECT id, recipient_key, sender_key FROM queues WHERE id IN (${placeholders(1, unique.length)})`,
      unique,
    );
    for (const row of rows) {
      out.set(toHex(row.id), {
        recipientKey: asBytes(row.recipient_key),
        senderKey: asBytes(row.sender_key),
      });
    }
    return out;
  }

  /** Applies a verified sync in one transaction. */
  apply(plan: SyncPlan, nowMs: number): Promise<SyncOutcome> {
    return withRetry(this.db, (tx) => this.applyIn(tx, plan, nowMs));
  }

  private async applyIn(tx: Queryable, plan: SyncPlan, nowMs: number): Promise<SyncOutcome> {
    const rejected: StoreRejection[] = [];
    const reject = (
      section: Section,
      index: number,
      code: ErrorCode,
      message: string,
      sub?: string,
    ) => rejected.push({ section, index, code, message, sub });

    // 1. Creates: idempotent for the same id and keys.
    const createdOn = new Date(nowMs).toISOString().slice(0, 10);
    for (const c of plan.creates) {
      const inserted = await tx.query(
        `INSERT INTO queues (id, recipient_key, sender_key, created_on, max_pending)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
        [c.queueId, c.recipientKey, c.senderKey, createdOn, this.settings.maxPendingPerQueue],
      );
      if (inserted.rowCount === 1) continue;
      const existing = await tx.query<{ recipient_key: Uint8Array; sender_key: Uint8Array }>(
        'SELECT recipient_key, sender_key FROM queues WHERE id = $1',
        [c.queueId],
      );
      const row = existing.rows[0];
      const same =
        row !== undefined &&
        toHex(asBytes(row.recipient_key)) === toHex(c.recipientKey) &&
        toHex(asBytes(row.sender_key)) === toHex(c.senderKey);
      if (!same) {
        reject(
          Section.CREATE,
          c.index,
          ErrorCode.PROTO_ERR_QUEUE_EXISTS,
          'a queue with this id exists with other keys',
          'body.queue_id',
        );
      }
    }

    // 2. Lock every queue the rest touches, in id order.
    const touched = uniqueSorted([
      ...plan.sends.map((s) => s.queueId),
      ...plan.receives.map((r) => r.queueId),
      ...plan.deletes.map((d) => d.queueId),
    ]);
    const locked = new Map<string, LockedQueue>();
    if (touched.length > 0) {
      const { rows } = await tx.query<{
        id: Uint8Array;
        recipient_key: Uint8Array;
        sender_key: Uint8Array;
        pending: number;
        max_pending: number;
        last_read_ms: string | number;
      }>(
        `SELECT id, recipient_key, sender_key, pending, max_pending, last_read_ms FROM queues
         WHERE id IN (${placeholders(1, touched.length)}) ORDER BY id FOR UPDATE`,
        touched,
      );
      for (const row of rows) {
        locked.set(toHex(asBytes(row.id)), {
          recipientKey: toHex(asBytes(row.recipient_key)),
          senderKey: toHex(asBytes(row.sender_key)),
          pending: Number(row.pending),
          maxPending: Number(row.max_pending),
          lastReadMs: Number(row.last_read_ms),
        });
      }
    }
    const notFound = (section: Section, index: number) =>
      reject(section, index, ErrorCode.PROTO_ERR_QUEUE_NOT_FOUND, 'no such queue', 'body.queue_id');
    /**
     * The locked queue an item may act on: it must still exist and still have the key its
     * signature was verified with (it might have been deleted and re-created meanwhile, or the
     * key came from a create in this sync that lost to an existing queue).
     */
    const lockedFor = (
      section: Section,
      item: { index: number; queueId: Uint8Array; verifiedKey: Uint8Array },
      role: 'recipientKey' | 'senderKey',
    ): LockedQueue | undefined => {
      const queue = locked.get(toHex(item.queueId));
      if (!queue) {
        notFound(section, item.index);
        return undefined;
      }
      if (queue[role] !== toHex(item.verifiedKey)) {
        reject(
          section,
          item.index,
          ErrorCode.PROTO_ERR_BAD_SIGNATURE,
          'not signed by the queue key',
          'sig',
        );
        return undefined;
      }
      return queue;
    };

    // 3. Sends: within each queue's capacity; a message id already stored is a no-op.
    const accepted: SendPlan[] = [];
    const room = new Map<string, number>();
    for (const s of plan.sends) {
      const key = toHex(s.queueId);
      const queue = lockedFor(Section.SEND, s, 'senderKey');
      if (!queue) continue;
      const left = room.get(key) ?? queue.maxPending - queue.pending;
      if (left <= 0) {
        reject(
          Section.SEND,
          s.index,
          ErrorCode.PROTO_ERR_QUEUE_FULL,
          `the queue holds ${queue.maxPending} unacknowledged envelopes`,
        );
        continue;
      }
      room.set(key, left - 1);
      accepted.push(s);
    }
    // Per-queue changes, written in one UPDATE at the end.
    const changes = new Map<string, { id: Uint8Array; delta: number; lastReadMs?: number }>();
    const change = (id: Uint8Array) => {
      const key = toHex(id);
      let entry = changes.get(key);
      if (!entry) {
        entry = { id, delta: 0 };
        changes.set(key, entry);
      }
      return entry;
    };
    const filled = new Map<string, Uint8Array>();
    if (accepted.length > 0) {
      const receivedAt = new Date(Math.floor(nowMs / 1000) * 1000);
      const expiresAt = new Date(nowMs + this.settings.lifetimeMs);
      const params: unknown[] = [receivedAt, expiresAt];
      const values = accepted.map((s) => {
        params.push(s.queueId, s.messageId, s.envelope);
        const n = params.length;
        return `($${n - 2}::bytea, $${n - 1}::bytea, $${n}::bytea, $1::timestamptz, $2::timestamptz)`;
      });
      const { rows } = await tx.query<{ queue_id: Uint8Array }>(
        `INSERT INTO envelopes (queue_id, message_id, body, received_at, expires_at)
         VALUES ${values.join(', ')} ON CONFLICT (queue_id, message_id) DO NOTHING
         RETURNING queue_id`,
        params,
      );
      for (const row of rows) {
        const id = asBytes(row.queue_id);
        change(id).delta++;
        filled.set(toHex(id), id);
      }
    }

    // 4. Receives: replay check (in memory, on the locked rows), then all acks in one statement
    //    (body dropped, id kept as a tombstone), then all fetches in one statement.
    const receives: ReceivePlan[] = [];
    const readThisSync = new Set<string>();
    for (const r of plan.receives) {
      const queue = lockedFor(Section.RECEIVE, r, 'recipientKey');
      if (!queue) continue;
      if (plan.timeMs <= queue.lastReadMs) {
        reject(
          Section.RECEIVE,
          r.index,
          ErrorCode.PROTO_ERR_REPLAY,
          'time_ms is not later than the last accepted receive on this queue',
        );
        continue;
      }
      queue.lastReadMs = plan.timeMs;
      change(r.queueId).lastReadMs = plan.timeMs;
      readThisSync.add(toHex(r.queueId));
      receives.push(r);
    }
    const acks = receives.flatMap((r) => r.acks.map((id) => [r.queueId, id] as const));
    if (acks.length > 0) {
      const params: unknown[] = [new Date(nowMs + this.settings.dedupMs)];
      const pairs = acks.map(([queueId, id]) => {
        params.push(queueId, id);
        return `($${params.length - 1}::bytea, $${params.length}::bytea)`;
      });
      const { rows } = await tx.query<{ queue_id: Uint8Array }>(
        `UPDATE envelopes SET body = NULL, expires_at = $1
         WHERE body IS NOT NULL AND (queue_id, message_id) IN (VALUES ${pairs.join(', ')})
         RETURNING queue_id`,
        params,
      );
      for (const row of rows) change(asBytes(row.queue_id)).delta--;
    }
    const inboxes: FetchedInbox[] = [];
    if (receives.length > 0) {
      const params: unknown[] = [];
      const wanted = receives.map((r) => {
        params.push(r.queueId, r.limit + 1);
        return `($${params.length - 1}::bytea, $${params.length}::int)`;
      });
      const { rows } = await tx.query<{
        queue_id: Uint8Array;
        message_id: Uint8Array;
        body: Uint8Array;
        received_at: Date;
      }>(
        `SELECT w.id AS queue_id, e.message_id, e.body, e.received_at
         FROM (VALUES ${wanted.join(', ')}) AS w (id, lim)
         CROSS JOIN LATERAL (
           SELECT message_id, body, received_at, seq FROM envelopes
           WHERE queue_id = w.id AND body IS NOT NULL ORDER BY seq LIMIT w.lim) AS e
         ORDER BY w.id, e.seq`,
        params,
      );
      const byQueue = new Map<string, typeof rows>();
      for (const row of rows) {
        const key = toHex(asBytes(row.queue_id));
        const list = byQueue.get(key) ?? [];
        list.push(row);
        byQueue.set(key, list);
      }
      let replyBudget = this.settings.maxReplyBytes;
      for (const r of receives) {
        const found = byQueue.get(toHex(r.queueId)) ?? [];
        const messages: FetchedEnvelope[] = [];
        let more = found.length > r.limit;
        for (const row of found.slice(0, r.limit)) {
          const envelope = asBytes(row.body);
          if (envelope.length > replyBudget) {
            more = true;
            break;
          }
          replyBudget -= envelope.length;
          messages.push({
            messageId: asBytes(row.message_id),
            envelope,
            receivedAtS: Math.floor(new Date(row.received_at).getTime() / 1000),
          });
        }
        if (messages.length > 0 || more) inboxes.push({ index: r.index, messages, more });
      }
    }

    // 5. Deletes (a receive on the same queue in this sync may share its time).
    const deleted = new Map<string, Uint8Array>();
    for (const d of plan.deletes) {
      const key = toHex(d.queueId);
      if (deleted.has(key)) {
        notFound(Section.DELETE, d.index);
        continue;
      }
      const queue = lockedFor(Section.DELETE, d, 'recipientKey');
      if (!queue) continue;
      const stale =
        plan.timeMs < queue.lastReadMs ||
        (plan.timeMs === queue.lastReadMs && !readThisSync.has(key));
      if (stale) {
        reject(
          Section.DELETE,
          d.index,
          ErrorCode.PROTO_ERR_REPLAY,
          'time_ms is not later than the last accepted request on this queue',
        );
        continue;
      }
      deleted.set(key, d.queueId);
      changes.delete(key);
      filled.delete(key);
    }

    // 6. Every queue row change in one statement, then the deletions.
    if (changes.size > 0) {
      const params: unknown[] = [];
      const values = [...changes.values()].map((c) => {
        params.push(c.id, c.delta, c.lastReadMs ?? null);
        const n = params.length;
        return `($${n - 2}::bytea, $${n - 1}::int, $${n}::bigint)`;
      });
      await tx.query(
        `UPDATE queues SET pending = GREATEST(queues.pending + v.delta, 0),
                           last_read_ms = COALESCE(v.last_read_ms, queues.last_read_ms)
         FROM (VALUES ${values.join(', ')}) AS v (id, delta, last_read_ms)
         WHERE queues.id = v.id`,
        params,
      );
    }
    if (deleted.size > 0) {
      const ids = [...deleted.values()];
      await tx.query(`DELETE FROM queues WHERE id IN (${placeholders(1, ids.length)})`, ids);
    }

    return { rejected, inboxes, filled: [...filled.values()] };
  }

  /**
   * Deletes expired envelopes and tombstones, then idle queues (with what they hold), in batches so
   * no transaction grows large. Resolves to the number of envelope and queue rows deleted.
   */
  async sweep(nowMs: number, batch = 5000): Promise<number> {
    const envelopes = await this.sweepEnvelopes(nowMs, batch);
    return envelopes + (await this.sweepIdleQueues(nowMs, batch));
  }

  /**
   * Queues whose recipient has neither created nor read them within `idleQueueMs`: created before
   * that day and last read (signed time) before that moment. Their envelopes go with them
   * (ON DELETE CASCADE); a sender's later send gets PROTO_ERR_QUEUE_NOT_FOUND.
   */
  private sweepIdleQueues(nowMs: number, batch: number): Promise<number> {
    const idleMs = this.settings.idleQueueMs ?? 0;
    if (!(idleMs > 0)) return Promise.resolve(0);
    const cutoffMs = nowMs - idleMs;
    const cutoffDay = new Date(cutoffMs).toISOString().slice(0, 10);
    return this.deleteInBatches(
      `WITH gone AS (
         DELETE FROM queues WHERE id IN (
           SELECT id FROM queues WHERE created_on < $1 AND last_read_ms < $2 LIMIT $3)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoffDay, cutoffMs],
      batch,
    );
  }

  private sweepEnvelopes(nowMs: number, batch: number): Promise<number> {
    return this.deleteInBatches(
      `WITH gone AS (
         DELETE FROM envelopes WHERE ctid IN (
           SELECT ctid FROM envelopes WHERE expires_at <= $1 LIMIT $2)
         RETURNING queue_id, body IS NOT NULL AS was_pending),
       counts AS (
         SELECT queue_id, count(*)::int AS n FROM gone WHERE was_pending GROUP BY queue_id),
       fixed AS (
         UPDATE queues SET pending = GREATEST(queues.pending - counts.n, 0)
         FROM counts WHERE queues.id = counts.queue_id RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [new Date(nowMs)],
      batch,
    );
  }

  /**
   * Runs a DELETE that takes at most `batch` rows (its last parameter) and answers `n`, one
   * transaction at a time, until a run takes fewer than `batch`. Resolves to the rows deleted.
   */
  private async deleteInBatches(sql: string, params: unknown[], batch: number): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await withRetry(this.db, async (tx) => {
        const { rows } = await tx.query<{ n: number | string }>(sql, [...params, batch]);
        return Number(rows[0]?.n ?? 0);
      });
      total += n;
      if (n < batch) return total;
    }
  }
}
