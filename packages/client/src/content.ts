/**
 * @module content
 * The plaintext of MLS application messages (`Content` in client.proto), and the choice of text
 * encoding: UTF-16 when it is shorter than UTF-8 — for Korean, 2 bytes per Hangul syllable instead
 * of 3, a third fewer bytes on air for the same words. No compression: short texts do not shrink.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import type { Padding } from '@tongilnet/protocol';
import { padPlaintext, unpadPlaintext } from '@tongilnet/protocol';
import { utf8 } from './bytes.ts';
import { ContentSchema, type Content } from './gen/tongilnet/client/v1/client_pb.ts';

export type { Content };

/** A text Content in whichever of UTF-8 and UTF-16LE is shorter. */
export function textContent(id: Uint8Array, sentMs: number, text: string): Content {
  const asUtf8 = utf8.encode(text);
  const body =
    text.length * 2 < asUtf8.length
      ? { case: 'textUtf16' as const, value: encodeUtf16(text) }
      : { case: 'text' as const, value: text };
  return create(ContentSchema, { id, sentMs: BigInt(sentMs), body });
}

/** The text of a text Content, or undefined for other kinds. */
export function contentText(content: Content): string | undefined {
  if (content.body.case === 'text') return content.body.value;
  if (content.body.case === 'textUtf16') return decodeUtf16(content.body.value);
  return undefined;
}

/** Encodes a Content and, when asked, pads it to a size bucket before encryption. */
export function encodeContent(content: Content, padding?: Padding): Uint8Array {
  const bytes = toBinary(ContentSchema, content);
  return padding ? padPlaintext(bytes, padding) : bytes;
}

/**
 * Decodes a Content, removing padding if the sender padded.
 * @throws TypeError when the bytes are not a Content
 */
export function decodeContent(bytes: Uint8Array): Content {
  try {
    return fromBinary(ContentSchema, bytes);
  } catch {
    // Padded plaintexts end in 0x80 then zeros, which protobuf cannot parse as fields.
  }
  try {
    return fromBinary(ContentSchema, unpadPlaintext(bytes));
  } catch {
    throw new TypeError('message content: not a Tongilnet Content');
  }
}

function encodeUtf16(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

function decodeUtf16(bytes: Uint8Array): string {
  if (bytes.length % 2 !== 0) throw new TypeError('message content: odd-length UTF-16 text');
  return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
}
