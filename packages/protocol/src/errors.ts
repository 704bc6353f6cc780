/**
 * @module errors
 * The error catalogue: every way a request can fail has a stable code (the `ErrorCode` enum of
 * wire.proto), an HTTP status for the fallback transport, and whether retrying the same request
 * can succeed. Clients act on the code; the message is for humans and names the field.
 */
import { create } from '@bufbuild/protobuf';
import { ErrorCode, ErrorSchema } from './gen/tongilnet/v1/wire_pb.ts';
import type { Error as WireError } from './gen/tongilnet/v1/wire_pb.ts';

export interface ErrorInfo {
  /** HTTP status when the whole frame fails with this code over `POST /v1/sync`. */
  status: number;
  /** True if the same request may succeed later (after a wait, a re-sign or a fresh clock). */
  retryable: boolean;
  /** What the code means. */
  meaning: string;
}

/** The catalogue; README.md renders it as a table. */
export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, ErrorInfo>> = {
  [ErrorCode.PROTO_ERR_UNSPECIFIED]: { status: 500, retryable: false, meaning: 'not used' },
  [ErrorCode.PROTO_ERR_MALFORMED]: {
    status: 400,
    retryable: false,
    meaning: 'the bytes are not a valid protobuf frame or item body',
  },
  [ErrorCode.PROTO_ERR_FRAME_TOO_LARGE]: {
    status: 413,
    retryable: false,
    meaning: 'the frame exceeds the server’s frame size limit; split the sync',
  },
  [ErrorCode.PROTO_ERR_UNSUPPORTED_VERSION]: {
    status: 400,
    retryable: false,
    meaning: 'ClientFrame.version is not one the server speaks',
  },
  [ErrorCode.PROTO_ERR_UNKNOWN_REQUEST]: {
    status: 400,
    retryable: false,
    meaning: 'the frame carries no request the server knows',
  },
  [ErrorCode.PROTO_ERR_INVALID_FIELD]: {
    status: 400,
    retryable: false,
    meaning: 'a field has the wrong length or an impossible value (see `field`)',
  },
  [ErrorCode.PROTO_ERR_TOO_MANY_ITEMS]: {
    status: 400,
    retryable: false,
    meaning: 'more items in a section (or acks in a receive) than the server allows; split it',
  },
  [ErrorCode.PROTO_ERR_ENVELOPE_TOO_LARGE]: {
    status: 413,
    retryable: false,
    meaning: 'an envelope exceeds the server’s envelope size limit',
  },
  [ErrorCode.PROTO_ERR_DUPLICATE_ITEM]: {
    status: 400,
    retryable: false,
    meaning: 'the same queue (or message) appears twice in one section',
  },
  [ErrorCode.PROTO_ERR_BAD_SIGNATURE]: {
    status: 401,
    retryable: false,
    meaning: 'the signature does not verify with the queue’s key for this section',
  },
  [ErrorCode.PROTO_ERR_CLOCK_SKEW]: {
    status: 400,
    retryable: true,
    meaning: 'Sync.time_ms is outside the server’s window; re-sign with server_time_ms',
  },
  [ErrorCode.PROTO_ERR_REPLAY]: {
    status: 409,
    retryable: true,
    meaning: 'Sync.time_ms is not later than the last accepted request on this queue; re-sign',
  },
  [ErrorCode.PROTO_ERR_QUEUE_NOT_FOUND]: {
    status: 404,
    retryable: false,
    meaning: 'no such queue (never created, deleted, or expired)',
  },
  [ErrorCode.PROTO_ERR_QUEUE_EXISTS]: {
    status: 409,
    retryable: false,
    meaning: 'a queue with this id already exists with other keys',
  },
  [ErrorCode.PROTO_ERR_QUEUE_FULL]: {
    status: 507,
    retryable: true,
    meaning: 'the queue holds as many pending envelopes as the server allows',
  },
  [ErrorCode.PROTO_ERR_RATE_LIMITED]: {
    status: 429,
    retryable: true,
    meaning: 'too many requests on this queue or of this kind; wait retry_after_ms',
  },
  [ErrorCode.PROTO_ERR_INTERNAL]: {
    status: 500,
    retryable: true,
    meaning: 'the server failed; nothing in the frame was half-applied',
  },
  [ErrorCode.PROTO_ERR_UNAVAILABLE]: {
    status: 503,
    retryable: true,
    meaning: 'the server is shutting down or its database is unreachable',
  },
};

/** The stable name of a code, e.g. `PROTO_ERR_BAD_SIGNATURE`. */
export function errorCodeName(code: ErrorCode): string {
  return ErrorCode[code] ?? `PROTO_ERR_${code}`;
}

export interface ProtocolErrorDetails {
  /** Path of the offending field, e.g. `sync.sends[3].sig`. */
  field?: string;
  serverTimeMs?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A refused frame or item. Thrown by the decoders and validators here; the server turns it into
 * an `Error` on the wire with {@link toWireError}, a client back into this with
 * {@link fromWireError}.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly code: ErrorCode;
  readonly field: string;
  readonly serverTimeMs: number;
  readonly retryAfterMs: number;

  constructor(code: ErrorCode, message: string, details: ProtocolErrorDetails = {}) {
    super(`${errorCodeName(code)}: ${message}`, { cause: details.cause });
    this.code = code;
    this.field = details.field ?? '';
    this.serverTimeMs = details.serverTimeMs ?? 0;
    this.retryAfterMs = details.retryAfterMs ?? 0;
  }

  /** The catalogue entry of this error's code. */
  get info(): ErrorInfo {
    return ERROR_CATALOGUE[this.code] ?? ERROR_CATALOGUE[ErrorCode.PROTO_ERR_INTERNAL];
  }
}

/** The wire form of a ProtocolError; the message loses its `CODE: ` prefix (the code is a field). */
export function toWireError(error: ProtocolError): WireError {
  const prefix = `${errorCodeName(error.code)}: `;
  return create(ErrorSchema, {
    code: error.code,
    message: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message,
    field: error.field,
    serverTimeMs: BigInt(error.serverTimeMs),
    retryAfterMs: error.retryAfterMs,
  });
}

/** A ProtocolError made from a wire `Error` (what a client throws when the server refused). */
export function fromWireError(error: WireError): ProtocolError {
  return new ProtocolError(error.code, error.message, {
    field: error.field,
    serverTimeMs: Number(error.serverTimeMs),
    retryAfterMs: error.retryAfterMs,
  });
}
