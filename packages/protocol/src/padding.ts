/**
 * @module padding
 * Size padding, a privacy/size trade-off the user chooses: whoever watches the link (or runs the
 * server) learns less from lengths, at the price of bytes on air — and on a 9.6 kbit/s link every
 * 120 bytes is another 0.1 s of transmission. Two places use the same rules:
 *
 * - frames: {@link padFrame} appends `pad` fields (field 15 of ClientFrame and ServerFrame) so the
 *   encoded frame lands exactly on the padded length;
 * - plaintexts inside envelopes: {@link padPlaintext} (ISO/IEC 7816-4 method 2: 0x80 then zeros) so
 *   the server cannot tell a short message from a long one by its envelope size.
 */
import { Padding } from './gen/tongilnet/v1/wire_pb.ts';

/** Bucket sizes of {@link Padding.BUCKETS}, bytes; beyond the last, whole multiples of it. */
export const SIZE_BUCKETS: readonly number[] = Object.freeze([64, 256, 1024, 4096, 16384]);

/**
 * Padmé length [Nikitin et al., PoPETs 2019(4), Algorithm 1]: rounds n up so that only the top
 * ⌊log2 ⌊log2 n⌋⌋ + 1 bits may be non-zero. Overhead ≤ 12 %.
 */
export function padmeLength(n: number): number {
  if (n <= 2) return n;
  const e = Math.floor(Math.log2(n));
  const s = Math.floor(Math.log2(e)) + 1;
  const step = 2 ** (e - s);
  return Math.ceil(n / step) * step;
}

/**
 * The length `n` bytes are padded to under `padding`.
 * @throws RangeError if n is negative or not an integer
 */
export function paddedLength(n: number, padding: Padding): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`length ${n} is not a size`);
  switch (padding) {
    case Padding.BUCKETS: {
      for (const bucket of SIZE_BUCKETS) if (n <= bucket) return bucket;
      const last = SIZE_BUCKETS[SIZE_BUCKETS.length - 1]!;
      return Math.ceil(n / last) * last;
    }
    case Padding.PADME:
      return padmeLength(n);
    default:
      return n;
  }
}

const PAD_TAG = (15 << 3) | 2; // field 15, wire type LEN

function varintLength(n: number): number {
  let length = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    length++;
  }
  return length;
}

function writePadRecord(out: Uint8Array, at: number, contentLength: number): number {
  out[at++] = PAD_TAG;
  let n = contentLength;
  while (n >= 0x80) {
    out[at++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 128);
  }
  out[at++] = n;
  return at + contentLength; // content stays zero
}

/** Content length of one pad record that occupies exactly `room` bytes, or -1 if none does. */
function singleRecord(room: number): number {
  for (let lengthBytes = 1; lengthBytes <= 5; lengthBytes++) {
    const content = room - 1 - lengthBytes;
    if (content >= 0 && varintLength(content) === lengthBytes) return content;
  }
  return -1;
}

/**
 * Pads an encoded ClientFrame or ServerFrame to its padded length by appending `pad` records
 * (protobuf allows fields in any order, and repeated occurrences of a scalar field). One record
 * costs at least 2 bytes, so a frame 1 byte short of a boundary goes to the next one.
 */
export function padFrame(frame: Uint8Array, padding: Padding): Uint8Array {
  if (padding === Padding.NONE) return frame;
  let target = paddedLength(frame.length, padding);
  if (target - frame.length === 1) target = paddedLength(frame.length + 2, padding);
  const room = target - frame.length;
  if (room === 0) return frame;
  const out = new Uint8Array(target);
  out.set(frame, 0);
  const single = singleRecord(room);
  if (single >= 0) {
    writePadRecord(out, frame.length, single);
  } else {
    // No single record fits (e.g. 130 bytes: 2+128 needs a 2-byte length); an empty record first.
    const at = writePadRecord(out, frame.length, 0);
    writePadRecord(out, at, singleRecord(room - 2));
  }
  return out;
}

/** Pads a plaintext before encryption: 0x80, then zeros up to the padded length of n + 1. */
export function padPlaintext(plaintext: Uint8Array, padding: Padding): Uint8Array {
  const out = new Uint8Array(paddedLength(plaintext.length + 1, padding));
  out.set(plaintext, 0);
  out[plaintext.length] = 0x80;
  return out;
}

/**
 * Removes {@link padPlaintext}'s padding.
 * @throws RangeError if the bytes do not end in 0x80 followed by zeros
 */
export function unpadPlaintext(padded: Uint8Array): Uint8Array {
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 0x80) {
    throw new RangeError('padded plaintext does not end in 0x80 followed by zeros');
  }
  return padded.subarray(0, end);
}
