/**
 * Hundreds of messages both ways through emulated links at the edge of a cross-border cell, time
 * compressed 20×, with the server restarted twice in the middle. The clients are the real SDK (MLS,
 * outbox, retries); every message must arrive exactly once.
 *
 * The link is @tongilnet/netem's, which counts what goes on the air (TCP/IP headers, handshakes,
 * pure ACKs, retransmissions) and shares one bit rate each way between the phones.
 *
 * - gprs-40k (40 kbit/s, 500 ms, 0.5 % segment loss with a 2 s RTO, a 5 s outage every 45 s that
 *   cuts connections): people write whatever the link does; failed syncs leave messages queued.
 * - edge-9k6 (9.6 kbit/s, 800 ms, 1 % segment loss with a 3 s RTO, a 10 s outage every minute that
 *   cuts connections): people write when the last sync went through.
 * - edge-9k6 with a backlog larger than one up-window (50 s at 9.6 kbit/s ≈ 60 kB): 400 messages
 *   written offline, about 130 kB of send frames up (more than two up-windows) and 100 kB of
 *   envelopes down, with both phones taking turns on the one link. They cross because the client sizes each exchange to the link like a
 *   congestion window (halved when the link cuts an exchange it was carrying, doubled when the
 *   budget held one back and it went through; not shrunk by connections refused during an outage,
 *   not inflated by idle syncs), and every exchange that went through is kept even when a later one
 *   in the same sync is cut. A fixed 128 kB per sync never got through.
 *
 * WEAK_LINK_DEBUG=1 prints what the backlog run cost.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Client, MemoryStore, type Message } from '@tongilnet/client';
import {
  airBytes,
  compressProfile,
  profileByName,
  startNetem,
  type LinkProfile,
} from '@tongilnet/netem';
import { postgresBackend, startServer, type Running } from './harness.ts';

/** Link time per wall time: the links run 20 times faster (compressProfile). */
const TIME_SCALE = 0.05;
const A_TO_B = 300;
const B_TO_A = 60;

/**
 * The named profile, time compressed. An outage cuts every open connection and refuses new ones
 * (the phone lost the cell), harsher than the profiles' default of holding them; gprs-40k's fades
 * come every 45 s for 5 s, so a run of this length surely meets some.
 */
function linkProfile(name: 'edge-9k6' | 'gprs-40k'): LinkProfile {
  const profile = profileByName(name);
  profile.outage.existing = 'cut';
  profile.outage.incoming = 'refuse';
  if (name === 'gprs-40k') {
    profile.outage.pattern = {
      kind: 'periodic',
      everyMs: 45_000,
      durationMs: 5000,
      firstAtMs: 40_000,
    };
  }
  return compressProfile(profile, 1 / TIME_SCALE);
}

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
      const link = await startNetem({
        listen: { host: '127.0.0.1', port: 0 },
        target: { host: '127.0.0.1', port: port(server.url) },
        profile: linkProfile(profile),
        seed: 2026,
      });
      const proxy = `http://127.0.0.1:${link.port}`;
      const received = new Map<Client, Message[]>();
      const failures = { count: 0 };

      /**
       * One sync attempt, as an app's loop would make it: failures leave the outbox queued. What
       * arrived is read from the store, as the app shows it: a sync that is cut after some of its
       * exchanges went through throws, but what those brought is stored.
       */
      const attempt = async (c: Client): Promise<boolean> => {
        let ok = true;
        try {
          await c.sync();
        } catch {
          failures.count++;
          ok = false;
        }
        const fresh = c.unshown();
        received.set(c, [...(received.get(c) ?? []), ...fresh]);
        await c.markShown(fresh.map((m) => m.id));
        return ok;
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
        link.setTarget({ host: '127.0.0.1', port: port(server.url) });
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
        expect(link.counters.cut + failures.count).toBeGreaterThan(0);
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
  const backend = postgresBackend();
  afterAll(() => backend.cleanup());
  const BACKLOG = 400;
  const text = (i: number) => `backlog ${i} 안녕하세요, 잘 지내요?`;

  it('crosses in pieces, every message once', async () => {
    const db = await backend.open();
    const server: Running = await startServer({ db });
    const link = await startNetem({
      listen: { host: '127.0.0.1', port: 0 },
      target: { host: '127.0.0.1', port: Number(new URL(server.url).port) },
      profile: linkProfile('edge-9k6'),
      seed: 7,
    });
    const proxy = `http://127.0.0.1:${link.port}`;
    const make = async () =>
      (await Client.create({ store: new MemoryStore(), server: proxy, timeoutMs: 4000 })).client;
    const a = await make();
    const b = await make();
    // What b's app shows: each message stored so far, once (as `tongilnet client sync` prints).
    // Read from the store, not from the sync's report: a sync whose later exchange is cut throws,
    // and the report goes with it, but what its earlier exchanges brought is stored.
    const shown: Message[] = [];
    const show = async () => {
      const fresh = b.unshown();
      shown.push(...fresh);
      await b.markShown(fresh.map((m) => m.id));
    };
    const tally = { syncs: 0, failed: 0, exchanges: 0, up: 0, down: 0 };
    const attempt = async (c: Client): Promise<void> => {
      tally.syncs++;
      try {
        const report = await c.sync();
        tally.exchanges += report.exchanges;
        tally.up += report.bytesUp;
        tally.down += report.bytesDown;
      } catch {
        // A cut exchange: the outbox stays queued. Wait a second of link time, as an app's
        // backoff would, rather than hammer a link that is down.
        tally.failed++;
        await new Promise((resolve) => setTimeout(resolve, 1000 * TIME_SCALE));
      }
      if (c === b) await show();
    };
    try {
      const { link: invitation } = await a.invite({ name: 'b' });
      await attempt(a);
      await b.accept(invitation, 'a');
      for (let round = 0; round < 4; round++) {
        await attempt(b);
        await attempt(a);
      }
      // Written while out of coverage.
      for (let i = 0; i < BACKLOG; i++) await a.send('b', text(i));
      const arrived = () => shown.filter((m) => m.text.startsWith('backlog ')).length;
      const started = performance.now();
      const before = link.snapshot();
      const deadline = Date.now() + 180_000;
      const linkSeconds = () => (performance.now() - started) / 1000 / TIME_SCALE;
      let uploaded = Infinity;
      while (arrived() < BACKLOG && Date.now() < deadline) {
        await attempt(a);
        if (a.nextRetryMs() === undefined) uploaded = Math.min(uploaded, linkSeconds());
        await attempt(b);
      }
      const drained = linkSeconds();
      // a may not have heard that the server took its last exchange (the reply was cut); its next
      // syncs resend those copies, which the server already has.
      while (a.nextRetryMs() !== undefined && Date.now() < deadline) await attempt(a);
      for (let round = 0; round < 3; round++) await attempt(b);
      if (process.env.WEAK_LINK_DEBUG) {
        const s = link.snapshot();
        console.log(
          `backlog of ${BACKLOG} over edge-9k6: a's outbox empty after ${uploaded.toFixed(0)} s, ` +
            `${arrived()} arrived after ${drained.toFixed(0)} s of link time; ` +
            `link ${s.up.bytes - before.up.bytes} B up, ${s.down.bytes - before.down.bytes} B down ` +
            `(${airBytes(s.up) - airBytes(before.up)} and ` +
            `${airBytes(s.down) - airBytes(before.down)} B on the air), ` +
            `${s.connections - before.connections} connections, ${s.cut - before.cut} cut; ` +
            `${tally.syncs} syncs (${tally.failed} failed), ${tally.exchanges} exchanges in the ` +
            `syncs that went through (${tally.up} B up, ${tally.down} B down)`,
        );
      }

      const texts = shown.map((m) => m.text).filter((t) => t.startsWith('backlog '));
      expect(texts.sort()).toEqual(Array.from({ length: BACKLOG }, (_, i) => text(i)).sort());
      expect(new Set(shown.map((m) => m.id)).size).toBe(shown.length);
      expect(a.nextRetryMs()).toBeUndefined(); // a's outbox is empty
      // The link really did cut exchanges on the way.
      expect(link.counters.cut).toBeGreaterThan(before.cut);
    } finally {
      a.close();
      b.close();
      await link.close();
      await server.close();
      await db.close();
    }
  }, 240_000);
});
