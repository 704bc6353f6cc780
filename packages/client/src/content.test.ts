import { Padding } from '@tongilnet/protocol';
import { describe, expect, it } from 'vitest';
import { contentText, decodeContent, encodeContent, textContent } from './content.ts';

const id = new Uint8Array(16).fill(9);

describe('text content', () => {
  it('uses UTF-16 for Hangul (2 bytes a syllable) and UTF-8 for Latin text', () => {
    const korean = textContent(id, 1, '어머니 보고 싶어요');
    expect(korean.body.case).toBe('textUtf16');
    const english = textContent(id, 1, 'see you soon');
    expect(english.body.case).toBe('text');
    const kBytes = encodeContent(korean).length;
    // 10 characters: 20 bytes of UTF-16 instead of 26 of UTF-8, plus id, time and tags.
    expect(kBytes).toBeLessThan(16 + 20 + 12);
    expect(contentText(decodeContent(encodeContent(korean)))).toBe('어머니 보고 싶어요');
    expect(contentText(decodeContent(encodeContent(english)))).toBe('see you soon');
  });

  it('keeps emoji and other astral characters intact in UTF-16', () => {
    const text = '사랑해 ❤️👍';
    expect(contentText(decodeContent(encodeContent(textContent(id, 1, text))))).toBe(text);
  });

  it('pads to a bucket when asked and unpads on the other side', () => {
    const padded = encodeContent(textContent(id, 1, 'hi'), Padding.BUCKETS);
    expect(padded.length).toBe(64);
    expect(contentText(decodeContent(padded))).toBe('hi');
  });

  it('refuses bytes that are not a Content', () => {
    expect(() => decodeContent(new Uint8Array([0xff, 0xff, 0xff]))).toThrow(
      'not a Tongilnet Content',
    );
  });
});
