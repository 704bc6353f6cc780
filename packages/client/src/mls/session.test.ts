import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../bytes.ts';
import type { Identity } from '../identity.ts';
import {
  GroupSession,
  decodeKeyPackage,
  decodeWelcome,
  encodeKeyPackage,
  newKeyPackage,
  type Incoming,
} from './session.ts';
import { mlsSuite } from './suite.ts';

function identity(): Identity {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

// ts-mls checks KeyPackage lifetimes against the real clock, so the test uses it too.
const now = Date.now();

/** Bob creates a group and adds Alice through her KeyPackage, as accepting an invitation does. */
async function pair(): Promise<{ alice: GroupSession; bob: GroupSession }> {
  const cs = await mlsSuite();
  const aliceKp = await newKeyPackage(identity(), now, 86_400, cs);
  const wire = encodeKeyPackage(aliceKp.publicPackage);
  const bob = await GroupSession.create(new Uint8Array(8).fill(7), identity(), now, cs);
  const { welcome } = await bob.add([decodeKeyPackage(wire, 'test')], now);
  const alice = await GroupSession.join(decodeWelcome(welcome)!, aliceKp, cs);
  return { alice, bob };
}

function texts(results: Incoming[]): string[] {
  return results.flatMap((r) => (r.kind === 'application' ? [utf8.decode(r.data)] : []));
}

describe('GroupSession', () => {
  it('carries application messages both ways and names the sender leaf', async () => {
    const { alice, bob } = await pair();
    expect(alice.epoch).toBe(bob.epoch);
    const r1 = await alice.receive(await bob.encrypt(utf8.encode('안녕')));
    expect(r1).toEqual([{ kind: 'application', senderLeaf: 0, data: utf8.encode('안녕') }]);
    const r2 = await bob.receive(await alice.encrypt(utf8.encode('hi')));
    expect(r2[0]).toMatchObject({ kind: 'application', senderLeaf: 1 });
    expect(alice.members().map((m) => m.leaf)).toEqual([0, 1]);
  });

  it('survives encode/decode between messages', async () => {
    const cs = await mlsSuite();
    const { alice, bob } = await pair();
    const bob2 = GroupSession.decode(bob.encode(), cs);
    const alice2 = GroupSession.decode(alice.encode(), cs);
    expect(texts(await alice2.receive(await bob2.encrypt(utf8.encode('after restart'))))).toEqual([
      'after restart',
    ]);
  });

  it('opens a message sent in the previous epoch after a commit crossed it', async () => {
    const { alice, bob } = await pair();
    const old = await bob.encrypt(utf8.encode('old epoch'));
    const commit = await alice.selfUpdate(now);
    expect((await bob.receive(commit))[0]).toMatchObject({ kind: 'commit', committer: 1 });
    // Alice is already in the new epoch; Bob's message from the old one still opens.
    expect(texts(await alice.receive(old))).toEqual(['old epoch']);
    expect(alice.epoch).toBe(bob.epoch);
  });

  it('keeps a message from a later epoch until its commit arrives', async () => {
    const { alice, bob } = await pair();
    const commit = await bob.selfUpdate(now);
    const later = await bob.encrypt(utf8.encode('from the new epoch'));
    expect(await alice.receive(later)).toEqual([{ kind: 'pending' }]);
    const results = await alice.receive(commit);
    expect(results[0]!.kind).toBe('commit');
    expect(texts(results)).toEqual(['from the new epoch']);
  });

  it('resolves concurrent commits the same way on both sides and re-sends the loser’s messages', async () => {
    const { alice, bob } = await pair();
    // Both refresh their keys in the same epoch, then each writes a message on its own branch.
    const bobCommit = await bob.selfUpdate(now); // leaf 0: wins the tie
    const bobText = await bob.encrypt(utf8.encode('bob on the winning branch'));
    const aliceCommit = await alice.selfUpdate(now); // leaf 1: loses
    const aliceText = await alice.encrypt(utf8.encode('alice on the losing branch'));

    // Bob ignores the losing commit and keeps Alice's branch message for later.
    expect((await bob.receive(aliceCommit))[0]).toEqual({
      kind: 'dropped',
      reason: 'losing commit',
    });
    expect(await bob.receive(aliceText)).toEqual([{ kind: 'pending' }]);

    // Alice rolls back onto Bob's branch and gets her text back to send again.
    const results = await alice.receive(bobCommit);
    expect(results[0]).toMatchObject({ kind: 'rollback', committer: 0 });
    const resend = (results[0] as { resend: Uint8Array[] }).resend.map((b) => utf8.decode(b));
    expect(resend).toEqual(['alice on the losing branch']);
    expect(texts(await alice.receive(bobText))).toEqual(['bob on the winning branch']);
    expect(alice.epoch).toBe(bob.epoch);

    const again = await alice.encrypt(utf8.encode(resend[0]!));
    expect(texts(await bob.receive(again))).toEqual(['alice on the losing branch']);
    // Alice still owes a self-update, and may make it now that Bob has been heard from.
    expect(alice.wantsUpdate(now)).toBe(true);
  });
});
