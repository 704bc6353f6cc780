import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.ts';
import type { Env } from './env.ts';
import { fingerprint, identityFromPhrase, newRecoveryPhrase, phraseLanguage } from './identity.ts';

const fixedEnv = (byte: number): Env => ({
  now: () => 0,
  randomBytes: (n) => new Uint8Array(n).fill(byte),
  sleep: () => Promise.resolve(),
});

// BIP-39's reference vector for 128 bits of 0x00 (trezor/python-mnemonic vectors.json, English).
const zeroPhrase =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

describe('recovery phrase', () => {
  it('is the BIP-39 phrase of the device entropy, in Korean by default', async () => {
    expect(await newRecoveryPhrase(fixedEnv(0), 'english')).toBe(zeroPhrase);
    const korean = await newRecoveryPhrase(fixedEnv(0x5a));
    expect(korean.split(' ')).toHaveLength(12);
    expect(await phraseLanguage(korean)).toBe('korean');
    expect(await phraseLanguage(zeroPhrase)).toBe('english');
  });

  it('restores the same identity key on another device, whatever the spacing', async () => {
    const a = await identityFromPhrase(zeroPhrase);
    const b = await identityFromPhrase(`  ${zeroPhrase.replace(/ /g, '   ')}\n`);
    expect(toHex(b.publicKey)).toBe(toHex(a.publicKey));
    expect(a.secretKey).toHaveLength(32);
    const other = await identityFromPhrase(await newRecoveryPhrase(fixedEnv(1), 'english'));
    expect(toHex(other.publicKey)).not.toBe(toHex(a.publicKey));
  });

  it('pins the derivation (BIP-39 seed → HKDF-SHA256), so no release changes identities', async () => {
    const { publicKey } = await identityFromPhrase(zeroPhrase);
    expect(toHex(publicKey)).toMatchInlineSnapshot(
      `"b76351886da5e543d1ef8351c76495090566c215ec164289100c0f27e2ca8311"`,
    );
  });

  it('refuses a phrase with a wrong word or checksum', async () => {
    await expect(identityFromPhrase(zeroPhrase.replace('about', 'abandon'))).rejects.toThrow(
      'recovery phrase: 12 words do not form a valid phrase',
    );
    await expect(phraseLanguage('hello world')).rejects.toThrow(RangeError);
  });
});

describe('fingerprint', () => {
  it('is five groups of five digits from the key hash', () => {
    const f = fingerprint(new Uint8Array(32));
    expect(f).toMatch(/^\d{5} \d{5} \d{5} \d{5} \d{5}$/);
    expect(fingerprint(new Uint8Array(32).fill(1))).not.toBe(f);
  });
});
