/**
 * Bundled by the e2e test (Vite library build) and run inside Chromium: the client SDK's store
 * conformance suite against the IndexedDB store, in a real browser's IndexedDB.
 */
import { storeConformance } from '@tongilnet/client';
import { IndexedDbStore } from '../src/messenger/store-idb.ts';

let n = 0;
const checks = storeConformance(
  () => IndexedDbStore.open(`conformance-${Date.now()}-${n++}`),
  (closed) => IndexedDbStore.open((closed as IndexedDbStore).name),
);

/** Runs the check called `name`; resolves with an error message, or null when it passes. */
async function runStoreCheck(name: string): Promise<string | null> {
  const check = checks.find((c) => c.name === name);
  if (!check) return `no check named "${name}"`;
  try {
    await check.run();
    return null;
  } catch (error) {
    return String(error);
  }
}

(globalThis as { runStoreCheck?: typeof runStoreCheck }).runStoreCheck = runStoreCheck;
