/**
 * @module constants
 * Fixed sizes and addresses of protocol version 1. Changing any of these is a new protocol version.
 */

/** The protocol version this package speaks (`ClientFrame.version`). */
export const PROTOCOL_VERSION = 1;

/** Queue ids are 16 random bytes (128 bits: unguessable, so a queue id is not a credential leak). */
export const QUEUE_ID_BYTES = 16;
/** Message ids are 16 random bytes chosen by the sender; they make resends idempotent. */
export const MESSAGE_ID_BYTES = 16;
/** Ed25519 public key length [RFC 8032 §5.1.5]. */
export const PUBLIC_KEY_BYTES = 32;
/** Ed25519 signature length [RFC 8032 §5.1.6]. */
export const SIGNATURE_BYTES = 64;

/** HTTP fallback: POST a ClientFrame here, receive a ServerFrame. */
export const SYNC_PATH = '/v1/sync';
/** WebSocket endpoint: binary messages, one ClientFrame or ServerFrame each. */
export const WS_PATH = '/v1/ws';
/** Media type of both frame kinds over HTTP. */
export const FRAME_CONTENT_TYPE = 'application/octet-stream';
