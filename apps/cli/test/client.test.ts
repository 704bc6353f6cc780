/**
 * End to end, as a script outside the project would drive it: a real server (PGlite in a
 * directory, so it can be stopped and started again with its data), two account homes, an
 * invitation, messages both ways, a message written while the server is down, and receipts.
 * Every message must reach the other side exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '@tongilnet/server';
import { runCli, type CliRun } from './run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tongilnet-cli-client-'));
let app: FastifyInstance | undefined;
afterAll(async () => {
  await app?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function startServer(port = 0): Promise<string> {
  app = await buildServer({ dataDir: join(scratch, 'server-db') });
  return app.listen({ port, host: '127.0.0.1' });
}

const alice = ['client', '--home', join(scratch, 'alice')];
const bob = ['client', '--home', join(scratch, 'bob')];

async function ok(args: string[]): Promise<CliRun> {
  const run = await runCli(args);
  if (run.code !== 0) throw new Error(`${args.join(' ')} → exit ${run.code}: ${run.stderr}`);
  return run;
}

interface Line {
  id: string;
  chat: string;
  from: string;
  text: string;
  sent: string;
  received: string;
}

async function sync(who: string[]): Promise<Line[]> {
  const run = await ok([...who, 'sync', '--json']);
  return run.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);
}

describe('tongilnet client (two homes, one server)', () => {
  it('invites, exchanges messages, queues through an outage, and delivers each once', async () => {
    const url = await startServer();
    const port = Number(new URL(url).port);

    const init = await ok([...alice, 'init', '--server', url, '--json']);
    const phrase = (JSON.parse(init.stdout) as { recoveryPhrase: string }).recoveryPhrase;
    expect(phrase.split(' ')).toHaveLength(12);
    await ok([...bob, 'init', '--server', url, '--language', 'english']);
    const again = await runCli([...bob, 'init', '--server', url]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(/^tongilnet: this device already has an account/);

    // Alice invites; the link carries everything in its fragment.
    const link = (await ok([...alice, 'invite', '--name', 'bob'])).stdout.trim();
    expect(link).toMatch(/^tongilnet:\/\/invite#[A-Za-z0-9_-]+$/);
    const accepted = await ok([...bob, 'accept', link, '--name', 'alice', '--json']);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ name: 'alice', state: 'connected' });
    const twice = await runCli([...bob, 'accept', link, '--name', 'alice2']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already accepted/);

    expect(await sync(alice)).toEqual([]); // the Welcome: a contact, no text yet
    const contacts = JSON.parse((await ok([...alice, 'contacts', '--json'])).stdout) as {
      contacts: Array<{ name: string; state: string; fingerprint: string }>;
    };
    expect(contacts.contacts).toMatchObject([{ name: 'bob', state: 'connected' }]);

    const received: Line[] = [];
    // Bob writes; Alice syncs and reads it.
    await ok([...bob, 'send', 'alice', '어머니, 저 잘 있어요. 걱정 마세요.']);
    expect(await sync(alice)).toEqual([]); // Bob has not synced yet: nothing on the server
    await sync(bob);
    const first = await sync(alice);
    received.push(...first);
    expect(first).toMatchObject([
      { from: 'bob', chat: 'bob', text: '어머니, 저 잘 있어요. 걱정 마세요.' },
    ]);
    expect(Date.parse(first[0]!.received)).toBeGreaterThanOrEqual(Date.parse(first[0]!.sent));
    expect(first[0]!.id).toMatch(/^[0-9a-f]{32}$/);

    // The server goes down; Alice writes anyway. The message waits on her phone.
    await app!.close();
    app = undefined;
    const sent = JSON.parse(
      (await ok([...alice, 'send', 'bob', '서버가 꺼져 있을 때 쓴 글', '--json'])).stdout,
    ) as { id: string; state: string };
    expect(sent.state).toBe('queued');
    const down = await runCli([...alice, 'sync', '--json']);
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/cannot reach .* nothing is lost/);
    const queued = JSON.parse((await ok([...alice, 'messages', 'bob', '--json'])).stdout) as Array<{
      id: string;
      state?: string;
    }>;
    expect(queued.find((m) => m.id === sent.id)?.state).toBe('queued');

    // Back up with its data: the outbox goes out, Bob gets it once, however often he syncs.
    await startServer(port);
    await sync(alice);
    received.push(...(await sync(bob)), ...(await sync(bob)), ...(await sync(bob)));
    await sync(alice); // Bob's receipt
    const states = JSON.parse((await ok([...alice, 'messages', 'bob', '--json'])).stdout) as Array<{
      id: string;
      state?: string;
    }>;
    expect(states.find((m) => m.id === sent.id)?.state).toBe('delivered');

    const texts = received.map((l) => l.text).sort();
    expect(texts).toEqual(
      ['서버가 꺼져 있을 때 쓴 글', '어머니, 저 잘 있어요. 걱정 마세요.'].sort(),
    );
    expect(new Set(received.map((l) => l.id)).size).toBe(received.length);
  }, 240_000);

  it('explains usage mistakes in one line', async () => {
    const none = await runCli(['client', '--home', join(scratch, 'nobody'), 'contacts']);
    expect(none.code).toBe(1);
    expect(none.stderr.trim()).toMatch(/^tongilnet: no account in .*nobody; run: tongilnet client/);
    const bad = await runCli([...alice, 'accept', 'https://example.com/', '--name', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(
      'tongilnet: invitation: expected a link like tongilnet://invite#… or https://server/i#…',
    );
    const unknown = await runCli([...alice, 'send', 'nobody', 'hi']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no contact or group named "nobody" \(known: bob\)/);
  }, 60_000);
});
