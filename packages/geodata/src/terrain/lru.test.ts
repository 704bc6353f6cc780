import { describe, expect, it } from 'vitest';
import { ByteLru } from './lru.ts';

describe('ByteLru', () => {
  it('evicts least recently used entries until the byte bound holds', () => {
    const evicted: string[] = [];
    const lru = new ByteLru<number>(10, (key) => evicted.push(key));
    lru.set('a', 1, 4);
    lru.set('b', 2, 4);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3, 4);
    expect(evicted).toEqual(['b']);
    expect(lru.bytes).toBe(8);
    expect(lru.peek('a')).toBe(1);
    lru.set('d', 4, 4); // peek did not refresh a
    expect(evicted).toEqual(['b', 'a']);
  });

  it('keeps a single entry larger than the bound rather than nothing', () => {
    const lru = new ByteLru<string>(10);
    lru.set('small', 's', 2);
    lru.set('huge', 'h', 50);
    expect([lru.has('small'), lru.has('huge'), lru.bytes]).toEqual([false, true, 50]);
  });

  it('replaces an entry without counting it twice', () => {
    const lru = new ByteLru<string>(10);
    lru.set('a', 'x', 6);
    lru.set('a', 'y', 6);
    expect([lru.size, lru.bytes, lru.get('a')]).toEqual([1, 6, 'y']);
    expect(() => new ByteLru(0)).toThrow('maxBytes = 0 must be positive');
  });
});
