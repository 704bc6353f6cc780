/**
 * Hundreds of messages both ways through emulated links at the edge of a cross-border cell, time
 * compressed 20×, with the server restarted twice in the middle. The clients are the real SDK (MLS,
 * outbox, retries); every message must arrive exactly once.
 *
 * - gprs-40k (40 kbit/s, 400 ms, 1 % loss, a 5 s outage every 45 s that resets connections): people
 *   write whatever the link does; failed syncs leave messages queued for the next one.
 * - edge-9k6 (9.6 kbit/s, 800 ms, 2 % loss, a 10 s outage every minute): people write when the last
 *   sync went through. A backlog larger than one up-window carries (50 s at 9.6 kbit/s ≈ 60 kB)
 *   cannot cross this link in one sync, and the client sends up to 128 kB per sync; that case
 *   needs a frame budget that adapts to the link (see the todo below).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Client, MemoryStore, type Message } from '@tongilnet/client';
import { LINK_PROFILES, LinkEmulator } from '../src/index.ts';
import { postgresBackend, startServer, type Running } from './harness.ts';

const TIME_SCALE = 0.05;
const A_TO_B = 300;
const B_TO_A = 60;

const cases = [
  { profile: 'gprs-40k', waitForLink: false },
  { profile: 'edge-9k6', waitForLink: true },
] as const;

describe.each(cases)(
  'exactly once over $profile with server restarts',
  ({ profile, waitForLink }) => {
    const backend = postgresBackend();
    afterAll(() => backend.cleanup());

    it('delivers every message once', async () => {
      const db = await backend.open();
      let server: Running = await startServer({ db });
      const port = (url: string) => Number(new URL(url).port);
      const link = new LinkEmulator({
        profile: LINK_PROFILES[profile]!,
        targetPort: port(server.url),
        timeScale: TIME_SCALE,
        seed: 2026,
      });
      const proxy = `http://127.0.0.1:${await link.listen()}`;
      const received = new Map<Client, Message[]>();
      const failures = { count: 0 };

      /** One sync attempt, as an app's loop would make it: failures leave the outbox queued. */
      const attempt = async (c: Client): Promise<boolean> => {
        try {
          const report = await c.sync();
          received.set(c, [...(received.get(c) ?? []), ...report.received]);
          return true;
        } catch {
          failures.count++;
          return false;
        }
      };
      const settle = async (c: Client) => {
        for (let i = 0; i < 200; i++) {
          if (await attempt(c)) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error('the link never came back');
      };
      const restart = async () => {
        await server.close();
        server = await startServer({ db });
        link.setTarget(port(server.url));
      };

      try {
        const make = async () =>
          (await Client.create({ store: new MemoryStore(), server: proxy, timeoutMs: 4000 }))
            .client;
        const a = await make();
        const b = await make();
        const { link: invitation } = await a.invite({ name: 'b' });
        await settle(a);
        await b.accept(invitation, 'a');
        for (let round = 0; round < 4; round++) {
          await settle(b);
          await settle(a);
        }

        let sentAB = 0;
        let sentBA = 0;
        for (let round = 0; sentAB < A_TO_B || sentBA < B_TO_A; round++) {
          // People write a few messages between syncs; a sync that fails leaves them queued.
          for (let k = 0; k < 10 && sentAB < A_TO_B; k++) await a.send('b', `a→b ${sentAB++} 안녕`);
          for (let k = 0; k < 2 && sentBA < B_TO_A; k++) await b.send('a', `b→a ${sentBA++}`);
          if (waitForLink) {
            await settle(a);
            await settle(b);
          } else {
            await attempt(a);
            await attempt(b);
          }
          if (round === 10 || round === 20) await restart();
        }
        // Keep syncing until everything is in, then a few more rounds to catch any duplicate.
        const count = (c: Client) => received.get(c)?.length ?? 0;
        const deadline = Date.now() + 150_000;
        while ((count(b) < A_TO_B || count(a) < B_TO_A) && Date.now() < deadline) {
          await attempt(a);
          await attempt(b);
        }
        for (let round = 0; round < 3; round++) {
          await settle(a);
          await settle(b);
        }

        const texts = (c: Client) => (received.get(c) ?? []).map((m) => m.text).sort();
        const expected = (prefix: string, n: number, suffix: string) =>
          Array.from({ length: n }, (_, i) => `${prefix} ${i}${suffix}`).sort();
        expect(texts(b)).toEqual(expected('a→b', A_TO_B, ' 안녕'));
        expect(texts(a)).toEqual(expected('b→a', B_TO_A, ''));
        // The link really was hostile.
        expect(link.stats.resets + failures.count).toBeGreaterThan(0);
        a.close();
        b.close();
      } finally {
        await link.close();
        await server.close();
        await db.close();
      }
    }, 240_000);
  },
);

describe('edge-9k6 with a backlog above one up-window', () => {
  it.todo('gets through once the client adapts its frame budget to the link (packages/client)');
});
