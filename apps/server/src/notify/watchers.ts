/**
 * @module notify/watchers
 * Which open WebSockets watch which queues, in this process. Only in memory: it is rebuilt from
 * the clients' own syncs after a restart, and it never reaches the database or the logs.
 */
import { toHex } from '@tongilnet/protocol';

/** A connection's callback with the queue ids it watches that just got envelopes. */
export type WatchCallback = (queueIds: Uint8Array[]) => void;

export class Watchers {
  private readonly byQueue = new Map<string, Set<WatchCallback>>();
  private readonly byConnection = new Map<WatchCallback, Map<string, Uint8Array>>();

  /** Adds queues to a connection's watch list, dropping its oldest beyond `max`. */
  watch(connection: WatchCallback, queueIds: Uint8Array[], max: number): void {
    let mine = this.byConnection.get(connection);
    if (!mine) {
      mine = new Map();
      this.byConnection.set(connection, mine);
    }
    for (const id of queueIds) {
      const key = toHex(id);
      mine.delete(key); // re-insert as newest
      mine.set(key, id);
      let set = this.byQueue.get(key);
      if (!set) {
        set = new Set();
        this.byQueue.set(key, set);
      }
      set.add(connection);
    }
    while (mine.size > max) {
      const oldest = mine.keys().next().value as string;
      mine.delete(oldest);
      this.unlink(oldest, connection);
    }
  }

  /** Forgets a connection (on close). */
  drop(connection: WatchCallback): void {
    const mine = this.byConnection.get(connection);
    if (!mine) return;
    for (const key of mine.keys()) this.unlink(key, connection);
    this.byConnection.delete(connection);
  }

  /** Calls each connection watching any of `queueIds` once, with the ones it watches. */
  notify(queueIds: Uint8Array[]): void {
    const perConnection = new Map<WatchCallback, Uint8Array[]>();
    for (const id of queueIds) {
      for (const connection of this.byQueue.get(toHex(id)) ?? []) {
        const list = perConnection.get(connection) ?? [];
        list.push(id);
        perConnection.set(connection, list);
      }
    }
    for (const [connection, ids] of perConnection) connection(ids);
  }

  /** Number of watched queues (for health). */
  get size(): number {
    return this.byQueue.size;
  }

  private unlink(key: string, connection: WatchCallback): void {
    const set = this.byQueue.get(key);
    if (!set) return;
    set.delete(connection);
    if (set.size === 0) this.byQueue.delete(key);
  }
}
