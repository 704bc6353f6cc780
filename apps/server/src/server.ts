/**
 * @module server
 * `buildServer(options)`: the Fastify app of the Tongilnet service. It opens the storage (a given
 * Db, PostgreSQL from a URL, PGlite in a directory, or PGlite in memory), applies the migrations,
 * starts the notifier (NATS JetStream or in-process), decorates the root instance with them, and
 * registers one plugin per domain. Later domains (web app, coverage API, ledger) are further
 * plugins on the same instance.
 *
 * Nothing identifying is logged: request logging is off, and the serializers drop addresses.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance } from 'fastify';
import { resolveConfig, type ServerConfig } from './config.ts';
import type { Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';
import { natsNotifier } from './notify/nats.ts';
import { memoryNotifier, type Notifier } from './notify/notifier.ts';
import { Watchers } from './notify/watchers.ts';
import { healthPlugin } from './plugins/health.ts';
import { queuesPlugin } from './plugins/queues.ts';
import { syncPlugin } from './plugins/sync.ts';
import { TokenBuckets } from './rate-limit.ts';
import { QueueStore } from './store/queue-store.ts';
import type { SyncContext } from './sync/handle-frame.ts';

export interface ServiceState {
  config: ServerConfig;
  /** Set when close() begins; new frames get PROTO_ERR_UNAVAILABLE. */
  closing: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    queueStore: QueueStore;
    notifier: Notifier;
    watchers: Watchers;
    syncContext: SyncContext;
    serviceState: ServiceState;
  }
}

export interface ServerOptions extends Partial<ServerConfig> {
  /** An open database to use; the server will not close it. */
  db?: Db;
  /** PostgreSQL URL (e.g. DATABASE_URL). */
  databaseUrl?: string;
  /** With databaseUrl: use this schema instead of public. */
  schema?: string;
  /** PGlite data directory. Without db, databaseUrl and dataDir: PGlite in memory. */
  dataDir?: string;
  /** NATS URL; without it notifications stay in this process. */
  natsUrl?: string;
  /** JetStream stream name (default TONGILNET). */
  natsStream?: string;
  /** Log to stderr at this level (default: no logging). */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  /**
   * Serve HTTPS with this certificate chain and private key (PEM). Phones need it: browsers give
   * the messenger its WebCrypto, service worker and camera only on a secure origin.
   */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

/** Opens the storage the options name. */
export async function openDatabase(options: ServerOptions): Promise<{ db: Db; owned: boolean }> {
  if (options.db) return { db: options.db, owned: false };
  if (options.databaseUrl) {
    return {
      db: await openPostgres({ url: options.databaseUrl, schema: options.schema }),
      owned: true,
    };
  }
  return { db: await openPglite(options.dataDir), owned: true };
}

/** Builds (but does not start listening) the service. Close it with `app.close()`. */
export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const config = resolveConfig(options);
  const { db, owned } = await openDatabase(options);
  let notifier: Notifier | undefined;
  try {
    await migrate(db);
    const app = Fastify({
      logger: options.logLevel
        ? {
            level: options.logLevel,
            serializers: {
              req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
            },
          }
        : false,
      // Per-request logs would carry addresses and timing patterns; they are off.
      logController: new LogController({ disableRequestLogging: true }),
      trustProxy: false,
      bodyLimit: config.limits.maxFrameBytes + 1,
      // Fastify's types pick the server kind from this option; the instance is used the same way.
      ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
    }) as unknown as FastifyInstance;
    const watchers = new Watchers();
    const deliver = (ids: Uint8Array[]) => watchers.notify(ids);
    notifier = options.natsUrl
      ? await natsNotifier({
          url: options.natsUrl,
          stream: options.natsStream,
          originId: new Uint8Array(randomBytes(16)),
          deliver,
          onError: (error) =>
            app.log.warn({ msg: 'NATS notification failed', error: String(error) }),
        })
      : memoryNotifier(deliver);
    const state: ServiceState = { config, closing: false };
    const store = new QueueStore(db, {
      lifetimeMs: config.lifetimeDays * 86_400_000,
      idleQueueMs: config.idleQueueDays * 86_400_000,
      dedupMs: config.dedupHours * 3_600_000,
      maxPendingPerQueue: config.maxPendingPerQueue,
      maxReplyBytes: config.limits.maxReplyBytes,
    });
    const syncContext: SyncContext = {
      store,
      config,
      notifier,
      sendBuckets: new TokenBuckets(config.sendRate, config.now),
      receiveBuckets: new TokenBuckets(config.receiveRate, config.now),
      createBuckets: new TokenBuckets(config.createRate, config.now),
      closing: () => state.closing,
      logError: (error) =>
        app.log.error({
          msg: 'request failed',
          error: error instanceof Error ? error.message : String(error),
        }),
    };
    app.decorate('db', db);
    app.decorate('queueStore', store);
    app.decorate('notifier', notifier);
    app.decorate('watchers', watchers);
    app.decorate('syncContext', syncContext);
    app.decorate('serviceState', state);

    const closingNotifier = notifier;
    app.addHook('preClose', () => {
      state.closing = true;
      return Promise.resolve();
    });
    app.addHook('onClose', async () => {
      await closingNotifier.close();
      if (owned) await db.close();
    });

    await app.register(healthPlugin);
    await app.register(queuesPlugin);
    await app.register(syncPlugin);
    return app;
  } catch (error) {
    await notifier?.close().catch(() => undefined);
    if (owned) await db.close().catch(() => undefined);
    throw error;
  }
}
