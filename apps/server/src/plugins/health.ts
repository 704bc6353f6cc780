/**
 * @module plugins/health
 * `GET /v1/health`: is this process up and its database reachable. JSON, for operators and load
 * balancers; it reports kinds and counts, never anything about a queue.
 */
import type { FastifyInstance } from 'fastify';

export function healthPlugin(app: FastifyInstance): Promise<void> {
  app.get('/v1/health', async (_request, reply) => {
    try {
      await app.db.query('SELECT 1');
    } catch {
      return reply.code(503).send({ status: 'unavailable', db: app.db.kind });
    }
    return {
      status: app.serviceState.closing ? 'closing' : 'ok',
      db: app.db.kind,
      notify: app.notifier.kind,
      watchedQueues: app.watchers.size,
    };
  });
  return Promise.resolve();
}
