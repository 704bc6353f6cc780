/**
 * The server's OpenSSL verifier must accept and refuse exactly what the protocol's noble reference
 * does, for everything a client without the key can send.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, publicKeyOf, signBody } from '@tongilnet/protocol';
import type { SignedSection } from '@tongilnet/protocol';
import { nobleVerifier, opensslVerifier } from '../src/index.ts';

const L = (1n << 252n) + 27742317777372353535851937790883648493n;

function addToS(sig: Uint8Array, add: bigint): Uint8Array {
  let s = 0n;
  for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i]!);
  const t = s + add;
  const out = Uint8Array.from(sig);
  for (let i = 0; i < 32; i++) out[32 + i] = Number((t >> BigInt(8 * i)) & 0xffn);
  return out;
}

describe('OpenSSL and noble verifiers', () => {
  const sections: SignedSection[] = ['send', 'receive', 'create', 'delete'];

  it('agree on valid, tampered, malleated and random signatures', () => {
    for (let i = 0; i < 200; i++) {
      const secret = new Uint8Array(randomBytes(32));
      const key = publicKeyOf(secret);
      const section = sections[i % 4]!;
      const body = new Uint8Array(randomBytes(i % 50));
      const time = 1_700_000_000_000 + i;
      const sig = signBody(section, time, body, secret);
      const cases: [Uint8Array, Uint8Array, number, SignedSection][] = [
        [sig, key, time, section],
        [sig, key, time + 1, section],
        [sig, key, time, sections[(i + 1) % 4]!],
        [addToS(sig, L), key, time, section],
        [Uint8Array.from(sig, (b, j) => (j === i % 64 ? b ^ 1 : b)), key, time, section],
        [new Uint8Array(randomBytes(64)), key, time, section],
        [sig.subarray(0, 63), key, time, section],
        [sig, new Uint8Array(randomBytes(32)), time, section],
      ];
      for (const [s, k, t, sec] of cases) {
        expect(opensslVerifier(sec, t, body, s, k)).toBe(nobleVerifier(sec, t, body, s, k));
      }
      expect(opensslVerifier(section, time, body, sig, key)).toBe(true);
    }
  });

  it('refuses S ≥ L and a non-canonical R as noble does', () => {
    const secret = fromHex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
    const key = publicKeyOf(secret);
    const body = new Uint8Array([1, 2, 3]);
    const sig = signBody('send', 5, body, secret);
    const mauled = addToS(sig, L);
    expect(nobleVerifier('send', 5, body, mauled, key)).toBe(false);
    expect(opensslVerifier('send', 5, body, mauled, key)).toBe(false);
    const badR = Uint8Array.from(sig);
    badR.fill(0xff, 0, 31);
    badR[31] = 0x7f; // y = 2^255 − 1 ≥ p: not a canonical encoding
    expect(nobleVerifier('send', 5, body, badR, key)).toBe(false);
    expect(opensslVerifier('send', 5, body, badR, key)).toBe(false);
  });
});
