/**
 * @module mls/session
 * One MLS group as seen by one member, over a dumb store-and-forward server (RFC 9420 through
 * ts-mls). It does no I/O: every method returns the bytes to send and the caller routes them.
 *
 * MLS expects a Delivery Service that orders commits [RFC 9420 §14]; our server only keeps queues,
 * so two members may commit in the same epoch and fork the group. The session resolves such forks
 * the same way on every member: **the commit from the lower leaf index wins**. It keeps the state
 * from before the last commit (`prev`) until every other member has been heard from in the new
 * epoch; a member whose branch lost rolls back, applies the winning commit and re-encrypts the
 * messages it had sent on the losing branch (returned as `resend`; their inner ids keep the
 * recipients from showing them twice). Messages that cannot be opened yet — from a later epoch,
 * or from the winning branch before its commit arrived — wait in `pending` and are retried after
 * the next epoch change.
 */
import {
  createApplicationMessage,
  createCommit,
  createGroup,
  decodeGroupState,
  decodeMlsMessage,
  emptyPskIndex,
  encodeGroupState,
  encodeMlsMessage,
  generateKeyPackageWithKey,
  joinGroup,
  processPrivateMessage,
  zeroOutUint8Array,
  type CiphersuiteImpl,
  type ClientState,
  type KeyPackage,
  type PrivateKeyPackage,
  type PrivateMessage,
  type Proposal,
  type Welcome,
} from 'ts-mls';
import { makeKeyPackageRef } from 'ts-mls/keyPackage.js';
import { unprotectPrivateMessage } from 'ts-mls/messageProtection.js';
import { bytesEqual, fromBase64Url, toBase64Url } from '../bytes.ts';
import type { Identity } from '../identity.ts';
import { anonymousCredential, capabilities, clientConfig } from './suite.ts';

export interface KeyPackageBundle {
  publicPackage: KeyPackage;
  privatePackage: PrivateKeyPackage;
}

/**
 * A fresh KeyPackage signed with the account's identity key [RFC 9420 §10], valid from now for
 * `lifetimeS` seconds. Its private half must be kept until the Welcome that uses it arrives.
 */
export async function newKeyPackage(
  identity: Identity,
  nowMs: number,
  lifetimeS: number,
  cs: CiphersuiteImpl,
): Promise<KeyPackageBundle> {
  const nowS = BigInt(Math.floor(nowMs / 1000));
  return generateKeyPackageWithKey(
    anonymousCredential,
    capabilities,
    { notBefore: nowS - 86_400n, notAfter: nowS + BigInt(lifetimeS) },
    [],
    { signKey: identity.secretKey, publicKey: identity.publicKey },
    cs,
  );
}

/** The MLSMessage bytes of a KeyPackage, as they travel in links and Hello messages. */
export function encodeKeyPackage(kp: KeyPackage): Uint8Array {
  return encodeMlsMessage({ version: 'mls10', wireformat: 'mls_key_package', keyPackage: kp });
}

/** @throws TypeError naming `what` when the bytes are not an MLS KeyPackage. */
export function decodeKeyPackage(bytes: Uint8Array, what: string): KeyPackage {
  const m = decodeMlsMessage(bytes, 0)?.[0];
  if (m?.wireformat !== 'mls_key_package') throw new TypeError(`${what}: not an MLS KeyPackage`);
  return m.keyPackage;
}

/** The KeyPackage reference a Welcome names its new members by [RFC 9420 §5.2]. */
export function keyPackageRef(kp: KeyPackage, cs: CiphersuiteImpl): Promise<Uint8Array> {
  return makeKeyPackageRef(kp, cs.hash);
}

/** Serialises a KeyPackage's private half for the store. */
export function encodePrivatePackage(p: PrivateKeyPackage): string {
  return [p.initPrivateKey, p.hpkePrivateKey, p.signaturePrivateKey].map(toBase64Url).join('.');
}

export function decodePrivatePackage(text: string): PrivateKeyPackage {
  const [init, hpke, sig] = text.split('.').map((t) => fromBase64Url(t, 'private key package'));
  if (!init || !hpke || !sig) throw new TypeError('private key package: expected three keys');
  return { initPrivateKey: init, hpkePrivateKey: hpke, signaturePrivateKey: sig };
}

/** What the MLS layer made of one incoming message. */
export type Incoming =
  | { kind: 'application'; senderLeaf: number; data: Uint8Array }
  /** A commit was applied: membership or keys changed. */
  | { kind: 'commit'; epoch: bigint; committer: number }
  /** Our branch lost a fork: these plaintexts we had sent must be encrypted and sent again. */
  | { kind: 'rollback'; epoch: bigint; committer: number; resend: Uint8Array[] }
  /** Kept to retry after the next epoch change. */
  | { kind: 'pending' }
  | { kind: 'dropped'; reason: string };

/** The Welcome inside MLSMessage bytes, or undefined. */
export function decodeWelcome(bytes: Uint8Array): Welcome | undefined {
  const m = decodeMlsMessage(bytes, 0)?.[0];
  return m?.wireformat === 'mls_welcome' ? m.welcome : undefined;
}

export interface Member {
  leaf: number;
  /** The member's Ed25519 identity (its leaf's MLS signature key). */
  identityKey: Uint8Array;
}

interface Bookkeeping {
  /** Encoded state before the commit that made the current epoch, while a fork is still possible. */
  prev?: { state: Uint8Array; committer: number };
  /** Leaves heard from in the current epoch (once all are, the epoch can no longer fork). */
  heard: number[];
  /** Plaintexts we sent in the current epoch, to re-send if its branch loses. */
  sent: Uint8Array[];
  /** MLSMessages that could not be opened yet. */
  pending: Uint8Array[];
  /** Application messages sent since our last own commit, and when that was (ms). */
  sentSinceCommit: number;
  lastCommitMs: number;
}

const maxPending = 200;

export class GroupSession {
  private constructor(
    private state: ClientState,
    private book: Bookkeeping,
    private readonly cs: CiphersuiteImpl,
  ) {}

  /** A new group with only us in it (leaf 0). */
  static async create(
    groupId: Uint8Array,
    identity: Identity,
    nowMs: number,
    cs: CiphersuiteImpl,
  ): Promise<GroupSession> {
    const own = await newKeyPackage(identity, nowMs, 3600, cs);
    const state = await createGroup(
      groupId,
      own.publicPackage,
      own.privatePackage,
      [],
      cs,
      clientConfig,
    );
    return new GroupSession(state, emptyBook(nowMs), cs);
  }

  /** Joins through a Welcome addressed to `bundle` (whose keys are then spent). */
  static async join(
    welcome: Welcome,
    bundle: KeyPackageBundle,
    cs: CiphersuiteImpl,
  ): Promise<GroupSession> {
    const state = await joinGroup(
      welcome,
      bundle.publicPackage,
      bundle.privatePackage,
      emptyPskIndex,
      cs,
      undefined,
      undefined,
      clientConfig,
    );
    // lastCommitMs 0: a joiner's leaf keys came from a KeyPackage that may have waited for days,
    // so its first send starts with a self-update (post-compromise security from the start).
    return new GroupSession(state, emptyBook(0), cs);
  }

  static decode(bytes: Uint8Array, cs: CiphersuiteImpl): GroupSession {
    const text = new TextDecoder().decode(bytes);
    const json = JSON.parse(text) as {
      state: string;
      prev?: { state: string; committer: number };
      heard: number[];
      sent: string[];
      pending: string[];
      sentSinceCommit: number;
      lastCommitMs: number;
    };
    return new GroupSession(
      decodeState(fromBase64Url(json.state, 'group state')),
      {
        prev: json.prev && {
          state: fromBase64Url(json.prev.state, 'group state'),
          committer: json.prev.committer,
        },
        heard: json.heard,
        sent: json.sent.map((s) => fromBase64Url(s)),
        pending: json.pending.map((s) => fromBase64Url(s)),
        sentSinceCommit: json.sentSinceCommit,
        lastCommitMs: json.lastCommitMs,
      },
      cs,
    );
  }

  encode(): Uint8Array {
    const b = this.book;
    return new TextEncoder().encode(
      JSON.stringify({
        state: toBase64Url(encodeGroupState(this.state)),
        prev: b.prev && { state: toBase64Url(b.prev.state), committer: b.prev.committer },
        heard: b.heard,
        sent: b.sent.map(toBase64Url),
        pending: b.pending.map(toBase64Url),
        sentSinceCommit: b.sentSinceCommit,
        lastCommitMs: b.lastCommitMs,
      }),
    );
  }

  get groupId(): Uint8Array {
    return this.state.groupContext.groupId;
  }

  get epoch(): bigint {
    return this.state.groupContext.epoch;
  }

  get ownLeaf(): number {
    return this.state.privatePath.leafIndex;
  }

  /** Everyone in the group, us included. */
  members(): Member[] {
    const out: Member[] = [];
    this.state.ratchetTree.forEach((node, index) => {
      if (node?.nodeType === 'leaf') {
        out.push({ leaf: index / 2, identityKey: node.leaf.signaturePublicKey });
      }
    });
    return out;
  }

  /**
   * True when our policy asks for a self-update before the next send: after `everyMessages` sent
   * or `everyMs` since our last commit. Never while the current epoch could still fork (someone
   * has not spoken in it yet): a second commit on top would leave a fork the others cannot undo.
   */
  wantsUpdate(nowMs: number, everyMessages = 50, everyMs = 7 * 86_400_000): boolean {
    if (this.members().length < 2 || this.book.prev) return false;
    return this.book.sentSinceCommit >= everyMessages || nowMs - this.book.lastCommitMs >= everyMs;
  }

  /**
   * Adds members by their KeyPackages. Returns the commit for the members already in the group
   * (other than us) and the Welcome for the new ones.
   */
  async add(
    keyPackages: KeyPackage[],
    nowMs: number,
  ): Promise<{ commit: Uint8Array; welcome: Uint8Array }> {
    const result = await this.commit(
      keyPackages.map((keyPackage) => ({ proposalType: 'add' as const, add: { keyPackage } })),
      nowMs,
    );
    if (!result.welcome) throw new Error('MLS add produced no Welcome');
    return result as { commit: Uint8Array; welcome: Uint8Array };
  }

  /** An empty commit with a fresh path: new leaf keys for us, new epoch secrets for all. */
  async selfUpdate(nowMs: number): Promise<Uint8Array> {
    return (await this.commit([], nowMs)).commit;
  }

  private async commit(
    proposals: Proposal[],
    nowMs: number,
  ): Promise<{ commit: Uint8Array; welcome?: Uint8Array }> {
    const before = encodeGroupState(this.state);
    const result = await createCommit(
      { state: this.state, cipherSuite: this.cs },
      { extraProposals: proposals, ratchetTreeExtension: true },
    );
    this.enterEpoch(result.newState, { state: before, committer: this.ownLeaf });
    this.book.sentSinceCommit = 0;
    this.book.lastCommitMs = nowMs;
    result.consumed.forEach(zeroOutUint8Array);
    return {
      commit: encodeMlsMessage(result.commit),
      welcome: result.welcome
        ? encodeMlsMessage({ version: 'mls10', wireformat: 'mls_welcome', welcome: result.welcome })
        : undefined,
    };
  }

  /** Encrypts application data for the group (one MLS PrivateMessage). */
  async encrypt(plaintext: Uint8Array): Promise<Uint8Array> {
    const result = await createApplicationMessage(this.state, plaintext, this.cs);
    this.state = result.newState;
    result.consumed.forEach(zeroOutUint8Array);
    this.book.sent.push(plaintext);
    this.book.sentSinceCommit++;
    return encodeMlsMessage({
      version: 'mls10',
      wireformat: 'mls_private_message',
      privateMessage: result.privateMessage,
    });
  }

  /**
   * Processes one incoming MLSMessage. Returns what happened, followed by the results of any
   * pending messages that could be opened after an epoch change.
   */
  async receive(bytes: Uint8Array): Promise<Incoming[]> {
    const first = await this.receiveOne(bytes, true);
    const out = [first];
    if (first.kind === 'commit' || first.kind === 'rollback') out.push(...(await this.retry()));
    return out;
  }

  private async retry(): Promise<Incoming[]> {
    const out: Incoming[] = [];
    for (let progress = true; progress;) {
      progress = false;
      const waiting = this.book.pending;
      this.book.pending = [];
      for (const bytes of waiting) {
        const r = await this.receiveOne(bytes, false);
        if (r.kind === 'pending') this.book.pending.push(bytes);
        else out.push(r);
        if (r.kind === 'commit' || r.kind === 'rollback') progress = true;
      }
    }
    return out;
  }

  private async receiveOne(bytes: Uint8Array, firstTry: boolean): Promise<Incoming> {
    const message = decodeMlsMessage(bytes, 0)?.[0];
    if (message?.wireformat !== 'mls_private_message') {
      return { kind: 'dropped', reason: `unexpected ${message?.wireformat ?? 'undecodable'}` };
    }
    const pm = message.privateMessage;
    if (!bytesEqual(pm.groupId, this.groupId)) return { kind: 'dropped', reason: 'other group' };
    const epoch = this.epoch;
    if (pm.epoch > epoch) return this.keep(bytes, firstTry);
    if (pm.contentType === 'application') {
      try {
        return await this.openApplication(pm);
      } catch {
        // A message from a branch we have not (yet) switched to, or a replay of a spent key.
        return pm.epoch === epoch ? this.keep(bytes, firstTry) : dropped('cannot decrypt');
      }
    }
    if (pm.contentType !== 'commit') return dropped('proposals are not used');
    if (pm.epoch === epoch) {
      const committer = await this.senderOf(pm, this.state).catch(() => undefined);
      if (committer === undefined) return this.keep(bytes, firstTry);
      const before = encodeGroupState(this.state);
      const result = await processPrivateMessage(this.state, pm, emptyPskIndex, this.cs);
      if (result.kind !== 'newState') return dropped('commit did not change the state');
      this.enterEpoch(result.newState, { state: before, committer });
      result.consumed.forEach(zeroOutUint8Array);
      return { kind: 'commit', epoch: this.epoch, committer };
    }
    // A commit for the epoch before ours: it competes with the commit that made our epoch. The
    // branch with more members wins (an add beats a self-update, so no Welcome is orphaned by a
    // key refresh), then the lower committer leaf. Every member computes the same answer.
    const prev = this.book.prev;
    if (pm.epoch !== epoch - 1n || !prev) return dropped('stale commit');
    const base = decodeState(prev.state);
    const committer = await this.senderOf(pm, base).catch(() => undefined);
    if (committer === undefined || committer === prev.committer) return dropped('stale commit');
    const result = await processPrivateMessage(base, pm, emptyPskIndex, this.cs);
    if (result.kind !== 'newState') return dropped('commit did not change the state');
    const theirs = countMembers(result.newState);
    const ours = countMembers(this.state);
    if (theirs < ours || (theirs === ours && committer > prev.committer)) {
      return dropped('losing commit');
    }
    const resend = this.book.sent;
    // If our own commit lost, the self-update is still owed.
    if (prev.committer === this.ownLeaf) this.book.lastCommitMs = 0;
    this.enterEpoch(result.newState, { state: prev.state, committer });
    result.consumed.forEach(zeroOutUint8Array);
    return { kind: 'rollback', epoch: this.epoch, committer, resend };
  }

  private keep(bytes: Uint8Array, firstTry: boolean): Incoming {
    if (!firstTry) return { kind: 'pending' };
    if (this.book.pending.length >= maxPending) return dropped('too many pending messages');
    this.book.pending.push(bytes);
    return { kind: 'pending' };
  }

  /**
   * Opens an application message and names its sender. ts-mls 1.6 does not return the sender
   * leaf from processPrivateMessage (added upstream in ts-mls PR #582), so this mirrors its
   * application branch with the library's own unprotectPrivateMessage, which checks the
   * signature against the sender's leaf.
   */
  private async openApplication(pm: PrivateMessage): Promise<Incoming> {
    const s = this.state;
    if (pm.epoch < s.groupContext.epoch) {
      const old = s.historicalReceiverData.get(pm.epoch);
      if (!old) return dropped('epoch too old');
      const r = await unprotectPrivateMessage(
        old.senderDataSecret,
        pm,
        old.secretTree,
        old.ratchetTree,
        old.groupContext,
        s.clientConfig.keyRetentionConfig,
        this.cs,
      );
      if (r.content.content.contentType !== 'application') return dropped('not application');
      const history = new Map(s.historicalReceiverData);
      history.set(pm.epoch, { ...old, secretTree: r.tree });
      this.state = { ...s, historicalReceiverData: history };
      r.consumed.forEach(zeroOutUint8Array);
      return this.application(r.content.content.sender, r.content.content.applicationData, false);
    }
    const r = await unprotectPrivateMessage(
      s.keySchedule.senderDataSecret,
      pm,
      s.secretTree,
      s.ratchetTree,
      s.groupContext,
      s.clientConfig.keyRetentionConfig,
      this.cs,
    );
    if (r.content.content.contentType !== 'application') return dropped('not application');
    this.state = { ...s, secretTree: r.tree };
    r.consumed.forEach(zeroOutUint8Array);
    return this.application(r.content.content.sender, r.content.content.applicationData, true);
  }

  private application(
    sender: { senderType: string; leafIndex?: number },
    data: Uint8Array,
    currentEpoch: boolean,
  ): Incoming {
    if (sender.senderType !== 'member' || sender.leafIndex === undefined) {
      return dropped('application data from a non-member');
    }
    if (currentEpoch) this.hear(sender.leafIndex);
    return { kind: 'application', senderLeaf: sender.leafIndex, data };
  }

  /** The leaf that sent a commit, read from its sender data under `state`'s epoch secrets. */
  private async senderOf(pm: PrivateMessage, state: ClientState): Promise<number> {
    const r = await unprotectPrivateMessage(
      state.keySchedule.senderDataSecret,
      pm,
      state.secretTree,
      state.ratchetTree,
      state.groupContext,
      state.clientConfig.keyRetentionConfig,
      this.cs,
    );
    const sender = r.content.content.sender;
    if (sender.senderType !== 'member') throw new Error('commit from a non-member');
    return sender.leafIndex;
  }

  private enterEpoch(next: ClientState, prev: { state: Uint8Array; committer: number }): void {
    this.state = next;
    this.book.prev = prev;
    this.book.heard = [];
    this.book.sent = [];
    this.hear(prev.committer);
  }

  /** Once every other member has spoken in this epoch, no competing commit can win: forget. */
  private hear(leaf: number): void {
    if (!this.book.heard.includes(leaf)) this.book.heard.push(leaf);
    const others = this.members().filter((m) => m.leaf !== this.ownLeaf);
    if (others.every((m) => this.book.heard.includes(m.leaf))) {
      this.book.prev = undefined;
      this.book.sent = [];
    }
  }
}

function emptyBook(lastCommitMs: number): Bookkeeping {
  return { heard: [], sent: [], pending: [], sentSinceCommit: 0, lastCommitMs };
}

function dropped(reason: string): Incoming {
  return { kind: 'dropped', reason };
}

function countMembers(state: ClientState): number {
  return state.ratchetTree.filter((n) => n?.nodeType === 'leaf').length;
}

function decodeState(bytes: Uint8Array): ClientState {
  const decoded = decodeGroupState(bytes, 0)?.[0];
  if (!decoded) throw new TypeError('group state: cannot decode');
  return { ...decoded, clientConfig };
}
