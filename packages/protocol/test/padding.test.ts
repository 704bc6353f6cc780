import { describe, expect, it } from 'vitest';
import {
  Padding,
  SIZE_BUCKETS,
  buildSync,
  decodeClientFrame,
  encodeClientFrame,
  padFrame,
  padPlaintext,
  paddedLength,
  padmeLength,
  signedSend,
  unpadPlaintext,
} from '../src/index.ts';

describe('padFrame', () => {
  it('lands every frame length up to 20 000 bytes exactly on its padded length', () => {
    for (const padding of [Padding.BUCKETS, Padding.PADME]) {
      for (let n = 0; n <= 20_000; n++) {
        const padded = padFrame(new Uint8Array(n), padding);
        let target = paddedLength(n, padding);
        if (target - n === 1) target = paddedLength(n + 2, padding);
        expect(padded.length, `n=${n}, padding=${padding}`).toBe(target);
      }
    }
  });

  it('keeps the frame decodable and unchanged apart from the padding', () => {
    const key = new Uint8Array(32).fill(9);
    for (let n = 1; n < 600; n += 13) {
      const send = signedSend(
        { queueId: new Uint8Array(16), messageId: new Uint8Array(16), envelope: new Uint8Array(n) },
        1_700_000_000_000,
        key,
      );
      const sync = buildSync({ timeMs: 1_700_000_000_000, sends: [send], watch: true });
      const plain = encodeClientFrame({ requestId: 7, sync });
      const padded = encodeClientFrame({ requestId: 7, sync }, Padding.BUCKETS);
      expect(SIZE_BUCKETS).toContain(padded.length);
      expect(padded.subarray(0, plain.length)).toEqual(plain);
      const frame = decodeClientFrame(padded);
      expect(frame.requestId).toBe(7);
      expect(frame.body.case).toBe('sync');
      expect(frame.body.value?.sends[0]?.sig).toEqual(send.sig);
    }
  });

  it('leaves frames alone with Padding.NONE', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(padFrame(bytes, Padding.NONE)).toBe(bytes);
  });
});

describe('paddedLength', () => {
  it('uses the buckets, then multiples of the largest', () => {
    expect(paddedLength(0, Padding.BUCKETS)).toBe(64);
    expect(paddedLength(64, Padding.BUCKETS)).toBe(64);
    expect(paddedLength(65, Padding.BUCKETS)).toBe(256);
    expect(paddedLength(16_385, Padding.BUCKETS)).toBe(32_768);
    expect(paddedLength(123, Padding.NONE)).toBe(123);
  });

  it('Padmé stays within 12 % overhead and never shrinks', () => {
    let previous = 0;
    for (let n = 1; n < 100_000; n += 7) {
      const p = padmeLength(n);
      expect(p).toBeGreaterThanOrEqual(n);
      expect(p).toBeGreaterThanOrEqual(previous);
      expect((p - n) / n).toBeLessThanOrEqual(0.12);
      previous = p;
    }
  });

  it('matches Padmé worked values (E = ⌊log2 L⌋, S = ⌊log2 E⌋ + 1, step 2^(E−S))', () => {
    // L = 1000: E = 9, S = 4, step 32 → 1024. L = 300: E = 8, S = 4, step 16 → 304.
    expect(padmeLength(1000)).toBe(1024);
    expect(padmeLength(300)).toBe(304);
    expect(padmeLength(100)).toBe(104); // E = 6, S = 3, step 8
  });

  it('names a bad length', () => {
    expect(() => paddedLength(-1, Padding.BUCKETS)).toThrow(RangeError);
  });
});

describe('padPlaintext', () => {
  it('round-trips every length and hides it inside the bucket', () => {
    for (let n = 0; n < 1100; n++) {
      const text = new Uint8Array(n).fill(0x41);
      text[0] = 0x80;
      const padded = padPlaintext(text, Padding.BUCKETS);
      expect(padded.length).toBe(paddedLength(n + 1, Padding.BUCKETS));
      expect(unpadPlaintext(padded)).toEqual(text);
    }
  });

  it('refuses bytes without the 0x80 marker', () => {
    expect(() => unpadPlaintext(new Uint8Array(8))).toThrow(/0x80/);
  });
});
