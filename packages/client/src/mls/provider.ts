/**
 * @module mls/provider
 * The crypto provider for ts-mls that works on old phones. ts-mls's stock providers lean on
 * WebCrypto for X25519 (through @hpke/core) and, whenever `crypto.subtle` exists, for Ed25519 —
 * algorithms browsers added only in 2023–2025 (Chrome 133 for X25519, 137 for Ed25519). An old
 * Android WebView has `crypto.subtle` without them, so MLS would fail on exactly the phones the
 * brief expects. This provider swaps in audited pure-JS code for those two, still from the same
 * vetted projects:
 *
 * - HPKE's KEM: DHKEM(X25519, HKDF-SHA256) from @hpke/dhkem-x25519 (hpke-js, on @noble/curves)
 *   inside @hpke/core's RFC 9180 CipherSuite [RFC 9180 §7.1];
 * - signatures: Ed25519 from @noble/curves, verified strictly per RFC 8032 (`zip215: false`), the
 *   same rule as WebCrypto and as the protocol's request signatures [RFC 8032 §5.1.7].
 *
 * Hashing, HKDF, AES-GCM and randomness stay as in ts-mls's noble provider (AES-GCM and HMAC are in
 * every WebCrypto). Nothing here is new cryptography: it only chooses implementations.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { CipherSuite } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import { nobleCryptoProvider, type CryptoProvider, type Signature } from 'ts-mls';
import { makeGenericHpke } from 'ts-mls/crypto/implementation/hpke.js';
import { makeAead } from 'ts-mls/crypto/implementation/noble/makeAead.js';
import { makeKdf } from 'ts-mls/crypto/implementation/noble/makeKdfImpl.js';

const ed25519Signature: Signature = {
  sign: (signKey, message) => Promise.resolve(ed25519.sign(message, signKey)),
  verify: (publicKey, message, signature) => {
    try {
      return Promise.resolve(ed25519.verify(signature, message, publicKey, { zip215: false }));
    } catch {
      return Promise.resolve(false);
    }
  },
  keygen: () => {
    const signKey = ed25519.utils.randomSecretKey();
    return Promise.resolve({ signKey, publicKey: ed25519.getPublicKey(signKey) });
  },
};

/** ts-mls's noble provider with pure-JS X25519 (HPKE) and Ed25519 for the X25519/Ed25519 suites. */
export const portableCryptoProvider: CryptoProvider = {
  async getCiphersuiteImpl(cs) {
    const base = await nobleCryptoProvider.getCiphersuiteImpl(cs);
    if (cs.hpke.kem !== 'DHKEM-X25519-HKDF-SHA256' || cs.signature !== 'Ed25519') return base;
    const [aead, aeadInterface] = await makeAead(cs.hpke.aead);
    const suite = new CipherSuite({
      kem: new DhkemX25519HkdfSha256(),
      kdf: makeKdf(cs.hpke.kdf),
      aead: aeadInterface,
    });
    return {
      ...base,
      hpke: await makeGenericHpke(cs.hpke, aead, suite),
      signature: ed25519Signature,
    };
  },
};
