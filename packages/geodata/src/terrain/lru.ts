/**
 * @module terrain/lru
 * A least-recently-used cache bounded by bytes rather than entries, because one SRTM1 tile weighs as
 * much as nine SRTM3 tiles. Map iteration order is insertion order, so re-inserting on use keeps the
 * oldest entry first.
 */

export class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    readonly maxBytes: number,
    private readonly onEvict: (key: string, value: V) => void = () => {},
  ) {
    if (!(maxBytes > 0)) throw new RangeError(`maxBytes = ${maxBytes} must be positive`);
  }

  /** Bytes currently held. */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The value, marked as most recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** The value without changing its recency. */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Stores `value`, then evicts the least recently used entries until the bound holds again. */
  set(key: string, value: V, bytes: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, entry] of this.entries) {
      if (this.total <= this.maxBytes || k === key) break;
      this.entries.delete(k);
      this.total -= entry.bytes;
      this.onEvict(k, entry.value);
    }
  }

  /** Values from least to most recently used. */
  values(): V[] {
    return Array.from(this.entries.values(), (e) => e.value);
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}
