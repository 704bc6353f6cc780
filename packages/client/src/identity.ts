/**
 * @module identity
 * Identity without identity: an account is an Ed25519 key pair made on the device from a BIP-39
 * recovery phrase, and nothing else — no phone number, name or e-mail exists anywhere in the SDK.
 *
 * Derivation (all standard parts, no new cryptography):
 *   entropy (128 bits, from the device RNG) → BIP-39 phrase (12 words, Korean or English list)
 *   phrase → seed = PBKDF2-HMAC-SHA512(phrase, "mnemonic", 2048)          [BIP-39 §"From mnemonic to seed"]
 *   seed → identity key = HKDF-SHA256(ikm = seed, salt = "tongilnet/v1", info = "identity ed25519", 32)  [RFC 5869]
 *
 * The identity key is the MLS signature key of every group the account joins (RFC 9420 §5.3), so a
 * contact recognises a restored account by the same fingerprint. What a phrase cannot bring back is
 * by design: MLS group secrets and history (forward secrecy) and per-contact queue keys.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { entropyToMnemonic, mnemonicToSeed, validateMnemonic } from '@scure/bip39';
import { utf8 } from './bytes.ts';
import type { Env } from './env.ts';

export type PhraseLanguage = 'korean' | 'english';

/**
 * The word lists are loaded on first use: 90 KB that a phone needs only when an account is made
 * or restored, so a bundler can keep them out of the app's first download.
 */
async function wordlist(language: PhraseLanguage): Promise<string[]> {
  return language === 'korean'
    ? (await import('@scure/bip39/wordlists/korean.js')).wordlist
    : (await import('@scure/bip39/wordlists/english.js')).wordlist;
}

export interface Identity {
  /** Ed25519 secret key (32-byte seed form, RFC 8032 §5.1.5). */
  secretKey: Uint8Array;
  /** Ed25519 public key (32 bytes). */
  publicKey: Uint8Array;
}

/** A new 12-word recovery phrase from 128 bits of the environment's randomness. */
export async function newRecoveryPhrase(
  env: Env,
  language: PhraseLanguage = 'korean',
): Promise<string> {
  return entropyToMnemonic(env.randomBytes(16), await wordlist(language));
}

/**
 * The word list a phrase is written in, after normalising spaces.
 * @throws RangeError when the phrase is not a valid BIP-39 phrase in either language (a wrong or
 * missing word, or a bad checksum).
 */
export async function phraseLanguage(phrase: string): Promise<PhraseLanguage> {
  const normal = normalisePhrase(phrase);
  for (const language of ['korean', 'english'] as const) {
    if (validateMnemonic(normal, await wordlist(language))) return language;
  }
  const words = normal.split(' ').length;
  throw new RangeError(
    `recovery phrase: ${words} words do not form a valid phrase (check each word and the order)`,
  );
}

function normalisePhrase(phrase: string): string {
  return phrase.normalize('NFKD').trim().split(/\s+/u).join(' ');
}

/**
 * The account's identity key pair from its recovery phrase — the same on every device.
 * @throws RangeError for an invalid phrase (see {@link phraseLanguage}).
 */
export async function identityFromPhrase(phrase: string): Promise<Identity> {
  await phraseLanguage(phrase);
  const seed = await mnemonicToSeed(normalisePhrase(phrase));
  const secretKey = hkdf(
    sha256,
    seed,
    utf8.encode('tongilnet/v1'),
    utf8.encode('identity ed25519'),
    32,
  );
  seed.fill(0);
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

/**
 * A short, human-comparable fingerprint of a public identity key: the first 80 bits of its SHA-256
 * as five groups of five digits, read aloud over a call to check that nobody sits in between.
 */
export function fingerprint(publicKey: Uint8Array): string {
  const h = sha256(publicKey);
  const groups: string[] = [];
  for (let i = 0; i < 5; i++) {
    const n = (h[2 * i]! << 8) | h[2 * i + 1]!;
    groups.push(String(n % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}
