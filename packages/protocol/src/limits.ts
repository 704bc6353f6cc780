/**
 * @module limits
 * The bounds a server enforces on every frame. Clients use the same numbers to split an outbox
 * into syncs the server will take; a server may configure tighter or looser ones.
 */

export interface Limits {
  /** Largest ClientFrame accepted, bytes (HTTP body and WebSocket message). */
  maxFrameBytes: number;
  /** Largest envelope in a send, bytes. */
  maxEnvelopeBytes: number;
  /** Items per section of one Sync. */
  maxSends: number;
  maxReceives: number;
  maxCreates: number;
  maxDeletes: number;
  /** Message ids acknowledged by one receive. */
  maxAcks: number;
  /** Envelopes returned for one receive (the client may ask for fewer with `limit`). */
  maxFetch: number;
  /** Total envelope bytes in one SyncResult; the rest waits for the next sync (`more`). */
  maxReplyBytes: number;
  /** How far Sync.time_ms may be from the server's clock, either way, milliseconds. */
  clockSkewMs: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFrameBytes: 256 * 1024,
  maxEnvelopeBytes: 64 * 1024,
  maxSends: 256,
  maxReceives: 64,
  maxCreates: 16,
  maxDeletes: 16,
  maxAcks: 512,
  maxFetch: 256,
  maxReplyBytes: 1024 * 1024,
  clockSkewMs: 5 * 60 * 1000,
});
