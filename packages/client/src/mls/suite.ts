/**
 * @module mls/suite
 * The one MLS configuration Tongilnet speaks (RFC 9420 through ts-mls):
 *
 * - Cipher suite 1, MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519 — the suite every implementation
 *   must support [RFC 9420 §17.1], with the smallest keys and signatures, which matters on a
 *   9.6 kbit/s link and inside an invitation link.
 * - Basic credentials with an empty identity: the identity *is* the Ed25519 signature key in the
 *   leaf [RFC 9420 §5.3.1]; there is no name, number or address to put in a credential.
 * - Capabilities trimmed to what we use and no GREASE values [RFC 9420 §13.5]: every byte of a
 *   KeyPackage travels in the invitation link.
 * - No MLS padding: size hiding is done once, for the whole frame, by the protocol's padding buckets
 *   (a user choice); padding each message again would only cost air time.
 */
import {
  defaultKeyPackageEqualityConfig,
  defaultLifetimeConfig,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  type Capabilities,
  type CiphersuiteImpl,
  type ClientConfig,
  type Credential,
} from 'ts-mls';
import { portableCryptoProvider } from './provider.ts';

export const cipherSuiteName = 'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519' as const;

export const capabilities: Capabilities = {
  versions: ['mls10'],
  ciphersuites: [cipherSuiteName],
  extensions: [],
  proposals: [],
  credentials: ['basic'],
};

/** The credential of every member: basic, empty identity (the signature key identifies). */
export const anonymousCredential: Credential = {
  credentialType: 'basic',
  identity: new Uint8Array(0),
};

/**
 * Group behaviour for store-and-forward over weak links: keys of the last 5 epochs and 20
 * generations are kept, so messages that cross a commit or arrive out of order still open; ratchet
 * at most 1000 steps ahead for a flood of missed messages.
 */
export const clientConfig: ClientConfig = {
  lifetimeConfig: defaultLifetimeConfig,
  keyPackageEqualityConfig: defaultKeyPackageEqualityConfig,
  keyRetentionConfig: {
    retainKeysForEpochs: 5,
    retainKeysForGenerations: 20,
    maximumForwardRatchetSteps: 1000,
  },
  paddingConfig: { kind: 'alwaysPad', paddingLength: 0 },
  authService: {
    // The leaf's signature key is the identity; a credential must not claim anything else.
    validateCredential: (credential) =>
      Promise.resolve(credential.credentialType === 'basic' && credential.identity.length === 0),
  },
};

let suite: Promise<CiphersuiteImpl> | undefined;

/**
 * The cipher suite implementation, made once, on the portable provider (./provider.ts): the same
 * audited pure-JS code in Node, in new browsers and in old Android WebViews.
 */
export function mlsSuite(): Promise<CiphersuiteImpl> {
  suite ??= getCiphersuiteImpl(getCiphersuiteFromName(cipherSuiteName), portableCryptoProvider);
  return suite;
}
