/**
 * @module records
 * What a client keeps in its {@link ClientStore}, one JSON record per key (bytes as base64url),
 * so a store is easy to inspect and to migrate. Keys:
 *
 * | key                | record             | what                                              |
 * | ------------------ | ------------------ | ------------------------------------------------- |
 * | `account`          | AccountRecord      | identity key, server, settings                    |
 * | `clock`            | ClockRecord        | offset to the server clock, last signed time      |
 * | `seq`              | number             | counter for outbox/inbox keys                     |
 * | `links`            | server → LinkState | exchange budget and fastest round trip per server |
 * | `queue/<id>`       | QueueRecord        | a receive queue we created                        |
 * | `contact/<id>`     | ContactRecord      | a person, by the name the user typed              |
 * | `group/<id>`       | GroupRecord        | who is in a group and where to reach them         |
 * | `mls/<id>`         | GroupSession bytes | the MLS state of that group                       |
 * | `kp/<ref>`         | KeyPackageRecord   | private half of a KeyPackage we handed out        |
 * | `spare/<identity>` | bytes              | a KeyPackage someone gave us, for family groups   |
 * | `out/<seq>`        | OutboxRecord       | an envelope to send, kept until the server has it |
 * | `park/<seq>`       | ParkedRecord       | an envelope for a member whose queue is unknown   |
 * | `sent/<id>`        | SentRecord         | a message we wrote, and how far it got            |
 * | `in/<seq>`         | InboxRecord        | a message we received                             |
 *
 * Nothing here holds a phone number, a real name or an address: names are what the user typed.
 */
import { fromBase64Url, toBase64Url } from './bytes.ts';

export type B64 = string;
export const b64 = toBase64Url;
export const unb64 = (text: B64): Uint8Array => fromBase64Url(text, 'stored record');

export type PaddingChoice = 'none' | 'buckets' | 'padme';

export interface AccountRecord {
  version: 1;
  secretKey: B64;
  publicKey: B64;
  /** Base URL of our server; our receive queues live there. */
  server: string;
  createdMs: number;
  /** Pad plaintexts and frames to size buckets (a privacy/size trade-off). */
  padding: PaddingChoice;
  /** Send encrypted delivery receipts for messages we receive. */
  receipts: boolean;
}

export interface ClockRecord {
  /** Server clock minus our clock, ms (learnt from PROTO_ERR_CLOCK_SKEW or replies). */
  offsetMs: number;
  /** The last time_ms we signed with; the next must be later (the server refuses replays). */
  lastMs: number;
}

export interface QueueAddressRecord {
  server: string;
  queueId: B64;
  senderKey: B64;
}

export interface QueueRecord {
  queueId: B64;
  recipientSecret: B64;
  senderSecret: B64;
  /** The server has confirmed the create. */
  created: boolean;
  /** The group whose messages arrive here; unset for an invitation not yet accepted. */
  group?: string;
  /** The contact an invitation on this queue was made for. */
  inviteFor?: string;
  /** Message ids processed and stored, to delete from the server at the next sync. */
  acks: B64[];
  /** Recently processed message ids, so an envelope delivered twice is processed once. */
  seen: B64[];
}

export type ContactState = 'invited' | 'connected';

export interface ContactRecord {
  id: string;
  /** What the user typed; nothing else is known about the person. */
  name: string;
  state: ContactState;
  /** The contact's identity key (its MLS signature key), once connected. */
  identityKey?: B64;
  /** The 1:1 group with this contact. */
  group?: string;
  /** Texts written before the contact accepted; sent once connected. */
  waiting: Array<{ contentId: B64; text: string; createdMs: number }>;
  createdMs: number;
}

export interface GroupRecord {
  id: string;
  kind: 'contact' | 'family';
  /** Family groups: the name its creator typed. */
  name?: string;
  /** Contact groups: the contact. */
  contact?: string;
  /** Our receive queue for this group (hex id). */
  ownQueue: string;
  /** Where to send to each other member, by identity key (hex). */
  members: Record<string, QueueAddressRecord>;
  /** Content ids seen recently, newest last: drops a re-sent copy of a message. */
  recentIds: B64[];
  createdMs: number;
}

export interface KeyPackageRecord {
  publicPackage: B64;
  privatePackage: string;
  purpose: 'invite' | 'spare';
  createdMs: number;
}

export interface OutboxRecord {
  seq: number;
  group: string;
  /** Recipient member (identity hex). */
  to: string;
  server: string;
  queueId: B64;
  senderKey: B64;
  messageId: B64;
  envelope: B64;
  /** The text message this envelope carries, if any (for its state). */
  contentId?: B64;
  createdMs: number;
  attempts: number;
  nextAttemptMs: number;
  lastError?: string;
}

export interface ParkedRecord {
  seq: number;
  group: string;
  to: string;
  envelope: B64;
  contentId?: B64;
  createdMs: number;
}

/** queued: on this device; server: every copy is on the server; delivered: receipts from all. */
export type MessageState = 'queued' | 'server' | 'delivered' | 'failed';

export interface SentRecord {
  id: B64;
  group: string;
  text: string;
  sentMs: number;
  /** Envelopes of this message not yet accepted by the server. */
  pendingSends: number;
  /** Members expected to confirm receipt (identity hex). */
  recipients: string[];
  deliveredTo: string[];
  state: MessageState;
  error?: string;
}

export interface InboxRecord {
  seq: number;
  id: B64;
  group: string;
  /** Sender's identity key (hex). */
  from: string;
  text: string;
  sentMs: number;
  /** When the server stored it (ms). */
  serverMs: number;
  /** When this device received it (ms). */
  receivedMs: number;
  /** Already handed to the user (printed by `sync`, shown in the app). */
  shown: boolean;
}

export function encodeRecord(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

export function decodeRecord<T>(bytes: Uint8Array): T {
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}
