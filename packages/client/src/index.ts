/**
 * @module @tongilnet/client
 * The Tongilnet client SDK for browsers and Node: identity from a recovery phrase, invitations,
 * MLS (RFC 9420) end-to-end encryption for contacts and family groups, and an outbox/inbox that
 * syncs with a Tongilnet server in one exchange. Node-only parts (the file store) are in
 * `@tongilnet/client/node`. See README.md.
 */
export { Client } from './client.ts';
export type { ClientOptions, Contact, CreateOptions, Message, SyncReport } from './client.ts';
export type { MessageState, PaddingChoice } from './records.ts';
export { systemEnv } from './env.ts';
export type { Env } from './env.ts';
export { fingerprint, identityFromPhrase, newRecoveryPhrase, phraseLanguage } from './identity.ts';
export type { Identity, PhraseLanguage } from './identity.ts';
export { formatInvitation, parseInvitation } from './invite.ts';
export type { InvitationData } from './invite.ts';
export { backoffDelayMs, defaultBackoff } from './backoff.ts';
export type { BackoffPolicy } from './backoff.ts';
export { MemoryStore } from './store/memory.ts';
export type { ClientStore, StoreWrite } from './store/store.ts';
export { storeConformance } from './testing/store-conformance.ts';
export type { ConformanceCheck } from './testing/store-conformance.ts';
export {
  FallbackTransport,
  HttpTransport,
  TransportError,
  WebSocketTransport,
} from './transport.ts';
export type { FetchLike, Transport, WebSocketFactory, WebSocketLike } from './transport.ts';
export { cipherSuiteName } from './mls/suite.ts';
export { textContent, encodeContent, decodeContent } from './content.ts';
export { fromBase64Url, fromHex, toBase64Url, toHex } from './bytes.ts';
