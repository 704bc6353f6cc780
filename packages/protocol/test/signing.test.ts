import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  fromHex,
  isAcceptablePublicKey,
  publicKeyOf,
  signBody,
  signingBytes,
  verifyBody,
} from '../src/index.ts';

// RFC 8032 §7.1, TEST 2: the signer the vectors use, so a change of curve library shows up here.
const rfcSecret = fromHex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
const rfcPublic = fromHex('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c');
const rfcSig = fromHex(
  '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da' +
    '085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
);

describe('Ed25519 through @noble/curves', () => {
  it('reproduces RFC 8032 §7.1 TEST 2', () => {
    expect(publicKeyOf(rfcSecret)).toEqual(rfcPublic);
    expect(ed25519.sign(fromHex('72'), rfcSecret)).toEqual(rfcSig);
    expect(ed25519.verify(rfcSig, fromHex('72'), rfcPublic, { zip215: false })).toBe(true);
  });
});

describe('item signatures', () => {
  const body = new Uint8Array([10, 16, 1, 2, 3]);
  const time = 1_750_000_000_123;
  const sig = signBody('send', time, body, rfcSecret);

  it('lays out context || time (u64 BE) || body', () => {
    const bytes = signingBytes('receive', 0x0102030405, body);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('TNv1recv');
    expect(Array.from(bytes.subarray(8, 16))).toEqual([0, 0, 0, 1, 2, 3, 4, 5]);
    expect(bytes.subarray(16)).toEqual(body);
  });

  it('verifies only the same section, time, body and key', () => {
    expect(verifyBody('send', time, body, sig, rfcPublic)).toBe(true);
    expect(verifyBody('receive', time, body, sig, rfcPublic)).toBe(false);
    expect(verifyBody('send', time + 1, body, sig, rfcPublic)).toBe(false);
    expect(verifyBody('send', time, body.subarray(1), sig, rfcPublic)).toBe(false);
    const other = publicKeyOf(new Uint8Array(32).fill(7));
    expect(verifyBody('send', time, body, sig, other)).toBe(false);
  });

  it('refuses malleated signatures (S + L) and never throws on junk', () => {
    // Adding the group order L to S gives a signature ZIP-215 would accept and RFC 8032 refuses.
    const L = (1n << 252n) + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i]!);
    const t = s + L;
    const mauled = Uint8Array.from(sig);
    for (let i = 0; i < 32; i++) mauled[32 + i] = Number((t >> BigInt(8 * i)) & 0xffn);
    expect(verifyBody('send', time, body, mauled, rfcPublic)).toBe(false);
    expect(verifyBody('send', time, body, new Uint8Array(64).fill(0xff), rfcPublic)).toBe(false);
    expect(verifyBody('send', time, body, sig.subarray(1), rfcPublic)).toBe(false);
    expect(verifyBody('send', time, body, sig, new Uint8Array(31))).toBe(false);
  });

  it('refuses small-order and non-canonical public keys as queue keys', () => {
    expect(isAcceptablePublicKey(rfcPublic)).toBe(true);
    const identity = new Uint8Array(32);
    identity[0] = 1; // the neutral point (0, 1)
    expect(isAcceptablePublicKey(identity)).toBe(false);
    expect(isAcceptablePublicKey(new Uint8Array(32).fill(0xff))).toBe(false); // y ≥ p
    expect(isAcceptablePublicKey(new Uint8Array(33))).toBe(false);
  });

  it('names a bad time', () => {
    expect(() => signingBytes('send', -1, body)).toThrow(/time_ms = -1/);
  });
});
