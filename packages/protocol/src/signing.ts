/**
 * @module signing
 * Requests on a queue are authorised by Ed25519 signatures [RFC 8032], not sessions. A signature
 * covers
 *
 *     context (8 ASCII bytes) || time_ms (u64, big-endian) || body
 *
 * where `body` is the item's protobuf bytes exactly as they travel (`Signed.body`), so the server
 * verifies what it received, before decoding anything further or writing anything. The context
 * separates the sections (a receive signature can never pass as a send or a delete), and the time
 * bounds replays: the server refuses times outside its skew window, and for receives and deletes
 * times not later than the last one it accepted on that queue.
 *
 * Verification is strict RFC 8032 (`zip215: false`: non-canonical encodings are refused), through
 * the audited @noble/curves.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { PUBLIC_KEY_BYTES, SIGNATURE_BYTES } from './constants.ts';

/** Which section an item belongs to; each has its own signature context. */
export type SignedSection = 'send' | 'receive' | 'create' | 'delete';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Domain-separation prefixes, 8 bytes each. */
export const SIGNATURE_CONTEXTS: Readonly<Record<SignedSection, Uint8Array>> = Object.freeze({
  send: ascii('TNv1send'),
  receive: ascii('TNv1recv'),
  create: ascii('TNv1make'),
  delete: ascii('TNv1drop'),
});

/**
 * The bytes a signature covers.
 * @param timeMs - Sync.time_ms, milliseconds since the Unix epoch (a safe integer ≥ 0)
 * @throws RangeError if timeMs is not a non-negative safe integer
 */
export function signingBytes(section: SignedSection, timeMs: number, body: Uint8Array): Uint8Array {
  if (!Number.isSafeInteger(timeMs) || timeMs < 0) {
    throw new RangeError(`time_ms = ${timeMs} is not a non-negative safe integer`);
  }
  const context = SIGNATURE_CONTEXTS[section];
  const out = new Uint8Array(context.length + 8 + body.length);
  out.set(context, 0);
  new DataView(out.buffer).setBigUint64(context.length, BigInt(timeMs), false);
  out.set(body, context.length + 8);
  return out;
}

/** Signs an item body with a 32-byte Ed25519 secret key (seed); deterministic, no randomness. */
export function signBody(
  section: SignedSection,
  timeMs: number,
  body: Uint8Array,
  secretKey: Uint8Array,
): Uint8Array {
  return ed25519.sign(signingBytes(section, timeMs, body), secretKey);
}

/** True if `sig` is a valid strict-RFC 8032 signature of the item by `publicKey`. Never throws. */
export function verifyBody(
  section: SignedSection,
  timeMs: number,
  body: Uint8Array,
  sig: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (sig.length !== SIGNATURE_BYTES || publicKey.length !== PUBLIC_KEY_BYTES) return false;
  try {
    return ed25519.verify(sig, signingBytes(section, timeMs, body), publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/**
 * True if `key` is an acceptable queue key: a canonical encoding of a point on the curve that is
 * not of small order (a small-order key would let anyone forge signatures that verify under it).
 */
export function isAcceptablePublicKey(key: Uint8Array): boolean {
  if (key.length !== PUBLIC_KEY_BYTES) return false;
  try {
    return !ed25519.Point.fromBytes(key, false).isSmallOrder();
  } catch {
    return false;
  }
}

/** The public key of a 32-byte Ed25519 secret key. */
export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}
