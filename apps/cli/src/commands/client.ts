/**
 * @module commands/client
 * `tongilnet client --home DIR <command>`: a Tongilnet messaging account on this machine, for
 * people and for scripts.
 *
 *   init --server URL        make an account; prints the recovery phrase once
 *   restore --server URL     the same identity on a new device, from the phrase (stdin or --phrase)
 *   invite [--name NAME]     prints an invitation link
 *   accept LINK --name NAME  connects to whoever made the link
 *   send NAME TEXT           queues a message (it leaves at the next sync; --now syncs at once)
 *   sync [--json]            one exchange: sends the outbox, prints what arrived (JSON lines)
 *   contacts [--json]        contacts and family groups
 *   messages NAME [--json]   a conversation, with the state of our messages
 *   group NAME CONTACT...    makes a family group
 *   wipe --yes               erases keys and history
 *
 * Exit codes: 0 done; 1 failed (the message says why); 2 usage; 3 the server could not be
 * reached — nothing is lost, the outbox stays queued for the next sync.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, TransportError, type Message, type SyncReport } from '@tongilnet/client';
import { FileStore } from '@tongilnet/client/node';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { emit, note } from '../output.ts';

interface Globals {
  home?: string;
  transport?: string;
  timeout?: string;
}

/** Exit code for "server unreachable, outbox kept". */
export const exitUnreachable = 3;

function homeDir(globals: Globals): string {
  return resolve(globals.home ?? process.env.TONGILNET_HOME ?? join(homedir(), '.tongilnet'));
}

async function transportOptions(globals: Globals) {
  const transport = (globals.transport ?? 'http') as 'http' | 'websocket' | 'auto';
  if (!['http', 'websocket', 'auto'].includes(transport)) {
    throw new UserError(`--transport: "${globals.transport}" is not http, websocket or auto`, 2);
  }
  const timeoutMs = globals.timeout ? Number(globals.timeout) * 1000 : 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new UserError(`--timeout: "${globals.timeout}" is not a positive number of seconds`, 2);
  }
  if (transport === 'http') return { transport, timeoutMs };
  // Browsers and Node ≥ 22 have a WebSocket; Node 20 gets it from the `ws` package.
  const native = (globalThis as { WebSocket?: new (url: string) => unknown }).WebSocket;
  const Ctor = native ?? (await import('ws')).WebSocket;
  const webSocket = (url: string) => new Ctor(url) as never;
  return { transport, timeoutMs, webSocket };
}

/** Opens the account in --home, runs `work`, and always releases the home's lock. */
async function withClient<T>(globals: Globals, work: (client: Client) => Promise<T>): Promise<T> {
  const dir = homeDir(globals);
  const store = await FileStore.open(dir);
  try {
    const client = await Client.open({ store, ...(await transportOptions(globals)) }).catch(
      (error: unknown) => {
        throw error instanceof Error && /no account/.test(error.message)
          ? new UserError(
              `no account in ${dir}; run: tongilnet client --home ${dir} init --server URL`,
            )
          : error;
      },
    );
    try {
      return await work(client);
    } finally {
      client.close();
    }
  } finally {
    await store.close();
  }
}

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** One received message as a JSON line (what scripts read from `sync --json`). */
function messageJson(m: Message): Record<string, unknown> {
  return {
    id: m.id,
    chat: m.chat,
    from: m.from,
    text: m.text,
    sent: iso(m.sentMs),
    received: iso(m.receivedMs),
    onServer: iso(m.serverMs),
    ...(m.state ? { state: m.state } : {}),
  };
}

function messageLine(m: Message): string {
  const when = new Date(m.sentMs).toISOString().replace('T', ' ').slice(0, 16);
  const state = m.state ? `  [${m.state}]` : '';
  const where = m.chat && m.chat !== m.from ? ` (${m.chat})` : '';
  return `${when}  ${m.from}${where}: ${m.text}${state}`;
}

/** Runs a sync, printing an unreachable server as exit 3 with what stays queued. */
async function syncOrExplain(
  client: Client,
  quietFailure: boolean,
): Promise<SyncReport | undefined> {
  try {
    const report = await client.sync({ force: true });
    for (const p of report.problems) note(`warning: ${p}`);
    return report;
  } catch (error) {
    if (error instanceof TransportError) {
      if (quietFailure) {
        note(`note: ${error.message}; it will go out at the next sync`);
        return undefined;
      }
      throw new UserError(
        `${error.message} — nothing is lost; the outbox waits for the next sync`,
        exitUnreachable,
      );
    }
    throw error;
  }
}

export function register(program: Command): void {
  const client = program
    .command('client')
    .description('a Tongilnet messaging account on this machine (anonymous, end-to-end encrypted)')
    .option('--home <dir>', 'account directory (default: TONGILNET_HOME or ~/.tongilnet)')
    .option('--transport <kind>', 'http (default: one round trip a sync), websocket or auto')
    .option('--timeout <s>', 'seconds to wait for the server (default 30)');

  const globals = (command: Command): Globals => command.optsWithGlobals<Globals>();

  client
    .command('init')
    .description('make a new account; prints the recovery phrase (write it down, it is shown once)')
    .requiredOption('--server <url>', 'the Tongilnet server, e.g. http://127.0.0.1:8080')
    .option('--language <lang>', 'recovery phrase words: korean (default) or english', 'korean')
    .option('--json', 'machine-readable output')
    .action(
      async (options: { server: string; language: string; json?: boolean }, command: Command) => {
        if (!['korean', 'english'].includes(options.language)) {
          throw new UserError(`--language: "${options.language}" is not korean or english`, 2);
        }
        const dir = homeDir(globals(command));
        const store = await FileStore.open(dir);
        try {
          const { client: c, phrase } = await Client.create({
            store,
            server: options.server,
            language: options.language as 'korean' | 'english',
          }).catch((error: unknown) => {
            throw new UserError(error instanceof Error ? error.message : String(error), 1);
          });
          emit(
            options,
            {
              home: dir,
              server: c.me.server,
              fingerprint: c.me.fingerprint,
              recoveryPhrase: phrase,
            },
            (v) =>
              [
                `account made in ${v.home} (server ${v.server})`,
                `fingerprint: ${v.fingerprint}`,
                `recovery phrase (write it down; it is not stored and restores this identity):`,
                `  ${v.recoveryPhrase}`,
              ].join('\n'),
          );
        } finally {
          await store.close();
        }
      },
    );

  client
    .command('restore')
    .description('set up this device with the identity of a recovery phrase (read from stdin)')
    .requiredOption('--server <url>', 'the Tongilnet server')
    .option('--phrase <words>', 'the recovery phrase (default: read from stdin)')
    .option('--json', 'machine-readable output')
    .action(
      async (options: { server: string; phrase?: string; json?: boolean }, command: Command) => {
        const phrase = options.phrase ?? (await readStdin());
        const dir = homeDir(globals(command));
        const store = await FileStore.open(dir);
        try {
          const c = await Client.restore({ store, server: options.server, phrase }).catch(
            (error: unknown) => {
              throw new UserError(error instanceof Error ? error.message : String(error), 1);
            },
          );
          emit(
            options,
            { home: dir, fingerprint: c.me.fingerprint },
            (v) =>
              `identity restored in ${v.home}; fingerprint ${v.fingerprint}. Contacts must invite you again.`,
          );
        } finally {
          await store.close();
        }
      },
    );

  client
    .command('invite')
    .description(
      'print an invitation link to pass to one person (by hand, QR or a trusted channel)',
    )
    .option('--name <name>', 'what to call this contact (default contact-N)')
    .option('--web', 'a https://SERVER/i#… link for the web messenger instead of tongilnet://')
    .option('--offline', 'do not sync now (the queue is created at the next sync)')
    .option('--json', 'machine-readable output')
    .action(
      async (
        options: { name?: string; web?: boolean; offline?: boolean; json?: boolean },
        command: Command,
      ) => {
        await withClient(globals(command), async (c) => {
          const { link, name } = await c.invite({ name: options.name, web: options.web });
          if (!options.offline) await syncOrExplain(c, true);
          emit(options, { link, name }, (v) => v.link);
        });
      },
    );

  client
    .command('accept')
    .description('accept an invitation link; NAME is what you will call this contact')
    .argument('<link>', 'the invitation link')
    .requiredOption('--name <name>', 'what to call this contact')
    .option('--offline', 'do not sync now (the answer leaves at the next sync)')
    .option('--json', 'machine-readable output')
    .action(
      async (
        link: string,
        options: { name: string; offline?: boolean; json?: boolean },
        command: Command,
      ) => {
        await withClient(globals(command), async (c) => {
          const contact = await c.accept(link, options.name).catch((error: unknown) => {
            throw new UserError(error instanceof Error ? error.message : String(error), 1);
          });
          if (!options.offline) await syncOrExplain(c, true);
          emit(options, contact, (v) => `connected to ${v.name} (fingerprint ${v.fingerprint})`);
        });
      },
    );

  client
    .command('send')
    .description('queue a message to a contact or family group (it leaves at the next sync)')
    .argument('<name>', 'contact or group name')
    .argument('<text>', 'the message')
    .option('--now', 'sync right away')
    .option('--json', 'machine-readable output')
    .action(
      async (
        name: string,
        text: string,
        options: { now?: boolean; json?: boolean },
        command: Command,
      ) => {
        await withClient(globals(command), async (c) => {
          const sent = await c.send(name, text).catch((error: unknown) => {
            throw new UserError(error instanceof Error ? error.message : String(error), 1);
          });
          let state = sent.state;
          if (options.now) {
            await syncOrExplain(c, true);
            state = c.sentState(sent.id) ?? state;
          }
          emit(options, { id: sent.id, to: name, state }, (v) => `${v.id} ${v.state}`);
        });
      },
    );

  client
    .command('sync')
    .description('one exchange with the server: send the outbox, print what arrived')
    .option('--json', 'one JSON object per received message and line: id, chat, from, text, times')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withClient(globals(command), async (c) => {
        let failure: unknown;
        const report = await syncOrExplain(c, false).catch((error: unknown) => {
          failure = error;
          return undefined;
        });
        // Messages stored by this or an earlier sync (or by invite/accept) are printed once.
        const fresh = c.unshown();
        for (const m of fresh) {
          process.stdout.write(
            options.json ? `${JSON.stringify(messageJson(m))}\n` : `${messageLine(m)}\n`,
          );
        }
        await c.markShown(fresh.map((m) => m.id));
        if (failure) throw failure;
        if (report) {
          note(
            `sync: ${report.sent} sent, ${fresh.length} received, ${report.queued} queued ` +
              `(${report.exchanges} exchange${report.exchanges === 1 ? '' : 's'}, ` +
              `${report.bytesUp} B up, ${report.bytesDown} B down)`,
          );
        }
      });
    });

  client
    .command('contacts')
    .description('list contacts and family groups')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withClient(globals(command), (c) => {
        emit(options, { me: c.me.fingerprint, contacts: c.contacts() }, (v) =>
          v.contacts.length === 0
            ? 'no contacts yet (invite or accept)'
            : v.contacts
                .map(
                  (x) =>
                    `${x.name}  ${x.kind === 'family' ? `group of ${x.members}` : x.state}` +
                    `${x.fingerprint ? `  ${x.fingerprint}` : ''}${x.unread ? `  ${x.unread} unread` : ''}`,
                )
                .join('\n'),
        );
        return Promise.resolve();
      });
    });

  client
    .command('messages')
    .description('show a conversation, with the state of each of our messages')
    .argument('<name>', 'contact or group name')
    .option('--json', 'machine-readable output')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      await withClient(globals(command), (c) => {
        let list: Message[];
        try {
          list = c.messages(name);
        } catch (error) {
          throw new UserError(error instanceof Error ? error.message : String(error), 1);
        }
        emit(
          options,
          list.map(messageJson),
          () => list.map(messageLine).join('\n') || '(no messages)',
        );
        return Promise.resolve();
      });
    });

  client
    .command('group')
    .description('make a family group with connected contacts')
    .argument('<name>', 'the group name')
    .argument('<contacts...>', 'contact names')
    .option('--json', 'machine-readable output')
    .action(
      async (name: string, contacts: string[], options: { json?: boolean }, command: Command) => {
        await withClient(globals(command), async (c) => {
          const group = await c.createGroup(name, contacts).catch((error: unknown) => {
            throw new UserError(error instanceof Error ? error.message : String(error), 1);
          });
          emit(
            options,
            group,
            (v) => `group ${v.name} made with ${contacts.join(', ')}; sync to send`,
          );
        });
      },
    );

  client
    .command('wipe')
    .description('erase keys, contacts, history and outbox from this machine')
    .option('--yes', 'really do it')
    .action(async (options: { yes?: boolean }, command: Command) => {
      if (!options.yes) throw new UserError('wipe erases everything; run again with --yes', 2);
      const dir = homeDir(globals(command));
      const store = await FileStore.open(dir);
      try {
        await store.wipe();
      } finally {
        await store.close();
      }
      note(`wiped ${dir}`);
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
