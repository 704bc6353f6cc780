/**
 * An interop-style self-check of ts-mls's RFC 9420 behaviour for the configuration we ship, run on
 * every test run (the working group's vectors need a download: see mls-wg-vectors.test.ts).
 *
 * - Two implementations of the primitives talk to each other: a member on our portable provider
 *   (pure JS: noble X25519 in hpke-js, noble Ed25519) and one on ts-mls's WebCrypto provider
 *   (Node's native X25519, Ed25519, AES-GCM, SHA-256). Any disagreement in HPKE, signatures, key
 *   schedule or framing breaks the conversation.
 * - The portable provider works where WebCrypto lacks X25519 and Ed25519 (old Android WebViews).
 * - Both compute the same epoch authenticator and exporter secret [RFC 9420 §8.5, §8.7].
 * - Forward secrecy [§16.5]: a message cannot be opened twice — its key is deleted once used.
 * - Post-compromise security [§16.6]: a snapshot of a member's state stops opening messages once
 *   that member has committed a fresh path.
 * - Integrity: a flipped bit in a PrivateMessage is refused [§6.3.1]; so is a message from a
 *   different group.
 * - The TLS encodings round-trip to identical bytes [§6].
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  createApplicationMessage,
  createCommit,
  createGroup,
  decodeGroupState,
  decodeMlsMessage,
  defaultCryptoProvider,
  emptyPskIndex,
  encodeGroupState,
  encodeMlsMessage,
  generateKeyPackageWithKey,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  joinGroup,
  mlsExporter,
  processPrivateMessage,
  type CiphersuiteImpl,
  type ClientState,
  type CryptoProvider,
} from 'ts-mls';
import { toHex } from '../src/bytes.ts';
import { portableCryptoProvider } from '../src/mls/provider.ts';
import {
  anonymousCredential,
  capabilities,
  cipherSuiteName,
  clientConfig,
} from '../src/mls/suite.ts';

async function impl(provider: CryptoProvider): Promise<CiphersuiteImpl> {
  return getCiphersuiteImpl(getCiphersuiteFromName(cipherSuiteName), provider);
}

function signer() {
  const signKey = ed25519.utils.randomSecretKey();
  return { signKey, publicKey: ed25519.getPublicKey(signKey) };
}

const lifetime = () => {
  const now = BigInt(Math.floor(Date.now() / 1000));
  return { notBefore: now - 60n, notAfter: now + 3600n };
};

/** Alice (noble) makes a group and adds Bob (WebCrypto) through his KeyPackage, as bytes. */
async function mixedPair() {
  const noble = await impl(portableCryptoProvider);
  const web = await impl(defaultCryptoProvider);
  const alice = await generateKeyPackageWithKey(
    anonymousCredential,
    capabilities,
    lifetime(),
    [],
    signer(),
    noble,
  );
  const bob = await generateKeyPackageWithKey(
    anonymousCredential,
    capabilities,
    lifetime(),
    [],
    signer(),
    web,
  );
  const bobKpBytes = encodeMlsMessage({
    version: 'mls10',
    wireformat: 'mls_key_package',
    keyPackage: bob.publicPackage,
  });
  const decodedKp = decodeMlsMessage(bobKpBytes, 0)![0];
  if (decodedKp.wireformat !== 'mls_key_package') throw new Error('not a key package');
  expect(toHex(encodeMlsMessage(decodedKp))).toBe(toHex(bobKpBytes));
  let a = await createGroup(
    new Uint8Array([1, 2, 3, 4]),
    alice.publicPackage,
    alice.privatePackage,
    [],
    noble,
    clientConfig,
  );
  const add = await createCommit(
    { state: a, cipherSuite: noble },
    {
      extraProposals: [{ proposalType: 'add', add: { keyPackage: decodedKp.keyPackage } }],
      ratchetTreeExtension: true,
    },
  );
  a = add.newState;
  const welcomeBytes = encodeMlsMessage({
    version: 'mls10',
    wireformat: 'mls_welcome',
    welcome: add.welcome!,
  });
  const w = decodeMlsMessage(welcomeBytes, 0)![0];
  if (w.wireformat !== 'mls_welcome') throw new Error('not a welcome');
  expect(toHex(encodeMlsMessage(w))).toBe(toHex(welcomeBytes));
  const b = await joinGroup(
    w.welcome,
    bob.publicPackage,
    bob.privatePackage,
    emptyPskIndex,
    web,
    undefined,
    undefined,
    clientConfig,
  );
  return { a, b, noble, web };
}

async function send(from: ClientState, text: string, cs: CiphersuiteImpl) {
  const r = await createApplicationMessage(from, new TextEncoder().encode(text), cs);
  const bytes = encodeMlsMessage({
    version: 'mls10',
    wireformat: 'mls_private_message',
    privateMessage: r.privateMessage,
  });
  return { state: r.newState, bytes };
}

async function open(to: ClientState, bytes: Uint8Array, cs: CiphersuiteImpl) {
  const m = decodeMlsMessage(bytes, 0)![0];
  if (m.wireformat !== 'mls_private_message') throw new Error('not a private message');
  const r = await processPrivateMessage(to, m.privateMessage, emptyPskIndex, cs);
  return {
    state: r.newState,
    text: r.kind === 'applicationMessage' ? new TextDecoder().decode(r.message) : undefined,
  };
}

describe('RFC 9420 self-check (ts-mls, suite 1)', () => {
  it('noble and WebCrypto members agree on everything and talk both ways', async () => {
    const pair = await mixedPair();
    const { noble, web } = pair;
    let { a, b } = pair;
    expect(toHex(a.keySchedule.epochAuthenticator)).toBe(toHex(b.keySchedule.epochAuthenticator));
    const ctx = new TextEncoder().encode('tongilnet');
    expect(toHex(await mlsExporter(a.keySchedule.exporterSecret, 'check', ctx, 32, noble))).toBe(
      toHex(await mlsExporter(b.keySchedule.exporterSecret, 'check', ctx, 32, web)),
    );
    const m1 = await send(a, '안녕', noble);
    a = m1.state;
    const r1 = await open(b, m1.bytes, web);
    b = r1.state;
    expect(r1.text).toBe('안녕');
    const m2 = await send(b, 'hello', web);
    b = m2.state;
    expect((await open(a, m2.bytes, noble)).text).toBe('hello');
    // A commit from the WebCrypto member, processed by the noble one.
    const c = await createCommit({ state: b, cipherSuite: web }, {});
    const cm = decodeMlsMessage(encodeMlsMessage(c.commit), 0)![0];
    if (cm.wireformat !== 'mls_private_message') throw new Error('commit not private');
    const after = await processPrivateMessage(a, cm.privateMessage, emptyPskIndex, noble);
    expect(toHex(after.newState.keySchedule.epochAuthenticator)).toBe(
      toHex(c.newState.keySchedule.epochAuthenticator),
    );
  });

  it('works where WebCrypto has no X25519 or Ed25519, as in an old Android WebView', async () => {
    // The two entry points through which ts-mls and @hpke/core reach X25519 and Ed25519.
    type Entry = (...args: unknown[]) => Promise<unknown>;
    const subtle = globalThis.crypto.subtle as unknown as { importKey: Entry; generateKey: Entry };
    const missing = (alg: unknown) => {
      const name = typeof alg === 'string' ? alg : (alg as { name?: string } | null)?.name;
      return name === 'X25519' || name === 'Ed25519';
    };
    const originals = {
      importKey: subtle.importKey.bind(subtle),
      generateKey: subtle.generateKey.bind(subtle),
    };
    const refuse = () => Promise.reject(new DOMException('Unrecognized name', 'NotSupportedError'));
    subtle.importKey = (...args) => (missing(args[2]) ? refuse() : originals.importKey(...args));
    subtle.generateKey = (...args) =>
      missing(args[0]) ? refuse() : originals.generateKey(...args);
    try {
      // ts-mls's stock WebCrypto provider fails here…
      const web = await impl(defaultCryptoProvider);
      await expect(web.signature.sign(signer().signKey, new Uint8Array(1))).rejects.toThrow();
      // …ours does not: a whole group, Welcome and messages, without those algorithms.
      const cs = await impl(portableCryptoProvider);
      const a = await generateKeyPackageWithKey(
        anonymousCredential,
        capabilities,
        lifetime(),
        [],
        signer(),
        cs,
      );
      const b = await generateKeyPackageWithKey(
        anonymousCredential,
        capabilities,
        lifetime(),
        [],
        signer(),
        cs,
      );
      const g = await createGroup(
        new Uint8Array([9]),
        a.publicPackage,
        a.privatePackage,
        [],
        cs,
        clientConfig,
      );
      const add = await createCommit(
        { state: g, cipherSuite: cs },
        {
          extraProposals: [{ proposalType: 'add', add: { keyPackage: b.publicPackage } }],
          ratchetTreeExtension: true,
        },
      );
      const joined = await joinGroup(
        add.welcome!,
        b.publicPackage,
        b.privatePackage,
        emptyPskIndex,
        cs,
        undefined,
        undefined,
        clientConfig,
      );
      const m = await send(add.newState, '구형 전화', cs);
      expect((await open(joined, m.bytes, cs)).text).toBe('구형 전화');
    } finally {
      subtle.importKey = originals.importKey;
      subtle.generateKey = originals.generateKey;
    }
  });

  it('forward secrecy: a message opens once; its key is gone afterwards', async () => {
    const { a, b, noble, web } = await mixedPair();
    const m = await send(a, 'once', noble);
    const first = await open(b, m.bytes, web);
    expect(first.text).toBe('once');
    await expect(open(first.state, m.bytes, web)).rejects.toThrow();
  });

  it('post-compromise security: a stolen state stops working after the victim commits', async () => {
    const pair = await mixedPair();
    const { noble, web } = pair;
    let { a, b } = pair;
    // An attacker copies Bob's whole state (keys included).
    const stolen = { ...decodeGroupState(encodeGroupState(b), 0)![0], clientConfig } as ClientState;
    const before = await send(a, 'seen by the thief', noble);
    a = before.state;
    expect((await open(stolen, before.bytes, web)).text).toBe('seen by the thief');
    // Bob heals: a commit with a fresh path; Alice processes it.
    const heal = await createCommit({ state: b, cipherSuite: web }, {});
    b = heal.newState;
    const cm = decodeMlsMessage(encodeMlsMessage(heal.commit), 0)![0];
    if (cm.wireformat !== 'mls_private_message') throw new Error('commit not private');
    a = (await processPrivateMessage(a, cm.privateMessage, emptyPskIndex, noble)).newState;
    const after = await send(a, 'not for the thief', noble);
    expect((await open(b, after.bytes, web)).text).toBe('not for the thief');
    await expect(open(stolen, after.bytes, web)).rejects.toThrow();
  });

  it('integrity: a flipped bit or another group’s message is refused', async () => {
    const { a, b, noble, web } = await mixedPair();
    const m = await send(a, 'intact', noble);
    const tampered = m.bytes.slice();
    tampered[tampered.length - 5]! ^= 0x01;
    await expect(open(b, tampered, web)).rejects.toThrow();
    const other = await mixedPair();
    const foreign = await send(other.a, 'elsewhere', other.noble);
    await expect(open(b, foreign.bytes, web)).rejects.toThrow();
    expect((await open(b, m.bytes, web)).text).toBe('intact');
  });
});
