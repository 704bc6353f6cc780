/**
 * @module frames
 * Encoding and decoding of whole frames. Decoding is the first line of defence of the server: it
 * refuses oversized input before parsing, turns every parser failure into PROTO_ERR_MALFORMED,
 * and checks the version and the request kind. Nothing here throws anything but ProtocolError
 * for bad input.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  ClientFrameSchema,
  ErrorCode,
  Padding,
  ServerFrameSchema,
} from './gen/tongilnet/v1/wire_pb.ts';
import type { ClientFrame, ServerFrame, Sync } from './gen/tongilnet/v1/wire_pb.ts';
import { PROTOCOL_VERSION } from './constants.ts';
import { ProtocolError, toWireError } from './errors.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import { padFrame } from './padding.ts';

export interface ClientFrameInit {
  requestId?: number;
  sync: Sync;
  /** Ask the server to pad its reply this way. */
  padReply?: Padding;
}

/** Encodes a ClientFrame of this protocol version, padded as asked (default: not at all). */
export function encodeClientFrame(
  init: ClientFrameInit,
  padding: Padding = Padding.NONE,
): Uint8Array {
  const frame = create(ClientFrameSchema, {
    version: PROTOCOL_VERSION,
    requestId: init.requestId ?? 0,
    body: { case: 'sync', value: init.sync },
    padReply: init.padReply ?? Padding.NONE,
  });
  return padFrame(toBinary(ClientFrameSchema, frame), padding);
}

/**
 * Decodes and checks a ClientFrame.
 * @throws ProtocolError PROTO_ERR_FRAME_TOO_LARGE, PROTO_ERR_MALFORMED,
 *   PROTO_ERR_UNSUPPORTED_VERSION or PROTO_ERR_UNKNOWN_REQUEST
 */
export function decodeClientFrame(
  bytes: Uint8Array,
  maxFrameBytes: number = DEFAULT_LIMITS.maxFrameBytes,
): ClientFrame {
  if (bytes.length > maxFrameBytes) {
    throw new ProtocolError(
      ErrorCode.PROTO_ERR_FRAME_TOO_LARGE,
      `frame of ${bytes.length} bytes exceeds the limit of ${maxFrameBytes}`,
      { field: 'frame' },
    );
  }
  let frame: ClientFrame;
  try {
    frame = fromBinary(ClientFrameSchema, bytes, { readUnknownFields: false });
  } catch (cause) {
    throw new ProtocolError(
      ErrorCode.PROTO_ERR_MALFORMED,
      `not a ClientFrame: ${describe(cause)}`,
      {
        field: 'frame',
        cause,
      },
    );
  }
  if (frame.version !== PROTOCOL_VERSION) {
    throw new ProtocolError(
      ErrorCode.PROTO_ERR_UNSUPPORTED_VERSION,
      `version ${frame.version} is not supported (this server speaks ${PROTOCOL_VERSION})`,
      { field: 'version' },
    );
  }
  if (frame.body.case === undefined) {
    throw new ProtocolError(ErrorCode.PROTO_ERR_UNKNOWN_REQUEST, 'the frame carries no request', {
      field: 'body',
    });
  }
  return frame;
}

/** Encodes a ServerFrame, padded as the client asked. */
export function encodeServerFrame(frame: ServerFrame, padding: Padding = Padding.NONE): Uint8Array {
  return padFrame(toBinary(ServerFrameSchema, frame), padding);
}

/**
 * Decodes a ServerFrame (client side).
 * @throws ProtocolError PROTO_ERR_MALFORMED if the bytes are not one
 */
export function decodeServerFrame(bytes: Uint8Array): ServerFrame {
  try {
    return fromBinary(ServerFrameSchema, bytes, { readUnknownFields: false });
  } catch (cause) {
    throw new ProtocolError(
      ErrorCode.PROTO_ERR_MALFORMED,
      `not a ServerFrame: ${describe(cause)}`,
      {
        field: 'frame',
        cause,
      },
    );
  }
}

/** The ServerFrame that refuses a whole ClientFrame. */
export function errorFrame(requestId: number, error: ProtocolError): ServerFrame {
  return create(ServerFrameSchema, {
    requestId,
    body: { case: 'error', value: toWireError(error) },
  });
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
