/**
 * @module store/memory
 * A {@link ClientStore} in a Map: for tests and for sessions that must leave nothing behind.
 * Values are copied in and out, so callers cannot change stored bytes by accident.
 */
import type { ClientStore, StoreWrite } from './store.ts';

export class MemoryStore implements ClientStore {
  private readonly data = new Map<string, Uint8Array>();
  private closed = false;

  get(key: string): Promise<Uint8Array | undefined> {
    this.check();
    const value = this.data.get(key);
    return Promise.resolve(value && value.slice());
  }

  list(prefix: string): Promise<Array<[string, Uint8Array]>> {
    this.check();
    const out: Array<[string, Uint8Array]> = [];
    for (const [key, value] of this.data)
      if (key.startsWith(prefix)) out.push([key, value.slice()]);
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return Promise.resolve(out);
  }

  write(batch: readonly StoreWrite[]): Promise<void> {
    this.check();
    for (const [key, value] of batch) {
      if (value === undefined) this.data.delete(key);
      else this.data.set(key, value.slice());
    }
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
