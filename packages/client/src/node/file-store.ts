/**
 * @module node/file-store
 * A {@link ClientStore} in one file under a home directory (Node only; `@tongilnet/client/node`).
 *
 * Atomic batches the textbook way: the whole state is written to `state.json.tmp`, flushed with
 * fsync, renamed over `state.json` (rename is atomic on POSIX file systems) and the directory is
 * fsynced so the rename itself survives a power cut. A crash at any point leaves either the old or
 * the new state, never a mix. The state is small (keys, group states, recent messages), so writing
 * it whole is cheaper than the bookkeeping of a journal.
 *
 * One process at a time: `open` takes `lock` (created exclusively, holding our pid) and refuses a
 * home another live process holds; a lock left by a dead process is taken over. Files are created
 * 0600 in a 0700 directory: they hold private keys.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { readFile, rename, rm, writeFile, open as openFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromBase64Url, toBase64Url } from '../bytes.ts';
import { applyBatch, copyOf, listCopies } from '../store/memory.ts';
import type { ClientStore, StoreWrite } from '../store/store.ts';

const stateFile = 'state.json';
const lockFile = 'lock';

export class FileStore implements ClientStore {
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly data: Map<string, Uint8Array>,
  ) {}

  /**
   * Opens (creating if needed) the store in `dir` and locks it.
   * @throws Error naming the directory when another process holds it, or the state file is corrupt
   */
  static async open(dir: string): Promise<FileStore> {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    takeLock(dir);
    try {
      const data = new Map<string, Uint8Array>();
      let text: string | undefined;
      try {
        text = await readFile(join(dir, stateFile), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      if (text !== undefined) {
        let json: Record<string, string>;
        try {
          json = JSON.parse(text) as Record<string, string>;
        } catch (cause) {
          throw new Error(`${join(dir, stateFile)}: not a Tongilnet client state file`, { cause });
        }
        for (const [key, value] of Object.entries(json)) {
          data.set(key, fromBase64Url(value, `${stateFile} key ${key}`));
        }
      }
      return new FileStore(dir, data);
    } catch (error) {
      releaseLock(dir);
      throw error;
    }
  }

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
    // Apply to a copy, persist it, and only then make it the state we serve.
    const next = new Map(this.data);
    applyBatch(next, batch);
    return this.serialise(async () => {
      await this.persist(next);
      this.data.clear();
      for (const [k, v] of next) this.data.set(k, v);
    });
  }

  wipe(): Promise<void> {
    this.check();
    return this.serialise(async () => {
      this.data.clear();
      await rm(join(this.dir, `${stateFile}.tmp`), { force: true });
      await rm(join(this.dir, stateFile), { force: true });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    releaseLock(this.dir);
  }

  private serialise(job: () => Promise<void>): Promise<void> {
    const run = this.queue.then(job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async persist(data: Map<string, Uint8Array>): Promise<void> {
    const json: Record<string, string> = {};
    for (const [key, value] of data) json[key] = toBase64Url(value);
    const tmp = join(this.dir, `${stateFile}.tmp`);
    await writeFile(tmp, JSON.stringify(json), { mode: 0o600 });
    const handle = await openFile(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, join(this.dir, stateFile));
    const dirHandle = await openFile(this.dir, 'r');
    try {
      await dirHandle.sync();
    } catch {
      // Some file systems refuse fsync on a directory; the rename is still atomic there.
    } finally {
      await dirHandle.close();
    }
  }

  private check(): void {
    if (this.closed) throw new Error(`FileStore ${this.dir}: used after close()`);
  }
}

function takeLock(dir: string): void {
  const path = join(dir, lockFile);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      fsyncSync(fd);
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readPid(path);
      if (holder !== undefined && isAlive(holder)) {
        throw new Error(`${dir} is in use by process ${holder} (another tongilnet client)`, {
          cause: error,
        });
      }
      // Left behind by a process that died: take it over.
      releaseLock(dir);
    }
  }
  throw new Error(`${dir}: cannot take the lock file ${path}`);
}

function readPid(path: string): number | undefined {
  try {
    // Synchronous, like the rest of the lock handling, so nothing interleaves with it.
    const text = readFileSync(path, 'utf8');
    const pid = Number.parseInt(text, 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseLock(dir: string): void {
  rmSync(join(dir, lockFile), { force: true });
}
