/**
 * @module @tongilnet/client/node
 * The Node-only parts of the SDK, kept out of the main entry so the browser bundle never sees a
 * `node:` import.
 */
export { FileStore } from './node/file-store.ts';
