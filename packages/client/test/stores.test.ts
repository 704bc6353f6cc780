import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStore, storeConformance } from '@tongilnet/client';
import { FileStore } from '@tongilnet/client/node';

describe('MemoryStore conformance', () => {
  for (const check of storeConformance(() => Promise.resolve(new MemoryStore()))) {
    it(check.name, check.run);
  }
});

describe('FileStore conformance', () => {
  const fresh = () => FileStore.open(mkdtempSync(join(tmpdir(), 'tn-store-')));
  const reopen = (s: unknown) => FileStore.open((s as FileStore).dir);
  for (const check of storeConformance(fresh, reopen)) it(check.name, check.run);
});

describe('FileStore', () => {
  it('refuses a home another live process holds, and takes over a dead one’s lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tn-store-'));
    writeFileSync(join(dir, 'lock'), '1'); // pid 1 is always alive
    await expect(FileStore.open(dir)).rejects.toThrow(/in use by process 1/);
    writeFileSync(join(dir, 'lock'), '999999999'); // no such process
    const store = await FileStore.open(dir);
    await store.close();
    expect(readdirSync(dir)).not.toContain('lock');
  });

  it('keeps its files private to the user', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tn-store-')), 'home');
    const store = await FileStore.open(dir);
    await store.write([['k', new Uint8Array([1])]]);
    await store.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'state.json')).mode & 0o777).toBe(0o600);
  });

  it('names the file when the state is not ours', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tn-store-'));
    writeFileSync(join(dir, 'state.json'), 'not json');
    await expect(FileStore.open(dir)).rejects.toThrow(/state.json: not a Tongilnet client state/);
    expect(readdirSync(dir)).not.toContain('lock');
  });
});
