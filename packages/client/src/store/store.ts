/**
 * @module store/store
 * Where a client keeps its keys, groups, outbox and inbox. Implementations: {@link MemoryStore}
 * (tests, throwaway sessions), `FileStore` (Node, `@tongilnet/client/node`) and, in the web app,
 * one over IndexedDB. Every implementation runs the same conformance suite
 * (`test/store-suite.ts`, house style rule 13).
 *
 * The contract is small on purpose so IndexedDB can meet it with one object store:
 * - keys are strings, values are bytes (the SDK encodes its own records);
 * - `write` applies a whole batch atomically — after a crash either all of it or none of it is
 *   there. The SDK relies on this: a processed message, the group state it advanced and the ack
 *   that will delete it from the server are stored together, so nothing is lost or shown twice.
 */

/** One write of a batch; `value: undefined` deletes the key. */
export type StoreWrite = readonly [key: string, value: Uint8Array | undefined];

export interface ClientStore {
  /** The value under `key`, or undefined. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Every entry whose key starts with `prefix`, in ascending key order (UTF-16 code units). */
  list(prefix: string): Promise<Array<[string, Uint8Array]>>;
  /** Applies all writes or none. Later writes to the same key win. */
  write(batch: readonly StoreWrite[]): Promise<void>;
  /** Erases everything: keys, history, outbox (the quick wipe). */
  wipe(): Promise<void>;
  /** Releases files, locks or connections. The store is unusable afterwards. */
  close(): Promise<void>;
}
