/**
 * @module test/serve
 * A real Tongilnet server for the browser tests: PGlite in memory, the built web app, listening on
 * a loopback port the system picks.
 */
import { join } from 'node:path';
import { buildServer, webPlugin } from '@tongilnet/server';
import { buildWeb } from '../build.ts';

/** The web app is built once per test run, into test-output (never over a developer's dist). */
let built: Promise<string> | undefined;
export function builtWeb(): Promise<string> {
  built ??= buildWeb(join(import.meta.dirname, '..', '..', '..', 'test-output', 'web-dist'));
  return built;
}

type FastifyInstance = Awaited<ReturnType<typeof buildServer>>;

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  register?: (app: FastifyInstance) => Promise<void>,
): Promise<RunningServer> {
  const dir = await builtWeb();
  const app = await buildServer();
  await app.register(webPlugin, { dir });
  if (register) await register(app);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, close: () => app.close() };
}
