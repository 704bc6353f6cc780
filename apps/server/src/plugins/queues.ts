/**
 * @module plugins/queues
 * The lifetime of stored envelopes: a sweeper deletes envelopes whose lifetime has ended,
 * tombstones whose dedup window has passed and queues idle for `idleQueueDays`, every
 * `sweepIntervalMs`. Several processes sweeping
 * one database is harmless (each DELETE takes what is there).
 */
import type { FastifyInstance } from 'fastify';

export function queuesPlugin(app: FastifyInstance): Promise<void> {
  const { config } = app.serviceState;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const sweep = () => {
    if (running) return;
    running = app.queueStore
      .sweep(config.now())
      .then(() => undefined)
      .catch((error: unknown) => app.log.error({ msg: 'sweep failed', error: String(error) }))
      .finally(() => (running = undefined));
  };
  if (config.sweepIntervalMs > 0) {
    app.addHook('onReady', () => {
      sweep();
      timer = setInterval(sweep, config.sweepIntervalMs);
      timer.unref();
      return Promise.resolve();
    });
  }
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
  return Promise.resolve();
}
