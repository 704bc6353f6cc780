/**
 * @module @tongilnet/server
 * The Tongilnet service: anonymous, end-to-end encrypted store-and-forward messaging over
 * WebSocket and HTTP, on PostgreSQL or PGlite, with NATS JetStream between processes.
 */
export { buildServer, openDatabase } from './server.ts';
export type { ServerOptions, ServiceState } from './server.ts';
export { DEFAULT_CONFIG, resolveConfig } from './config.ts';
export type { RateLimit, ServerConfig } from './config.ts';
export { nobleVerifier, opensslVerifier } from './crypto/verify.ts';
export type { Verifier } from './crypto/verify.ts';
export type { Db, QueryResult, Queryable } from './db/db.ts';
export { migrate } from './db/migrate.ts';
export { openPglite } from './db/pglite.ts';
export { openPostgres, redact } from './db/postgres.ts';
export { QueueStore } from './store/queue-store.ts';
export { handleFrame } from './sync/handle-frame.ts';
export { CONTENT_SECURITY_POLICY, defaultWebDir, webPlugin } from './plugins/web.ts';
export type { WebOptions } from './plugins/web.ts';
export { plannerPlugin, siteRefusal } from './plugins/planner.ts';
export type { PlannerOptions } from './plugins/planner.ts';
export type { HandledFrame, SyncContext } from './sync/handle-frame.ts';
