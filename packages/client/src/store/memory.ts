/**
 * @module store/memory
 * A {@link ClientStore} in a Map: for tests and for sessions that must leave nothing behind.
 * Values are copied in and out, so callers cannot change stored bytes by accident.
 */
import type { ClientStore, StoreWrite } from './store.ts';

// The Map semantics every in-memory state shares (this store, and the file store's state between
// writes): bytes copied in and out, lists in key order.

/** A copy of the value at `key`, or undefined. */
export function copyOf(data: Map<string, Uint8Array>, key: string): Uint8Array | undefined {
  return data.get(key)?.slice();
}

/** Copies of the entries whose key starts with `prefix`, sorted by key. */
export function listCopies(
  data: Map<string, Uint8Array>,
  prefix: string,
): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = [];
  for (const [key, value] of data) if (key.startsWith(prefix)) out.push([key, value.slice()]);
  out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return out;
}

/** Applies a batch to `data` (undefined deletes), copying the values in. */
export function applyBatch(data: Map<string, Uint8Array>, batch: readonly StoreWrite[]): void {
  for (const [key, value] of batch) {
    if (value === undefined) data.delete(key);
    else data.set(key, value.slice());
  }
}

export class MemoryStore implements ClientStore {
  private readonly data = new Map<string, Uint8Array>();
  private closed = false;

  get(key: string): Promise<Uint8Array | undefined> {
    this.check();
    return Promise.resolve(copyOf(this.data, key));
  }

  list(prefix: string): Promise<Array<[string, Uint8Array]>> {
    this.check();
    return Promise.resolve(listCopies(this.data, prefix));
  }

  write(batch: readonly StoreWrite[]): Promise<void> {
    this.check();
    applyBatch(this.data, batch);
    return Promise.resolve();
  }

  wipe(): Promise<void> {
    this.check();
    this.data.clear();
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private check(): void {
    if (this.closed) throw new Error('MemoryStore: used after close()');
  }
}
