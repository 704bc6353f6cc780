/**
 * @module client
 * The SDK's front door: an account on this device, its contacts and groups, an outbox that
 * survives restarts, an inbox without duplicates, and `sync()` — one exchange with the server that
 * sends the whole outbox and every ack and fetches everything pending.
 *
 * How a message travels (README.md has the diagrams):
 *   send()  → encrypt as an MLS application message → one envelope per other member, each to that
 *             member's receive queue with its own random message id → outbox (state "queued")
 *   sync()  → server stores the envelopes (state "on server"), returns what waits for us
 *   peer    → stores the message, acks it at its next sync, and sends back an encrypted receipt
 *             (state "delivered" once every recipient's receipt is in)
 *
 * Every public operation changes the in-memory model and then writes all its changes in one
 * atomic batch; if anything fails in between, the model is reloaded from the store, so a crash or
 * an error never leaves half an operation behind. Operations are serialised.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  DEFAULT_LIMITS,
  ERROR_CATALOGUE,
  ErrorCode,
  Padding,
  ProtocolError,
  Section,
  buildSync,
  decodeServerFrame,
  encodeClientFrame,
  fromWireError,
  publicKeyOf,
  signedCreate,
  signedReceive,
  signedSend,
  type Signed,
  type SyncResult,
} from '@tongilnet/protocol';
import { decodeMlsMessage, type CiphersuiteImpl, type Welcome } from 'ts-mls';
import { backoffDelayMs, type BackoffPolicy, defaultBackoff } from './backoff.ts';
import { bytesEqual, toHex } from './bytes.ts';
import { contentText, decodeContent, encodeContent, textContent, type Content } from './content.ts';
import { systemEnv, type Env } from './env.ts';
import {
  ContentSchema,
  EnvelopeSchema,
  HelloSchema,
  QueueAddressSchema,
  type Hello,
} from './gen/tongilnet/client/v1/client_pb.ts';
import {
  fingerprint,
  identityFromPhrase,
  newRecoveryPhrase,
  type Identity,
  type PhraseLanguage,
} from './identity.ts';
import { formatInvitation, parseInvitation } from './invite.ts';
import {
  GroupSession,
  decodeKeyPackage,
  decodePrivatePackage,
  decodeWelcome,
  encodeKeyPackage,
  encodePrivatePackage,
  keyPackageRef,
  newKeyPackage,
  type Incoming,
} from './mls/session.ts';
import { mlsSuite } from './mls/suite.ts';
import {
  b64,
  decodeRecord,
  encodeRecord,
  unb64,
  type AccountRecord,
  type ClockRecord,
  type ContactRecord,
  type GroupRecord,
  type InboxRecord,
  type KeyPackageRecord,
  type MessageState,
  type OutboxRecord,
  type PaddingChoice,
  type ParkedRecord,
  type QueueAddressRecord,
  type QueueRecord,
  type SentRecord,
} from './records.ts';
import type { ClientStore, StoreWrite } from './store/store.ts';
import {
  FallbackTransport,
  HttpTransport,
  TransportError,
  WebSocketTransport,
  type FetchLike,
  type Transport,
  type WebSocketFactory,
} from './transport.ts';

/** How long an invitation's KeyPackage stays valid: links travel slowly across the border. */
const inviteLifetimeS = 90 * 86_400;
/** How long a spare KeyPackage for family groups stays valid. */
const spareLifetimeS = 365 * 86_400;
/** Give up on an envelope the server keeps refusing after this long (the server's own TTL). */
const giveUpMs = 30 * 86_400_000;
/** Processed message ids remembered per queue, and content ids per group, for de-duplication. */
const rememberIds = 1000;
/** Exchanges one sync() may make while the server says more is pending. */
const maxRounds = 16;
/**
 * Bytes of envelopes one exchange carries each way, adapted per server like a congestion window:
 * halved when the link cuts an exchange it was carrying, doubled when one that the budget limited
 * goes through. 16 KiB is about 14 s at 9.6 kbit/s, well inside the minute between outages at the
 * edge of a cross-border cell. See {@link LinkState}.
 */
const INITIAL_LINK_BUDGET_BYTES = 16 * 1024;
const MIN_LINK_BUDGET_BYTES = 1024;
/** A typical MLS envelope with its delivery overhead, for turning the budget into a fetch limit. */
const ENVELOPE_ESTIMATE_BYTES = 400;

/**
 * What the client has learnt about the link to one server, kept in the store (`links`) so a
 * client opened again (the CLI runs one process per sync; a phone reloads the page) starts from
 * what the link carried last time instead of INITIAL_LINK_BUDGET_BYTES.
 */
interface LinkState {
  /** Envelope bytes the next exchange may carry each way. */
  budgetBytes: number;
  /** Shortest exchange that went through, ms (undefined before the first). */
  minRoundTripMs?: number;
}

/** The stored link states that make sense (a damaged or hand-edited record is ignored). */
function validLinks(record: Record<string, LinkState>): [string, LinkState][] {
  if (!record || typeof record !== 'object') return [];
  return Object.entries(record).flatMap(([server, state]): [string, LinkState][] => {
    const budget = state?.budgetBytes;
    if (typeof budget !== 'number' || !(budget >= MIN_LINK_BUDGET_BYTES)) return [];
    const rtt = state.minRoundTripMs;
    return [
      [
        server,
        {
          budgetBytes: Math.min(budget, DEFAULT_LIMITS.maxFrameBytes / 2),
          ...(typeof rtt === 'number' && rtt >= 0 ? { minRoundTripMs: rtt } : {}),
        },
      ],
    ];
  });
}

export interface ClientOptions {
  store: ClientStore;
  env?: Env;
  /** `fetch` for the HTTP transport (default: the global one). */
  fetch?: FetchLike;
  /** WebSocket constructor wrapper (browsers: `(url) => new WebSocket(url)`; Node 20: `ws`). */
  webSocket?: WebSocketFactory;
  /** 'http' (default where no WebSocket is given), 'websocket', or 'auto' (WebSocket, else HTTP). */
  transport?: 'http' | 'websocket' | 'auto';
  /** Per-exchange timeout, ms. */
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  /** Called when the server pushes that something arrived (WebSocket only): time to sync. */
  onNotify?: () => void;
}

export interface CreateOptions extends ClientOptions {
  server: string;
  /** Word list of the new recovery phrase. */
  language?: PhraseLanguage;
}

export interface Contact {
  name: string;
  state: 'invited' | 'connected';
  /** Five groups of digits to compare over a call ({@link fingerprint}); absent until connected. */
  fingerprint?: string;
  kind: 'contact' | 'family';
  /** Family groups: member count including us. */
  members?: number;
  unread: number;
}

export interface Message {
  /** Content id, hex (16 random bytes chosen by the author). */
  id: string;
  /** Contact or family group name. */
  chat: string;
  /** Who wrote it: 'me', a contact's name, or a fingerprint for a group member who is not one. */
  from: string;
  text: string;
  /** Author's clock, ms since the Unix epoch. */
  sentMs: number;
  /** Received messages: when the server stored it and when this device got it, ms. */
  serverMs?: number;
  receivedMs?: number;
  /** Our messages: queued on this device, on the server, delivered (receipts from all). */
  state?: MessageState;
  seq?: number;
}

export interface SyncReport {
  /** Messages received in this sync, oldest first. */
  received: Message[];
  /** Envelopes the server accepted. */
  sent: number;
  /** Envelopes still in the outbox. */
  queued: number;
  exchanges: number;
  bytesUp: number;
  bytesDown: number;
  /** Items the server refused, one line each. */
  problems: string[];
}

type Keyed<T> = Map<string, T>;

function hex(bytes: Uint8Array): string {
  return toHex(bytes);
}

function seqKey(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(12, '0')}`;
}

function paddingOf(choice: PaddingChoice): Padding | undefined {
  return choice === 'buckets' ? Padding.BUCKETS : choice === 'padme' ? Padding.PADME : undefined;
}

export class Client {
  private account!: AccountRecord;
  private identity!: Identity;
  private clock: ClockRecord = { offsetMs: 0, lastMs: 0 };
  private seq = 0;
  private queues: Keyed<QueueRecord> = new Map();
  private contactsById: Keyed<ContactRecord> = new Map();
  private groups: Keyed<GroupRecord> = new Map();
  private sessions: Keyed<GroupSession> = new Map();
  private keyPackages: Keyed<KeyPackageRecord> = new Map();
  private spares: Keyed<string> = new Map();
  private outbox: Keyed<OutboxRecord> = new Map();
  private parked: Keyed<ParkedRecord> = new Map();
  private sentLog: Keyed<SentRecord> = new Map();
  private inbox: Keyed<InboxRecord> = new Map();
  private pending = new Map<string, Uint8Array | undefined>();
  private lock: Promise<unknown> = Promise.resolve();
  private readonly transports = new Map<string, Transport>();
  /** Per server: what the next exchange may carry, and the link's shortest round trip. */
  private links = new Map<string, LinkState>();
  private readonly env: Env;

  private constructor(
    private readonly options: ClientOptions,
    private readonly cs: CiphersuiteImpl,
  ) {
    this.env = options.env ?? systemEnv();
  }

  /**
   * Makes a new account on this device. Returns the recovery phrase, which is shown to the user
   * once and never stored: it restores the identity on a new phone ({@link Client.restore}).
   * @throws Error when the store already holds an account
   */
  static async create(options: CreateOptions): Promise<{ client: Client; phrase: string }> {
    const env = options.env ?? systemEnv();
    const phrase = await newRecoveryPhrase(env, options.language ?? 'korean');
    const client = await Client.restore({ ...options, phrase });
    return { client, phrase };
  }

  /**
   * Sets up this device with the identity of a recovery phrase. Contacts and history are not
   * restored (forward secrecy: they exist nowhere else); connect again with new invitations.
   * @throws RangeError for an invalid phrase; Error when the store already holds an account
   */
  static async restore(options: CreateOptions & { phrase: string }): Promise<Client> {
    checkServer(options.server);
    if (await options.store.get('account')) {
      throw new Error('this device already has an account (wipe it first to make another)');
    }
    const identity = await identityFromPhrase(options.phrase);
    const env = options.env ?? systemEnv();
    const account: AccountRecord = {
      version: 1,
      secretKey: b64(identity.secretKey),
      publicKey: b64(identity.publicKey),
      server: options.server.replace(/\/+$/, ''),
      createdMs: env.now(),
      padding: 'none',
      receipts: true,
    };
    await options.store.write([['account', encodeRecord(account)]]);
    return Client.open(options);
  }

  /** Opens the account in a store. @throws Error when the store holds no account */
  static async open(options: ClientOptions): Promise<Client> {
    const client = new Client(options, await mlsSuite());
    await client.load();
    return client;
  }

  /** Our identity key and its fingerprint (what contacts compare). */
  get me(): { publicKey: Uint8Array; fingerprint: string; server: string } {
    return {
      publicKey: this.identity.publicKey,
      fingerprint: fingerprint(this.identity.publicKey),
      server: this.account.server,
    };
  }

  get settings(): { padding: PaddingChoice; receipts: boolean } {
    return { padding: this.account.padding, receipts: this.account.receipts };
  }

  /** Changes settings (padding trades bytes on air for hiding message sizes). */
  configure(changes: Partial<{ padding: PaddingChoice; receipts: boolean }>): Promise<void> {
    return this.operation(() => {
      if (changes.padding !== undefined) {
        if (!['none', 'buckets', 'padme'].includes(changes.padding)) {
          throw new RangeError(`padding "${changes.padding}" is not none, buckets or padme`);
        }
        this.account.padding = changes.padding;
      }
      if (changes.receipts !== undefined) this.account.receipts = changes.receipts;
      this.put('account', this.account);
      return Promise.resolve();
    });
  }

  // ---------------------------------------------------------------- invitations

  /**
   * Makes an invitation link: a new receive queue for this contact (created on the server at the
   * next sync) and a one-time KeyPackage. `name` is what we will call the contact; without one the
   * contact is "contact-N" until renamed.
   */
  invite(options: { name?: string; web?: boolean } = {}): Promise<{ link: string; name: string }> {
    return this.operation(async () => {
      const name = options.name ?? this.freeName('contact');
      this.checkNewName(name);
      const queue = this.newQueue();
      const keyPackage = await this.issueKeyPackage('invite', inviteLifetimeS);
      const contact: ContactRecord = {
        id: hex(this.env.randomBytes(8)),
        name,
        state: 'invited',
        waiting: [],
        createdMs: this.env.now(),
      };
      queue.inviteFor = contact.id;
      this.saveContact(contact);
      this.saveQueue(queue);
      const link = formatInvitation(
        {
          server: this.account.server,
          queueId: unb64(queue.queueId),
          senderKey: unb64(queue.senderSecret),
          keyPackage,
        },
        options.web,
      );
      return { link, name };
    });
  }

  /**
   * Accepts an invitation: makes the MLS group (we are its creator, the inviter the second
   * member), a receive queue for the replies, and queues the Welcome plus a Hello (where to reach
   * us) to the inviter's queue. Sent at the next sync.
   * @throws TypeError/RangeError for a bad link; Error when the name is taken or the link was ours
   */
  accept(link: string, name: string): Promise<Contact> {
    return this.operation(async () => {
      const invitation = parseInvitation(link);
      this.checkNewName(name);
      const keyPackage = decodeKeyPackage(invitation.keyPackage, 'invitation');
      const theirs = keyPackage.leafNode.signaturePublicKey;
      if (bytesEqual(theirs, this.identity.publicKey)) {
        throw new Error('this invitation is our own; send it to the person you want to reach');
      }
      for (const group of this.groups.values()) {
        const address = group.members[hex(theirs)];
        if (group.kind === 'contact' && address?.queueId === b64(invitation.queueId)) {
          throw new Error(
            `this invitation was already accepted (contact "${this.chatName(group)}")`,
          );
        }
      }
      const now = this.env.now();
      const session = await GroupSession.create(
        this.env.randomBytes(8),
        this.identity,
        now,
        this.cs,
      );
      const { welcome } = await session.add([keyPackage], now);
      const gid = hex(session.groupId);
      const queue = this.newQueue();
      queue.group = gid;
      const contact: ContactRecord = {
        id: hex(this.env.randomBytes(8)),
        name,
        state: 'connected',
        identityKey: b64(theirs),
        group: gid,
        waiting: [],
        createdMs: now,
      };
      const group: GroupRecord = {
        id: gid,
        kind: 'contact',
        contact: contact.id,
        ownQueue: queue.queueId,
        members: {
          [hex(theirs)]: {
            server: invitation.server.replace(/\/+$/, ''),
            queueId: b64(invitation.queueId),
            senderKey: b64(invitation.senderKey),
          },
        },
        recentIds: [],
        createdMs: now,
      };
      this.sessions.set(gid, session);
      this.saveGroup(group);
      this.saveQueue(queue);
      this.saveContact(contact);
      const hello = await this.hello(group, invitation.server);
      const helloMessage = await session.encrypt(encodeContent(hello, this.padding()));
      this.saveSession(gid);
      this.fanOut(group, [welcome, helloMessage]);
      return this.describeContact(contact);
    });
  }

  // ---------------------------------------------------------------- sending

  /**
   * Queues a text for a contact or family group. It leaves at the next sync; until the contact
   * accepts our invitation it waits on this device.
   * @throws Error naming an unknown chat
   */
  send(chat: string, text: string): Promise<Message> {
    return this.operation(async () => {
      if (text.length === 0) throw new RangeError('message: the text is empty');
      const { group, contact } = this.findChat(chat);
      const id = this.env.randomBytes(16);
      const now = this.env.now();
      const record: SentRecord = {
        id: b64(id),
        group: group?.id ?? '',
        text,
        sentMs: now,
        pendingSends: 0,
        recipients: [],
        deliveredTo: [],
        state: 'queued',
      };
      if (!group) {
        // Invited, not yet accepted: keep the words, encrypt once the group exists.
        contact!.waiting.push({ contentId: b64(id), text, createdMs: now });
        this.saveContact(contact!);
      } else {
        await this.sendText(group, id, now, text, record);
      }
      this.sentLog.set(record.id, record);
      this.put(`sent/${record.id}`, record);
      return this.describeSent(record);
    });
  }

  private async sendText(
    group: GroupRecord,
    id: Uint8Array,
    sentMs: number,
    text: string,
    record: SentRecord,
  ): Promise<void> {
    const session = this.session(group.id);
    const parts: Uint8Array[] = [];
    // Post-compromise security: refresh our keys now and then, riding on a message we send anyway.
    if (session.wantsUpdate(this.env.now())) parts.push(await session.selfUpdate(this.env.now()));
    const content = textContent(id, sentMs, text);
    parts.push(await session.encrypt(encodeContent(content, this.padding())));
    this.saveSession(group.id);
    record.group = group.id;
    record.recipients = this.otherMembers(group.id);
    record.pendingSends += this.fanOut(group, parts, record.id);
  }

  /**
   * Makes a family group with contacts (MLS group of N members). Each contact's spare KeyPackage
   * (sent in its Hello) adds it without another round trip; the Welcome goes through the 1:1
   * queues we already have.
   * @throws Error when a contact is unknown, not connected, or has given us no KeyPackage yet
   */
  createGroup(name: string, contactNames: string[]): Promise<Contact> {
    return this.operation(async () => {
      this.checkNewName(name);
      if (contactNames.length === 0) throw new RangeError('group: name at least one contact');
      const members = contactNames.map((n) => {
        const { contact } = this.findChat(n);
        if (!contact || contact.state !== 'connected' || !contact.identityKey) {
          throw new Error(`group: "${n}" is not a connected contact`);
        }
        const spare = this.spares.get(hex(unb64(contact.identityKey)));
        if (!spare) throw new Error(`group: "${n}" has not sent a key package yet; sync first`);
        return { contact, keyPackage: decodeKeyPackage(unb64(spare), `key package of ${n}`) };
      });
      const now = this.env.now();
      const session = await GroupSession.create(
        this.env.randomBytes(8),
        this.identity,
        now,
        this.cs,
      );
      const { welcome } = await session.add(
        members.map((m) => m.keyPackage),
        now,
      );
      const gid = hex(session.groupId);
      const queue = this.newQueue();
      queue.group = gid;
      const group: GroupRecord = {
        id: gid,
        kind: 'family',
        name,
        ownQueue: queue.queueId,
        members: {},
        recentIds: [],
        createdMs: now,
      };
      this.sessions.set(gid, session);
      this.saveGroup(group);
      this.saveQueue(queue);
      const hello = await this.hello(group, this.account.server);
      const helloMessage = await session.encrypt(encodeContent(hello, this.padding()));
      this.saveSession(gid);
      // The Welcome travels through each member's 1:1 queue (the only address we have for them).
      for (const m of members) {
        const hexId = hex(unb64(m.contact.identityKey!));
        this.spares.delete(hexId);
        this.put(`spare/${hexId}`, undefined);
        const address = this.groups.get(m.contact.group!)!.members[hexId];
        if (!address) throw new Error(`group: no queue known for "${m.contact.name}"`);
        this.enqueue(group.id, hexId, address, envelopeOf([welcome, helloMessage]));
      }
      return this.describeGroup(group);
    });
  }

  // ---------------------------------------------------------------- sync

  /**
   * One exchange with the server (more only while it says more is pending): creates new queues,
   * sends the outbox (all of it when `force`, else what its backoff allows), acks what we have
   * stored and fetches everything pending. Received messages are stored before anything is acked.
   * Each exchange carries what the link has shown it can (see INITIAL_LINK_BUDGET_BYTES), so a
   * large outbox or inbox takes several; what each one sent and received is committed at once.
   * @throws TransportError when the server cannot be reached (everything not yet sent stays
   *   queued; the outbox's backoff is advanced). It may come after earlier exchanges of the same
   *   sync went through: their messages are stored and {@link unshown} returns them, though the
   *   report is lost with the throw. ProtocolError when the server refused the whole exchange
   */
  sync(options: { force?: boolean } = {}): Promise<SyncReport> {
    return this.operation(async () => {
      const report: SyncReport = {
        received: [],
        sent: 0,
        queued: 0,
        exchanges: 0,
        bytesUp: 0,
        bytesDown: 0,
        problems: [],
      };
      const servers = new Set([this.account.server]);
      for (const entry of this.outbox.values()) servers.add(entry.server);
      for (const server of servers) {
        for (let round = 0; round < maxRounds; round++) {
          const more = await this.exchange(server, options.force ?? true, report);
          // Write after every exchange: what the server now has deleted must be stored here.
          await this.commit();
          if (!more) break;
        }
      }
      report.queued = this.outbox.size + this.parked.size;
      return report;
    });
  }

  /** When the outbox next wants a sync (ms since the epoch), or undefined when it is empty. */
  nextRetryMs(): number | undefined {
    let next: number | undefined;
    for (const e of this.outbox.values()) next = Math.min(next ?? Infinity, e.nextAttemptMs);
    return next;
  }

  private transport(server: string): Transport {
    let t = this.transports.get(server);
    if (t) return t;
    const o = this.options;
    const timeout = o.timeoutMs ?? 60_000;
    // Called through a closure: browsers throw "Illegal invocation" for fetch on another `this`.
    const fetchImpl: FetchLike =
      o.fetch ?? ((url, init) => (globalThis.fetch as unknown as FetchLike)(url, init));
    const http = new HttpTransport(server, fetchImpl, this.env, timeout);
    const notify = () => o.onNotify?.();
    const kind = o.transport ?? (o.webSocket ? 'auto' : 'http');
    if (kind === 'http' || !o.webSocket) t = http;
    else {
      const ws = new WebSocketTransport(server, o.webSocket, this.env, timeout, notify);
      t = kind === 'websocket' ? ws : new FallbackTransport(ws, http);
    }
    this.transports.set(server, t);
    return t;
  }

  /** One request/reply with `server`; resolves true when the server has more pending. */
  private async exchange(server: string, force: boolean, report: SyncReport): Promise<boolean> {
    const now = this.env.now();
    const own = server === this.account.server;
    const limits = DEFAULT_LIMITS;
    const creates = own ? [...this.queues.values()].filter((q) => !q.created) : [];
    const sends: OutboxRecord[] = [];
    const link = this.links.get(server) ?? { budgetBytes: INITIAL_LINK_BUDGET_BYTES };
    this.links.set(server, link);
    const linkBudget = link.budgetBytes;
    const learnt = { ...link };
    let budget = linkBudget;
    let sendsLeft = false;
    for (const entry of this.outbox.values()) {
      if (entry.server !== server || (!force && entry.nextAttemptMs > now)) continue;
      const size = unb64(entry.envelope).length + 200;
      if (sends.length >= limits.maxSends || (sends.length > 0 && size > budget)) {
        sendsLeft = true;
        break;
      }
      budget -= size;
      sends.push(entry);
    }
    // The reply is bounded the same way: about one envelope per ENVELOPE_ESTIMATE_BYTES of budget.
    const fetchLimit = Math.max(
      1,
      Math.min(limits.maxFetch, Math.floor(linkBudget / ENVELOPE_ESTIMATE_BYTES)),
    );
    const receives = own ? [...this.queues.values()].slice(0, limits.maxReceives) : [];
    const acksSent = receives.map((q) => q.acks.slice(0, limits.maxAcks));
    if (creates.length + sends.length + receives.length === 0) return false;

    for (let attempt = 0; ; attempt++) {
      const timeMs = this.nextTime();
      const transport = this.transport(server);
      const sync = buildSync({
        timeMs,
        // On a WebSocket the server then pushes a Notify when something arrives for us.
        watch: transport.kind === 'websocket' && receives.length > 0,
        creates: creates.map((q) =>
          signedCreate(
            {
              queueId: unb64(q.queueId),
              recipientKey: publicKeyOf(unb64(q.recipientSecret)),
              senderKey: publicKeyOf(unb64(q.senderSecret)),
            },
            timeMs,
            unb64(q.recipientSecret),
          ),
        ),
        sends: sends.map((e): Signed =>
          signedSend(
            {
              queueId: unb64(e.queueId),
              messageId: unb64(e.messageId),
              envelope: unb64(e.envelope),
            },
            timeMs,
            unb64(e.senderKey),
          ),
        ),
        receives: receives.map((q, i) =>
          signedReceive(
            { queueId: unb64(q.queueId), acks: acksSent[i]!.map(unb64), limit: fetchLimit },
            timeMs,
            unb64(q.recipientSecret),
          ),
        ),
      });
      const padding = this.padding();
      const r = this.env.randomBytes(4);
      const requestId =
        1 + ((((r[0]! << 24) | (r[1]! << 16) | (r[2]! << 8) | r[3]!) >>> 2) & 0x3fffffff);
      const frame = encodeClientFrame({ requestId, sync, padReply: padding }, padding);
      let replyBytes: Uint8Array;
      const started = this.env.now();
      try {
        replyBytes = await transport.exchange(frame, requestId);
      } catch (error) {
        if (error instanceof TransportError) {
          this.deferSends(sends, error.message);
          // A cut link: the next exchange carries half as much, so a backlog larger than what
          // fits between two outages still crosses in pieces instead of failing forever. Only
          // when the link had been carrying this exchange for a round trip or more: a failure
          // sooner than that (a connection refused in an outage, a stale kept-alive socket) says
          // the link is down, not that the frame is too big, and halving on every such retry
          // would start each up-window again from the floor.
          const elapsed = this.env.now() - started;
          if (link.minRoundTripMs === undefined || elapsed >= link.minRoundTripMs) {
            link.budgetBytes = Math.max(MIN_LINK_BUDGET_BYTES, linkBudget / 2);
          }
        }
        this.saveLinks(learnt, link);
        await this.commit();
        throw error;
      }
      const roundTripMs = this.env.now() - started;
      link.minRoundTripMs = Math.min(link.minRoundTripMs ?? roundTripMs, roundTripMs);
      report.exchanges++;
      report.bytesUp += frame.length;
      report.bytesDown += replyBytes.length;
      const reply = decodeServerFrame(replyBytes);
      if (reply.body.case === 'error') {
        const error = fromWireError(reply.body.value);
        const fixable =
          error.code === ErrorCode.PROTO_ERR_CLOCK_SKEW ||
          error.code === ErrorCode.PROTO_ERR_REPLAY;
        if (fixable && error.serverTimeMs > 0) this.adoptServerTime(error.serverTimeMs);
        if (fixable && attempt === 0) continue; // re-sign with the corrected clock, once
        if (ERROR_CATALOGUE[error.code]?.retryable) this.deferSends(sends, error.message);
        this.saveLinks(learnt, link);
        await this.commit();
        throw error;
      }
      if (reply.body.case !== 'sync') {
        throw new ProtocolError(ErrorCode.PROTO_ERR_MALFORMED, 'server answered without a sync');
      }
      const more = await this.applyResult(
        reply.body.value,
        { creates, sends, receives, acksSent },
        report,
      );
      // The exchange went through. If the budget was what held it back (sends left over, or
      // more waiting on the server), the next one may carry twice as much, up to what the server
      // accepts; an exchange smaller than its budget proves nothing about a bigger one, so
      // idle syncs do not inflate it [cf. RFC 7661, congestion window validation].
      if (sendsLeft || more) {
        link.budgetBytes = Math.min(limits.maxFrameBytes / 2, linkBudget * 2);
      }
      this.saveLinks(learnt, link);
      return more || sendsLeft;
    }
  }

  private async applyResult(
    result: SyncResult,
    request: {
      creates: QueueRecord[];
      sends: OutboxRecord[];
      receives: QueueRecord[];
      acksSent: string[][];
    },
    report: SyncReport,
  ): Promise<boolean> {
    const now = this.env.now();
    const rejected = new Map<string, ProtocolError>();
    for (const r of result.rejected) {
      if (r.error) rejected.set(`${r.section}/${r.index}`, fromWireError(r.error));
    }
    const section = { create: Section.CREATE, send: Section.SEND, receive: Section.RECEIVE };
    request.creates.forEach((q, i) => {
      const error = rejected.get(`${section.create}/${i}`);
      if (error) report.problems.push(`queue ${hex(unb64(q.queueId))}: ${error.message}`);
      else {
        q.created = true;
        this.saveQueue(q);
      }
    });
    request.sends.forEach((entry, i) => {
      const error = rejected.get(`${section.send}/${i}`);
      if (!error) {
        report.sent++;
        this.removeOutbox(entry, 'server');
        return;
      }
      const retry =
        ERROR_CATALOGUE[error.code]?.retryable ||
        error.code === ErrorCode.PROTO_ERR_QUEUE_NOT_FOUND; // the inviter may not have synced yet
      if (retry && now - entry.createdMs < giveUpMs) {
        this.deferSends([entry], error.message);
      } else {
        report.problems.push(`message to ${entry.to.slice(0, 8)}: ${error.message}`);
        this.removeOutbox(entry, 'failed', error.message);
      }
    });
    const receipts = new Map<string, { group: string; to: string; ids: Uint8Array[] }>();
    for (const [i, queue] of request.receives.entries()) {
      const error = rejected.get(`${section.receive}/${i}`);
      if (error) {
        if (error.serverTimeMs > 0) this.adoptServerTime(error.serverTimeMs);
        report.problems.push(`queue ${hex(unb64(queue.queueId))}: ${error.message}`);
        continue;
      }
      const done = new Set(request.acksSent[i]);
      queue.acks = queue.acks.filter((a) => !done.has(a));
      this.saveQueue(queue);
    }
    let more = false;
    for (const inbox of result.inboxes) {
      const queue = request.receives[inbox.receive];
      if (!queue) continue;
      more ||= inbox.more;
      for (const delivery of inbox.messages) {
        await this.deliver(queue, delivery, report, receipts);
      }
    }
    await this.sendReceipts(receipts);
    const serverNow = Number(result.timeMs);
    if (serverNow > 0 && Math.abs(serverNow - (now + this.clock.offsetMs)) > 60_000) {
      this.adoptServerTime(serverNow);
    }
    return more;
  }

  /** Processes one envelope from the server; ends with its id in the queue's acks. */
  private async deliver(
    queue: QueueRecord,
    delivery: { messageId: Uint8Array; envelope: Uint8Array; receivedAtS: bigint },
    report: SyncReport,
    receipts: Map<string, { group: string; to: string; ids: Uint8Array[] }>,
  ): Promise<void> {
    const id = b64(delivery.messageId);
    if (!queue.acks.includes(id)) queue.acks.push(id);
    if (queue.seen.includes(id)) {
      this.saveQueue(queue);
      return;
    }
    queue.seen.push(id);
    if (queue.seen.length > rememberIds) queue.seen.splice(0, queue.seen.length - rememberIds);
    this.saveQueue(queue);
    const serverMs = Number(delivery.receivedAtS) * 1000;
    try {
      const envelope = fromBinary(EnvelopeSchema, delivery.envelope);
      for (const mls of envelope.mls) {
        const welcome = decodeWelcome(mls);
        if (welcome) {
          await this.joinFromWelcome(queue, welcome);
          continue;
        }
        const gid = groupIdOf(mls);
        const session = gid && this.sessions.get(gid);
        if (!session || !gid) continue;
        const results = await session.receive(mls);
        this.saveSession(gid);
        for (const r of results) await this.handle(gid, r, serverMs, report, receipts);
      }
    } catch (error) {
      // A damaged or hostile envelope must not block the queue: it is acked and reported.
      report.problems.push(`envelope ${hex(delivery.messageId)}: ${describe(error)}`);
    }
  }

  private async joinFromWelcome(queue: QueueRecord, welcome: Welcome): Promise<void> {
    const mine = welcome.secrets
      .map((s) => hex(s.newMember))
      .find((ref) => this.keyPackages.has(ref));
    if (!mine) return; // already used (an invitation accepted twice) or not for us
    const kp = this.keyPackages.get(mine)!;
    const session = await GroupSession.join(
      welcome,
      {
        publicPackage: decodeKeyPackage(unb64(kp.publicPackage), 'stored key package'),
        privatePackage: decodePrivatePackage(kp.privatePackage),
      },
      this.cs,
    );
    this.keyPackages.delete(mine);
    this.put(`kp/${mine}`, undefined);
    const gid = hex(session.groupId);
    if (this.groups.has(gid)) return;
    const now = this.env.now();
    this.sessions.set(gid, session);
    if (kp.purpose === 'invite') {
      const contact = queue.inviteFor ? this.contactsById.get(queue.inviteFor) : undefined;
      const other = session.members().find((m) => m.leaf !== session.ownLeaf);
      if (!contact || contact.group || !other) return;
      contact.group = gid;
      contact.identityKey = b64(other.identityKey);
      queue.group = gid;
      const group: GroupRecord = {
        id: gid,
        kind: 'contact',
        contact: contact.id,
        ownQueue: queue.queueId,
        members: {},
        recentIds: [],
        createdMs: now,
      };
      this.saveGroup(group);
      this.saveQueue(queue);
      this.saveContact(contact);
    } else {
      // Added to a family group with a spare KeyPackage: make a queue for it and say hello.
      const own = this.newQueue();
      own.group = gid;
      const group: GroupRecord = {
        id: gid,
        kind: 'family',
        ownQueue: own.queueId,
        members: {},
        recentIds: [],
        createdMs: now,
      };
      this.saveGroup(group);
      this.saveQueue(own);
    }
    this.saveSession(gid);
    // Tell the others where to reach us, and hand over a fresh spare KeyPackage.
    const group = this.groups.get(gid)!;
    const hello = await this.hello(group, this.account.server);
    this.fanOut(group, [await session.encrypt(encodeContent(hello, this.padding()))]);
    this.saveSession(gid);
  }

  private async handle(
    gid: string,
    r: Incoming,
    serverMs: number,
    report: SyncReport,
    receipts: Map<string, { group: string; to: string; ids: Uint8Array[] }>,
  ): Promise<void> {
    const group = this.groups.get(gid);
    const session = this.sessions.get(gid);
    if (!group || !session) return;
    if (r.kind === 'rollback') {
      await this.resend(group, r.resend);
      return;
    }
    if (r.kind !== 'application') return;
    const sender = session.members().find((m) => m.leaf === r.senderLeaf);
    if (!sender) return;
    const from = hex(sender.identityKey);
    let content: Content;
    try {
      content = decodeContent(r.data);
    } catch {
      report.problems.push(`message in ${this.chatName(group)}: not readable content`);
      return;
    }
    const body = content.body;
    if (body.case === 'hello') await this.onHello(group, from, body.value);
    else if (body.case === 'receipt') this.onReceipt(from, body.value.ids);
    else {
      const text = contentText(content);
      if (text === undefined || content.id.length !== 16) return;
      const id = b64(content.id);
      if (group.recentIds.includes(id)) return; // a re-sent copy
      group.recentIds.push(id);
      if (group.recentIds.length > rememberIds) group.recentIds.shift();
      this.saveGroup(group);
      const record: InboxRecord = {
        seq: ++this.seq,
        id,
        group: gid,
        from,
        text,
        sentMs: Number(content.sentMs),
        serverMs,
        receivedMs: this.env.now(),
        shown: false,
      };
      this.inbox.set(seqKey('in/', record.seq), record);
      this.put(seqKey('in/', record.seq), record);
      this.put('seq', this.seq);
      report.received.push(this.describeReceived(record));
      if (this.account.receipts) {
        const key = `${gid}/${from}`;
        const entry = receipts.get(key) ?? { group: gid, to: from, ids: [] };
        entry.ids.push(content.id);
        receipts.set(key, entry);
      }
    }
  }

  private async onHello(group: GroupRecord, from: string, hello: Hello): Promise<void> {
    let learnt = false;
    const learn = (
      identity: string,
      q: { server: string; queueId: Uint8Array; senderKey: Uint8Array },
    ) => {
      if (identity === hex(this.identity.publicKey) || q.queueId.length !== 16) return;
      const address: QueueAddressRecord = {
        server: (q.server || this.account.server).replace(/\/+$/, ''),
        queueId: b64(q.queueId),
        senderKey: b64(q.senderKey),
      };
      const known = group.members[identity];
      if (known?.queueId === address.queueId) return;
      group.members[identity] = address;
      learnt = true;
      this.releaseParked(group.id, identity);
    };
    if (hello.queue) learn(from, hello.queue);
    for (const m of hello.members) if (m.queue) learn(hex(m.identityKey), m.queue);
    if (hello.keyPackage.length > 0) {
      this.spares.set(from, b64(hello.keyPackage));
      this.put(`spare/${from}`, b64(hello.keyPackage));
    }
    if (group.kind === 'family' && !group.name && hello.groupName) group.name = hello.groupName;
    this.saveGroup(group);
    if (group.kind === 'contact' && group.contact) {
      const contact = this.contactsById.get(group.contact);
      if (contact && contact.state !== 'connected') {
        contact.state = 'connected';
        for (const w of contact.waiting) {
          const record = this.sentLog.get(w.contentId);
          if (record) {
            await this.sendText(group, unb64(w.contentId), w.createdMs, w.text, record);
            this.put(`sent/${record.id}`, record);
          }
        }
        contact.waiting = [];
        this.saveContact(contact);
      }
    }
    // The creator of a family group relays the directory, so late joiners reach everyone.
    const session = this.sessions.get(group.id)!;
    if (learnt && group.kind === 'family' && session.ownLeaf === 0) {
      const directory = await this.hello(group, this.account.server, true);
      this.fanOut(group, [await session.encrypt(encodeContent(directory, this.padding()))]);
      this.saveSession(group.id);
    }
  }

  private onReceipt(from: string, ids: Uint8Array[]): void {
    for (const raw of ids) {
      const record = this.sentLog.get(b64(raw));
      if (!record || record.deliveredTo.includes(from)) continue;
      record.deliveredTo.push(from);
      if (record.recipients.every((r) => record.deliveredTo.includes(r))) {
        record.state = 'delivered';
      }
      this.put(`sent/${record.id}`, record);
    }
  }

  /** One receipt per author and group, sent to that author only (the others need not know). */
  private async sendReceipts(
    receipts: Map<string, { group: string; to: string; ids: Uint8Array[] }>,
  ): Promise<void> {
    for (const { group: gid, to, ids } of receipts.values()) {
      const group = this.groups.get(gid);
      const session = this.sessions.get(gid);
      const address = group?.members[to];
      if (!group || !session) continue;
      const content = create(ContentSchema, { body: { case: 'receipt', value: { ids } } });
      const bytes = await session.encrypt(encodeContent(content, this.padding()));
      this.saveSession(gid);
      if (address) this.enqueue(gid, to, address, envelopeOf([bytes]));
      else this.park(gid, to, envelopeOf([bytes]));
    }
  }

  /** Our messages from a losing branch of a fork, encrypted again on the winning one. */
  private async resend(group: GroupRecord, plaintexts: Uint8Array[]): Promise<void> {
    const session = this.session(group.id);
    for (const plaintext of plaintexts) {
      let content: Content;
      try {
        content = decodeContent(plaintext);
      } catch {
        continue;
      }
      const bytes = await session.encrypt(plaintext);
      const record = content.id.length ? this.sentLog.get(b64(content.id)) : undefined;
      const copies = this.fanOut(group, [bytes], record?.id);
      if (record) {
        record.pendingSends += copies;
        if (record.state === 'server') record.state = 'queued';
        this.put(`sent/${record.id}`, record);
      }
    }
    this.saveSession(group.id);
  }

  // ---------------------------------------------------------------- reading

  /** Contacts and family groups, by name. */
  contacts(): Contact[] {
    const out: Contact[] = [];
    for (const c of this.contactsById.values()) out.push(this.describeContact(c));
    for (const g of this.groups.values()) if (g.kind === 'family') out.push(this.describeGroup(g));
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The conversation with a contact or family group, oldest first. */
  messages(chat: string): Message[] {
    const { group, contact } = this.findChat(chat);
    const gid = group?.id;
    const out: Message[] = [];
    for (const r of this.inbox.values()) if (r.group === gid) out.push(this.describeReceived(r));
    for (const s of this.sentLog.values()) {
      if ((gid && s.group === gid) || contact?.waiting.some((w) => w.contentId === s.id)) {
        out.push(this.describeSent(s));
      }
    }
    return out.sort((a, b) => a.sentMs - b.sentMs);
  }

  /** Received messages not yet handed to the user, oldest first. */
  unshown(): Message[] {
    return [...this.inbox.values()].filter((r) => !r.shown).map((r) => this.describeReceived(r));
  }

  /** Marks received messages as handed to the user (`sync` prints each message once). */
  markShown(ids: string[]): Promise<void> {
    return this.operation(() => {
      const wanted = new Set(ids);
      for (const [key, r] of this.inbox) {
        if (!r.shown && wanted.has(hex(unb64(r.id)))) {
          r.shown = true;
          this.put(key, r);
        }
      }
      return Promise.resolve();
    });
  }

  /** The state of one of our messages by id (hex). */
  sentState(id: string): MessageState | undefined {
    for (const s of this.sentLog.values()) if (hex(unb64(s.id)) === id) return s.state;
    return undefined;
  }

  /** Erases keys, contacts, history and outbox from this device (the quick wipe). */
  async wipe(): Promise<void> {
    await this.operation(() => this.options.store.wipe());
    this.close();
  }

  close(): void {
    for (const t of this.transports.values()) t.close();
    this.transports.clear();
  }

  // ---------------------------------------------------------------- internals

  private async load(): Promise<void> {
    const store = this.options.store;
    const accountBytes = await store.get('account');
    if (!accountBytes) throw new Error('no account on this device (run init first)');
    this.account = decodeRecord<AccountRecord>(accountBytes);
    const secretKey = unb64(this.account.secretKey);
    this.identity = { secretKey, publicKey: publicKeyOf(secretKey) };
    const clock = await store.get('clock');
    this.clock = clock ? decodeRecord<ClockRecord>(clock) : { offsetMs: 0, lastMs: 0 };
    const seq = await store.get('seq');
    this.seq = seq ? decodeRecord<number>(seq) : 0;
    const read = async <T>(prefix: string, keyOf: (k: string) => string = (k) => k) => {
      const map = new Map<string, T>();
      for (const [k, v] of await store.list(prefix)) {
        map.set(keyOf(k.slice(prefix.length)), decodeRecord<T>(v));
      }
      return map;
    };
    this.queues = await read<QueueRecord>('queue/');
    this.contactsById = await read<ContactRecord>('contact/');
    this.groups = await read<GroupRecord>('group/');
    this.keyPackages = await read<KeyPackageRecord>('kp/');
    this.spares = await read<string>('spare/');
    this.outbox = await read<OutboxRecord>('out/', (k) => `out/${k}`);
    this.parked = await read<ParkedRecord>('park/', (k) => `park/${k}`);
    this.sentLog = await read<SentRecord>('sent/');
    this.inbox = await read<InboxRecord>('in/', (k) => `in/${k}`);
    const links = await store.get('links');
    this.links = new Map(
      links ? validLinks(decodeRecord<Record<string, LinkState>>(links)) : undefined,
    );
    this.sessions = new Map();
    for (const [k, v] of await store.list('mls/')) {
      this.sessions.set(k.slice(4), GroupSession.decode(v, this.cs));
    }
    this.pending.clear();
  }

  /** Runs `work` alone; commits its writes, or forgets them and reloads on failure. */
  private operation<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(async () => {
      try {
        const result = await work();
        await this.commit();
        return result;
      } catch (error) {
        this.pending.clear();
        await this.load().catch(() => undefined);
        throw error;
      }
    });
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** Stores the link states when this exchange changed one (most exchanges change nothing). */
  private saveLinks(before: LinkState, after: LinkState): void {
    if (before.budgetBytes === after.budgetBytes && before.minRoundTripMs === after.minRoundTripMs)
      return;
    this.put('links', Object.fromEntries(this.links));
  }

  private put(key: string, value: unknown): void {
    this.pending.set(key, value === undefined ? undefined : encodeRecord(value));
  }

  private async commit(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch: StoreWrite[] = [...this.pending];
    this.pending.clear();
    await this.options.store.write(batch);
  }

  private saveQueue(q: QueueRecord): void {
    const key = hex(unb64(q.queueId));
    this.queues.set(key, q);
    this.put(`queue/${key}`, q);
  }

  private saveContact(c: ContactRecord): void {
    this.contactsById.set(c.id, c);
    this.put(`contact/${c.id}`, c);
  }

  private saveGroup(g: GroupRecord): void {
    this.groups.set(g.id, g);
    this.put(`group/${g.id}`, g);
  }

  private saveSession(gid: string): void {
    this.pending.set(`mls/${gid}`, this.session(gid).encode());
  }

  private session(gid: string): GroupSession {
    const s = this.sessions.get(gid);
    if (!s) throw new Error(`no MLS state for group ${gid}`);
    return s;
  }

  private padding(): Padding | undefined {
    return paddingOf(this.account.padding);
  }

  /** A new receive queue: random id, recipient and sender keys. Created at the next sync. */
  private newQueue(): QueueRecord {
    return {
      queueId: b64(this.env.randomBytes(16)),
      recipientSecret: b64(this.env.randomBytes(32)),
      senderSecret: b64(this.env.randomBytes(32)),
      created: false,
      acks: [],
      seen: [],
    };
  }

  /**
   * A fresh KeyPackage of ours for an invitation or as a spare: its private half is kept (record
   * `kp/<ref>`) until someone uses it; resolves to the public half, encoded.
   */
  private async issueKeyPackage(
    purpose: KeyPackageRecord['purpose'],
    lifetimeS: number,
  ): Promise<Uint8Array> {
    const bundle = await newKeyPackage(this.identity, this.env.now(), lifetimeS, this.cs);
    const ref = hex(await keyPackageRef(bundle.publicPackage, this.cs));
    const keyPackage = encodeKeyPackage(bundle.publicPackage);
    const record: KeyPackageRecord = {
      publicPackage: b64(keyPackage),
      privatePackage: encodePrivatePackage(bundle.privatePackage),
      purpose,
      createdMs: this.env.now(),
    };
    this.keyPackages.set(ref, record);
    this.put(`kp/${ref}`, record);
    return keyPackage;
  }

  /** Our Hello for a group: our queue there, a fresh spare KeyPackage, and the directory. */
  private async hello(group: GroupRecord, peerServer: string, directory = false): Promise<Content> {
    const queue = this.queues.get(hex(unb64(group.ownQueue)))!;
    const keyPackage = await this.issueKeyPackage('spare', spareLifetimeS);
    const sameServer = peerServer.replace(/\/+$/, '') === this.account.server;
    const hello = create(HelloSchema, {
      queue: create(QueueAddressSchema, {
        server: sameServer ? '' : this.account.server,
        queueId: unb64(queue.queueId),
        senderKey: unb64(queue.senderSecret),
      }),
      groupName: group.kind === 'family' ? (group.name ?? '') : '',
      keyPackage,
      members: directory
        ? Object.entries(group.members).map(([identity, a]) => ({
            identityKey: hexToBytes(identity),
            queue: {
              server: a.server === this.account.server ? '' : a.server,
              queueId: unb64(a.queueId),
              senderKey: unb64(a.senderKey),
            },
          }))
        : [],
    });
    return create(ContentSchema, { body: { case: 'hello', value: hello } });
  }

  /** Identity keys (hex) of the other members of a group. */
  private otherMembers(gid: string): string[] {
    const session = this.session(gid);
    return session
      .members()
      .filter((m) => m.leaf !== session.ownLeaf)
      .map((m) => hex(m.identityKey));
  }

  /**
   * Queues one envelope per other member (each with its own message id, so the server cannot
   * match the copies by id); members whose queue we do not know yet get theirs parked.
   * Returns the number of copies.
   */
  private fanOut(group: GroupRecord, mls: Uint8Array[], contentId?: string): number {
    const envelope = envelopeOf(mls);
    const others = this.otherMembers(group.id);
    for (const member of others) {
      const address = group.members[member];
      if (address) this.enqueue(group.id, member, address, envelope, contentId);
      else this.park(group.id, member, envelope, contentId);
    }
    return others.length;
  }

  private enqueue(
    gid: string,
    to: string,
    address: QueueAddressRecord,
    envelope: Uint8Array,
    contentId?: string,
    seq = ++this.seq,
  ): void {
    const entry: OutboxRecord = {
      seq,
      group: gid,
      to,
      server: address.server,
      queueId: address.queueId,
      senderKey: address.senderKey,
      messageId: b64(this.env.randomBytes(16)),
      envelope: b64(envelope),
      contentId,
      createdMs: this.env.now(),
      attempts: 0,
      nextAttemptMs: 0,
    };
    const key = seqKey('out/', seq);
    this.outbox.set(key, entry);
    this.put(key, entry);
    this.put('seq', this.seq);
  }

  private park(gid: string, to: string, envelope: Uint8Array, contentId?: string): void {
    const seq = ++this.seq;
    const entry: ParkedRecord = {
      seq,
      group: gid,
      to,
      envelope: b64(envelope),
      contentId,
      createdMs: this.env.now(),
    };
    const key = seqKey('park/', seq);
    this.parked.set(key, entry);
    this.put(key, entry);
    this.put('seq', this.seq);
  }

  /** A member's queue became known: its parked envelopes join the outbox, in their order. */
  private releaseParked(gid: string, to: string): void {
    const address = this.groups.get(gid)?.members[to];
    if (!address) return;
    for (const [key, p] of this.parked) {
      if (p.group !== gid || p.to !== to) continue;
      this.parked.delete(key);
      this.put(key, undefined);
      this.enqueue(gid, to, address, unb64(p.envelope), p.contentId, p.seq);
    }
  }

  private removeOutbox(entry: OutboxRecord, outcome: 'server' | 'failed', error?: string): void {
    const key = seqKey('out/', entry.seq);
    this.outbox.delete(key);
    this.put(key, undefined);
    const record = entry.contentId ? this.sentLog.get(entry.contentId) : undefined;
    if (!record) return;
    if (outcome === 'failed') {
      record.state = 'failed';
      record.error = error;
    } else {
      record.pendingSends = Math.max(0, record.pendingSends - 1);
      if (record.pendingSends === 0 && record.state === 'queued') record.state = 'server';
    }
    this.put(`sent/${record.id}`, record);
  }

  private deferSends(entries: OutboxRecord[], reason: string): void {
    const now = this.env.now();
    for (const e of entries) {
      e.nextAttemptMs =
        now + backoffDelayMs(e.attempts, this.env, this.options.backoff ?? defaultBackoff);
      e.attempts++;
      e.lastError = reason;
      this.put(seqKey('out/', e.seq), e);
    }
  }

  /** max(now + offset, last + 1): every signed time is later than the one before. */
  private nextTime(): number {
    const t = Math.max(Math.round(this.env.now() + this.clock.offsetMs), this.clock.lastMs + 1);
    this.clock.lastMs = t;
    this.put('clock', this.clock);
    return t;
  }

  private adoptServerTime(serverMs: number): void {
    this.clock.offsetMs = serverMs - this.env.now();
    this.clock.lastMs = Math.max(this.clock.lastMs, serverMs);
    this.put('clock', this.clock);
  }

  private findChat(name: string): { group?: GroupRecord; contact?: ContactRecord } {
    for (const c of this.contactsById.values()) {
      if (c.name === name)
        return { contact: c, group: c.group ? this.groups.get(c.group) : undefined };
    }
    for (const g of this.groups.values())
      if (g.kind === 'family' && g.name === name) return { group: g };
    const known = this.contacts().map((c) => c.name);
    throw new Error(
      `no contact or group named "${name}"` + (known.length ? ` (known: ${known.join(', ')})` : ''),
    );
  }

  private checkNewName(name: string): void {
    if (name.trim() === '' || name.length > 64) {
      throw new RangeError(`name "${name}" must be 1 to 64 characters`);
    }
    const taken =
      [...this.contactsById.values()].some((c) => c.name === name) ||
      [...this.groups.values()].some((g) => g.kind === 'family' && g.name === name);
    if (taken) throw new Error(`the name "${name}" is already used; choose another`);
  }

  private freeName(base: string): string {
    for (let n = 1; ; n++) {
      const name = `${base}-${n}`;
      if (![...this.contactsById.values()].some((c) => c.name === name)) return name;
    }
  }

  private chatName(group: GroupRecord): string {
    if (group.kind === 'family') return group.name ?? `group-${group.id.slice(0, 6)}`;
    return (group.contact && this.contactsById.get(group.contact)?.name) ?? '?';
  }

  private nameOf(identity: string): string {
    if (identity === hex(this.identity.publicKey)) return 'me';
    for (const c of this.contactsById.values()) {
      if (c.identityKey && hex(unb64(c.identityKey)) === identity) return c.name;
    }
    return fingerprint(hexToBytes(identity)).slice(0, 11);
  }

  private describeContact(c: ContactRecord): Contact {
    return {
      name: c.name,
      state: c.state,
      fingerprint: c.identityKey ? fingerprint(unb64(c.identityKey)) : undefined,
      kind: 'contact',
      unread: [...this.inbox.values()].filter((r) => r.group === c.group && !r.shown).length,
    };
  }

  private describeGroup(g: GroupRecord): Contact {
    return {
      name: this.chatName(g),
      state: 'connected',
      kind: 'family',
      members: this.sessions.get(g.id)?.members().length,
      unread: [...this.inbox.values()].filter((r) => r.group === g.id && !r.shown).length,
    };
  }

  private describeReceived(r: InboxRecord): Message {
    const group = this.groups.get(r.group)!;
    return {
      id: hex(unb64(r.id)),
      chat: this.chatName(group),
      from: this.nameOf(r.from),
      text: r.text,
      sentMs: r.sentMs,
      serverMs: r.serverMs,
      receivedMs: r.receivedMs,
      seq: r.seq,
    };
  }

  private describeSent(s: SentRecord): Message {
    const group = this.groups.get(s.group);
    let chat = group ? this.chatName(group) : '';
    if (!group) {
      for (const c of this.contactsById.values()) {
        if (c.waiting.some((w) => w.contentId === s.id)) chat = c.name;
      }
    }
    return {
      id: hex(unb64(s.id)),
      chat,
      from: 'me',
      text: s.text,
      sentMs: s.sentMs,
      state: s.state,
    };
  }
}

function envelopeOf(mls: Uint8Array[]): Uint8Array {
  return toBinary(EnvelopeSchema, create(EnvelopeSchema, { mls }));
}

/** The group id (hex) in a PrivateMessage's cleartext header [RFC 9420 §6.3]. */
function groupIdOf(mls: Uint8Array): string | undefined {
  const m = decodeMlsMessage(mls, 0)?.[0];
  return m?.wireformat === 'mls_private_message' ? hex(m.privateMessage.groupId) : undefined;
}

function hexToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function checkServer(server: string): void {
  if (!/^https?:\/\/[^\s/?#]+/.test(server)) {
    throw new TypeError(`server "${server}" is not an http(s) URL, e.g. http://127.0.0.1:8080`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
