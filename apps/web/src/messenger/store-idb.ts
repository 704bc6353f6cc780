/**
 * @module messenger/store-idb
 * The client SDK's {@link ClientStore} on IndexedDB: one database per account slot, one object
 * store of `key → bytes`. IndexedDB fits the contract closely:
 * - a `readwrite` transaction over the one object store applies a whole batch or none of it
 *   [IndexedDB 3.0 §2.7 "Transaction"], which is the atomicity the SDK relies on;
 * - string keys compare by UTF-16 code units [IndexedDB 3.0 §2.3 "compare two keys"], the order
 *   `list` promises, so a prefix scan is the key range [prefix, prefix + U+FFFF).
 *
 * Values are stored as ArrayBuffer copies, so callers cannot change stored bytes by accident.
 */
import type { ClientStore, StoreWrite } from '@tongilnet/client';

const OBJECTS = 'kv';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

function copyIn(value: Uint8Array): ArrayBuffer {
  return value.slice().buffer;
}

function copyOut(value: unknown, key: string): Uint8Array {
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  throw new TypeError(`IndexedDB store: value under "${key}" is not bytes`);
}

/**
 * Every string starting with `prefix`: [prefix, successor) where the successor increments the
 * last code unit that is not U+FFFF (strings with the prefix are exactly the keys in between).
 */
function prefixRange(prefix: string): IDBKeyRange | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const unit = prefix.charCodeAt(i);
    if (unit < 0xffff) {
      const upper = prefix.slice(0, i) + String.fromCharCode(unit + 1);
      return IDBKeyRange.bound(prefix, upper, false, true);
    }
  }
  return prefix === '' ? undefined : IDBKeyRange.lowerBound(prefix);
}

export class IndexedDbStore implements ClientStore {
  private closed = false;

  private constructor(
    readonly name: string,
    private readonly db: IDBDatabase,
  ) {}

  /** Opens (creating if needed) the database `name`. */
  static async open(name: string, factory: IDBFactory = indexedDB): Promise<IndexedDbStore> {
    const req = factory.open(name, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(OBJECTS)) req.result.createObjectStore(OBJECTS);
    };
    const db = await request(req);
    // Another tab deleting the database (a wipe) must not be blocked by this connection.
    db.onversionchange = () => db.close();
    return new IndexedDbStore(name, db);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const tx = this.tx('readonly');
    const value = await request(tx.objectStore(OBJECTS).get(key));
    return value === undefined ? undefined : copyOut(value, key);
  }

  async list(prefix: string): Promise<Array<[string, Uint8Array]>> {
    const tx = this.tx('readonly');
    const store = tx.objectStore(OBJECTS);
    const range = prefixRange(prefix);
    const [keys, values] = await Promise.all([
      request(store.getAllKeys(range)),
      request(store.getAll(range)),
    ]);
    return keys.map((k, i) => {
      const key = String(k);
      return [key, copyOut(values[i], key)];
    });
  }

  async write(batch: readonly StoreWrite[]): Promise<void> {
    if (batch.length === 0) return;
    const tx = this.tx('readwrite');
    const store = tx.objectStore(OBJECTS);
    for (const [key, value] of batch) {
      if (value === undefined) store.delete(key);
      else store.put(copyIn(value), key);
    }
    await done(tx);
  }

  async wipe(): Promise<void> {
    const tx = this.tx('readwrite');
    tx.objectStore(OBJECTS).clear();
    await done(tx);
  }

  close(): Promise<void> {
    this.closed = true;
    this.db.close();
    return Promise.resolve();
  }

  private tx(mode: IDBTransactionMode): IDBTransaction {
    if (this.closed) throw new Error('IndexedDB store: used after close()');
    // 'strict' durability: the batch is on disk before the SDK acks what it holds to the server.
    return this.db.transaction(OBJECTS, mode, { durability: 'strict' });
  }
}

/** Deletes the database `name` entirely (after the store using it is closed). */
export async function deleteDatabase(name: string, factory: IDBFactory = indexedDB): Promise<void> {
  await request(factory.deleteDatabase(name) as IDBRequest<unknown>);
}
