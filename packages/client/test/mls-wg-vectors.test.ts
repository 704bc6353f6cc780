/**
 * ts-mls against the MLS working group's published test vectors (mlswg/mls-implementations,
 * `test-vectors/*.json`, format in its test-vectors.md).
 *
 * The vectors are not in the ts-mls npm package (it ships `dist/src` only) and this machine reaches
 * nothing but the npm registry, so they are not committed here either (their repository carries no
 * licence file). Point MLS_TEST_VECTORS at a directory holding any of
 *   crypto-basics.json, passive-client-welcome.json, passive-client-handling-commit.json,
 *   passive-client-random.json
 * to run them (e.g. a checkout of mls-implementations/test-vectors). Without it the suite is
 * skipped and says so; test/rfc9420-self-check.test.ts always runs.
 *
 * Checked as the format document prescribes:
 * - crypto-basics: RefHash, ExpandWithLabel, DeriveSecret, DeriveTreeSecret, VerifyWithLabel of
 *   the given and of a fresh signature, DecryptWithLabel of the given and of a fresh ciphertext;
 * - passive-client-*: join with the Welcome (external PSKs supplied), compare the epoch
 *   authenticator, then apply each epoch's proposals and commit and compare again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acceptAll,
  ciphersuites,
  decodeMlsMessage,
  getCiphersuiteImpl,
  joinGroup,
  makePskIndex,
  processMessage,
  type CiphersuiteImpl,
  type CiphersuiteName,
  type ClientState,
} from 'ts-mls';
import { deriveSecret, deriveTreeSecret, expandWithLabel } from 'ts-mls/crypto/kdf.js';
import { refhash } from 'ts-mls/crypto/hash.js';
import { decryptWithLabel, encryptWithLabel } from 'ts-mls/crypto/hpke.js';
import { signWithLabel, verifyWithLabel } from 'ts-mls/crypto/signature.js';
import { bytesToBase64 } from 'ts-mls';
import { fromHex, toHex } from '../src/bytes.ts';
import { portableCryptoProvider } from '../src/mls/provider.ts';

const dir = process.env.MLS_TEST_VECTORS;
const file = (name: string) => (dir ? join(dir, name) : '');
const has = (name: string) => Boolean(dir) && existsSync(file(name));
const load = <T>(name: string) => JSON.parse(readFileSync(file(name), 'utf8')) as T[];

/**
 * The suite implementation on the provider we ship, or undefined when it needs an optional package
 * we do not ship.
 */
async function suite(id: number): Promise<CiphersuiteImpl | undefined> {
  const name = (Object.entries(ciphersuites) as Array<[CiphersuiteName, number]>).find(
    ([, v]) => v === id,
  )?.[0];
  if (!name) return undefined;
  try {
    const { getCiphersuiteFromName } = await import('ts-mls');
    return await getCiphersuiteImpl(getCiphersuiteFromName(name), portableCryptoProvider);
  } catch {
    return undefined;
  }
}

const hex = (s: string) => fromHex(s, 'vector');
const utf8 = (s: string) => new TextEncoder().encode(s);

interface CryptoBasics {
  cipher_suite: number;
  ref_hash: { label: string; value: string; out: string };
  expand_with_label: {
    secret: string;
    label: string;
    context: string;
    length: number;
    out: string;
  };
  derive_secret: { secret: string; label: string; out: string };
  derive_tree_secret: {
    secret: string;
    label: string;
    generation: number;
    length: number;
    out: string;
  };
  sign_with_label: { priv: string; pub: string; content: string; label: string; signature: string };
  encrypt_with_label: {
    priv: string;
    pub: string;
    label: string;
    context: string;
    plaintext: string;
    kem_output: string;
    ciphertext: string;
  };
}

/** RFC 9420 §5.1.3 / §5.1.2: the vectors give keys in their TLS form (a length byte first). */
function unprefixed(bytes: Uint8Array): Uint8Array {
  return bytes[0] === bytes.length - 1 ? bytes.subarray(1) : bytes;
}

describe.skipIf(!has('crypto-basics.json'))('MLS WG vectors: crypto-basics', () => {
  it('matches every cipher suite ts-mls can run here', async () => {
    let checked = 0;
    for (const v of load<CryptoBasics>('crypto-basics.json')) {
      const cs = await suite(v.cipher_suite);
      if (!cs) continue;
      checked++;
      const at = `suite ${v.cipher_suite}`;
      const r = v.ref_hash;
      expect(toHex(await refhash(r.label, hex(r.value), cs.hash)), `${at} ref_hash`).toBe(r.out);
      const e = v.expand_with_label;
      expect(
        toHex(await expandWithLabel(hex(e.secret), e.label, hex(e.context), e.length, cs.kdf)),
        `${at} expand_with_label`,
      ).toBe(e.out);
      const d = v.derive_secret;
      expect(toHex(await deriveSecret(hex(d.secret), d.label, cs.kdf)), `${at} derive_secret`).toBe(
        d.out,
      );
      const t = v.derive_tree_secret;
      expect(
        toHex(await deriveTreeSecret(hex(t.secret), t.label, t.generation, t.length, cs.kdf)),
        `${at} derive_tree_secret`,
      ).toBe(t.out);
      const s = v.sign_with_label;
      const pub = unprefixed(hex(s.pub));
      const priv = unprefixed(hex(s.priv));
      expect(
        await verifyWithLabel(pub, s.label, hex(s.content), hex(s.signature), cs.signature),
        `${at} verify given signature`,
      ).toBe(true);
      const fresh = await signWithLabel(priv, s.label, hex(s.content), cs.signature);
      expect(await verifyWithLabel(pub, s.label, hex(s.content), fresh, cs.signature)).toBe(true);
      const x = v.encrypt_with_label;
      const privateKey = await cs.hpke.importPrivateKey(unprefixed(hex(x.priv)));
      const publicKey = await cs.hpke.importPublicKey(unprefixed(hex(x.pub)));
      expect(
        toHex(
          await decryptWithLabel(
            privateKey,
            x.label,
            hex(x.context),
            hex(x.kem_output),
            hex(x.ciphertext),
            cs.hpke,
          ),
        ),
        `${at} decrypt_with_label`,
      ).toBe(x.plaintext);
      const mine = await encryptWithLabel(
        publicKey,
        x.label,
        hex(x.context),
        hex(x.plaintext),
        cs.hpke,
      );
      expect(
        toHex(
          await decryptWithLabel(privateKey, x.label, hex(x.context), mine.enc, mine.ct, cs.hpke),
        ),
      ).toBe(x.plaintext);
    }
    expect(checked).toBeGreaterThan(0);
  });
});

interface PassiveClient {
  cipher_suite: number;
  external_psks: Array<{ psk_id: string; psk: string }>;
  key_package: string;
  signature_priv: string;
  encryption_priv: string;
  init_priv: string;
  welcome: string;
  ratchet_tree: string | null;
  initial_epoch_authenticator: string;
  epochs: Array<{ proposals: string[]; commit: string; epoch_authenticator: string }>;
}

const passiveFiles = [
  'passive-client-welcome.json',
  'passive-client-handling-commit.json',
  'passive-client-random.json',
];

for (const name of passiveFiles) {
  describe.skipIf(!has(name))(`MLS WG vectors: ${name}`, () => {
    it('joins by Welcome and follows every epoch to the same epoch authenticator', async () => {
      let checked = 0;
      for (const [index, v] of load<PassiveClient>(name).entries()) {
        const cs = await suite(v.cipher_suite);
        if (!cs) continue;
        checked++;
        const at = `${name}[${index}] suite ${v.cipher_suite}`;
        const kp = decodeMlsMessage(hex(v.key_package), 0)?.[0];
        const welcome = decodeMlsMessage(hex(v.welcome), 0)?.[0];
        if (kp?.wireformat !== 'mls_key_package' || welcome?.wireformat !== 'mls_welcome') {
          throw new Error(`${at}: key_package or welcome does not decode`);
        }
        const psks: Record<string, Uint8Array> = {};
        for (const p of v.external_psks) psks[bytesToBase64(hex(p.psk_id))] = hex(p.psk);
        let tree;
        if (v.ratchet_tree) {
          const { decodeRatchetTree } = await import('ts-mls/ratchetTree.js');
          tree = decodeRatchetTree(hex(v.ratchet_tree), 0)?.[0];
        }
        let state: ClientState = await joinGroup(
          welcome.welcome,
          kp.keyPackage,
          {
            initPrivateKey: hex(v.init_priv),
            hpkePrivateKey: hex(v.encryption_priv),
            signaturePrivateKey: hex(v.signature_priv),
          },
          makePskIndex(undefined, psks),
          cs,
          tree,
        );
        expect(toHex(state.keySchedule.epochAuthenticator), `${at} initial`).toBe(
          v.initial_epoch_authenticator,
        );
        for (const [e, epoch] of v.epochs.entries()) {
          for (const bytes of [...epoch.proposals, epoch.commit]) {
            const m = decodeMlsMessage(hex(bytes), 0)?.[0];
            if (m?.wireformat !== 'mls_private_message' && m?.wireformat !== 'mls_public_message') {
              throw new Error(`${at} epoch ${e}: not a Private/PublicMessage`);
            }
            const result = await processMessage(m, state, makePskIndex(state, psks), acceptAll, cs);
            state = result.newState;
          }
          expect(toHex(state.keySchedule.epochAuthenticator), `${at} epoch ${e}`).toBe(
            epoch.epoch_authenticator,
          );
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  });
}

describe.skipIf(Boolean(dir))('MLS WG vectors', () => {
  it.skip('not run: set MLS_TEST_VECTORS to a directory of mls-implementations test vectors', () => {
    void utf8;
  });
});
