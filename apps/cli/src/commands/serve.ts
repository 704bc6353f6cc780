/**
 * @module commands/serve
 * `tongilnet serve`: runs the messaging service until SIGINT or SIGTERM. Storage is PostgreSQL
 * when --db (or DATABASE_URL) names one, else the embedded PGlite in --data-dir (or in memory with
 * --memory). With --nats, several processes on one PostgreSQL notify each other's WebSocket
 * clients through NATS JetStream.
 *
 * Prints one line when ready — `listening on http://HOST:PORT` (or a JSON object with --json) —
 * so scripts can wait for it. Logs (stderr, --log-level) never contain addresses or queue ids.
 *
 * It also serves the web app (apps/web: the messenger at `/`, the planner at `/planner/`), built
 * on first start when the build is missing or stale, and the planner's API on the data directory's
 * terrain with the repository's example plans (the DMZ plan opens first). A second line names the
 * pages to open. `--no-web` / `--no-planner` leave them out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { findDataDir, repoRoot } from '@tongilnet/geodata';
import { buildServer, plannerPlugin, redact, webPlugin } from '@tongilnet/server';
import { ensureBuilt } from '@tongilnet/web/build';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { note } from '../output.ts';

interface ServeOptions {
  port: string;
  host: string;
  db?: string;
  dataDir?: string;
  memory?: boolean;
  nats?: string;
  lifetimeDays: string;
  idleQueueDays: string;
  tlsCert?: string;
  tlsKey?: string;
  logLevel?: string;
  json?: boolean;
  /** false with --no-web */
  web: boolean;
  webDir?: string;
  /** false with --no-planner */
  planner: boolean;
  data?: string;
  terrain?: string;
}

/** Where PGlite keeps the server's data by default (XDG base directory spec). */
export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'tongilnet', 'server');
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UserError(`--port: "${text}" is not a port number 0..65535`, 2);
  }
  return port;
}

function parseDays(text: string, flag: string, min: 0 | 'positive'): number {
  const days = Number(text);
  const low = min === 0 ? days < 0 : days <= 0;
  if (!Number.isFinite(days) || low || days > 3650) {
    const range = min === 0 ? '[0, 3650]' : '(0, 3650]';
    throw new UserError(`${flag}: "${text}" is not a number of days in ${range}`, 2);
  }
  return days;
}

/** The certificate and key for HTTPS, both or neither, each read and checked for PEM. */
function readTls(
  certFile: string | undefined,
  keyFile: string | undefined,
): { cert: Buffer; key: Buffer } | undefined {
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) {
    throw new UserError('--tls-cert and --tls-key go together: give both, or neither', 2);
  }
  const read = (file: string, flag: string, marker: RegExp): Buffer => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(resolve(file));
    } catch (error) {
      throw new UserError(`${flag}: cannot read ${resolve(file)}: ${(error as Error).message}`, 2);
    }
    if (!marker.test(bytes.toString('latin1'))) {
      throw new UserError(`${flag}: ${resolve(file)} is not a PEM file (${marker.source})`, 2);
    }
    return bytes;
  };
  return {
    cert: read(certFile, '--tls-cert', /-----BEGIN CERTIFICATE-----/),
    key: read(keyFile, '--tls-key', /-----BEGIN (EC |RSA |ENCRYPTED )?PRIVATE KEY-----/),
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug'] as const;

/** The web app's build: --web-dir as given, else apps/web/dist (built now when missing or stale). */
async function webBuild(dir: string | undefined): Promise<string> {
  if (dir) {
    const path = resolve(dir);
    if (!existsSync(join(path, 'index.html'))) {
      throw new UserError(`--web-dir: ${path} holds no built web app (no index.html)`, 2);
    }
    return path;
  }
  try {
    return await ensureBuilt();
  } catch (error) {
    throw new UserError(`cannot build the web app (apps/web): ${(error as Error).message}`);
  }
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the messaging service (HTTP + WebSocket) until SIGINT/SIGTERM')
    .option('--port <port>', 'TCP port (0 picks a free one)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--db <url>', 'PostgreSQL URL (default: DATABASE_URL, else PGlite)')
    .option('--data-dir <dir>', `PGlite data directory (default: ${defaultDataDir()})`)
    .option('--memory', 'PGlite in memory: nothing survives a restart')
    .option('--nats <url>', 'NATS URL for notifications between server processes')
    .option('--lifetime-days <days>', 'keep unacknowledged envelopes this long', '30')
    .option(
      '--idle-queue-days <days>',
      'delete a queue its recipient has not read for this long, with what it holds (0 = never)',
      '365',
    )
    .option('--tls-cert <file>', 'serve HTTPS with this certificate chain (PEM; with --tls-key)')
    .option('--tls-key <file>', 'the private key of --tls-cert (PEM)')
    .option('--log-level <level>', `log to stderr: ${LOG_LEVELS.join(', ')} (default: none)`)
    .option('--json', 'print the ready line as JSON')
    .option('--no-web', 'do not serve the web app (messenger and planner pages)')
    .option(
      '--web-dir <dir>',
      'serve this build of the web app (default: apps/web/dist, built if stale)',
    )
    .option('--no-planner', 'do not serve the planner API')
    .option(
      '--data <dir>',
      'data directory for the planner (default: TONGILNET_DATA or ../shared/data)',
    )
    .option('--terrain <path>', 'terrain for the planner (default: <data>/terrain)')
    .action(async (options: ServeOptions) => {
      const port = parsePort(options.port);
      const lifetimeDays = parseDays(options.lifetimeDays, '--lifetime-days', 'positive');
      const idleQueueDays = parseDays(options.idleQueueDays, '--idle-queue-days', 0);
      if (idleQueueDays > 0 && idleQueueDays < lifetimeDays) {
        throw new UserError(
          `--idle-queue-days ${idleQueueDays} is shorter than --lifetime-days ${lifetimeDays}: a queue would go before its messages`,
          2,
        );
      }
      const databaseUrl = options.db ?? (process.env.DATABASE_URL || undefined);
      if (options.db && (options.dataDir || options.memory)) {
        throw new UserError('--db cannot be combined with --data-dir or --memory', 2);
      }
      if (options.dataDir && options.memory) {
        throw new UserError('--data-dir cannot be combined with --memory', 2);
      }
      const tls = readTls(options.tlsCert, options.tlsKey);
      const logLevel = options.logLevel as (typeof LOG_LEVELS)[number] | undefined;
      if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel)) {
        throw new UserError(
          `--log-level: "${options.logLevel}" is not one of ${LOG_LEVELS.join(', ')}`,
          2,
        );
      }
      const usePostgres = databaseUrl !== undefined && !options.dataDir && !options.memory;
      const dataDir =
        usePostgres || options.memory ? undefined : resolve(options.dataDir ?? defaultDataDir());

      // Before opening the database: a bad --web-dir or --terrain is a usage error, nothing to undo.
      const webDir = options.web ? await webBuild(options.webDir) : null;
      const plannerData = options.planner ? findDataDir(options.data) : null;
      if (options.terrain && !existsSync(resolve(options.terrain))) {
        throw new UserError(`--terrain: ${resolve(options.terrain)} does not exist`, 2);
      }
      const app = await buildServer({
        databaseUrl: usePostgres ? databaseUrl : undefined,
        dataDir,
        natsUrl: options.nats,
        lifetimeDays,
        idleQueueDays,
        logLevel,
        ...(tls ? { tls } : {}),
      });
      if (webDir) await app.register(webPlugin, { dir: webDir });
      if (plannerData?.dir) {
        await app.register(plannerPlugin, {
          dataDir: plannerData.dir,
          ...(options.terrain ? { terrain: resolve(options.terrain) } : {}),
          examplesDir: join(repoRoot, 'examples'),
          defaultExample: 'dmz',
        });
      } else if (plannerData) {
        note(
          `note: no data directory (looked in ${plannerData.tried.join(', ')}): the planner is off`,
        );
      }
      // Handlers first: a supervisor may signal the moment it reads the ready line.
      let stop = () => undefined as void;
      const stopped = new Promise<void>((done) => {
        stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          app.close().then(done, done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      let address: string;
      try {
        address = await app.listen({ port, host: options.host });
      } catch (error) {
        stop();
        await stopped;
        throw new UserError(
          `cannot listen on ${options.host}:${port}: ${(error as Error).message}`,
        );
      }
      const storage = usePostgres ? redact(databaseUrl) : (dataDir ?? 'memory');
      // One line either way, so a script can read exactly one line and go.
      const messenger = webDir ? `${address}/` : null;
      const planner = webDir && plannerData?.dir ? `${address}/planner/` : null;
      const ready = {
        listening: address,
        db: usePostgres ? 'postgres' : 'pglite',
        storage,
        nats: options.nats ?? null,
        messenger,
        planner,
      };
      const pages = [planner && `planner: ${planner}`, messenger && `messenger: ${messenger}`];
      process.stdout.write(
        options.json
          ? `${JSON.stringify(ready)}\n`
          : `listening on ${address}\n${pages.some(Boolean) ? `open ${pages.filter(Boolean).join('  ')}\n` : ''}`,
      );
      await stopped;
    });
}
