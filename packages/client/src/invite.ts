/**
 * @module invite
 * Invitation links. Everything the server must not see travels in the URL *fragment*, which
 * browsers and HTTP clients never send to a server [RFC 3986 §3.5]:
 *
 *   tongilnet://invite#<base64url(Invitation)>        (opens the app)
 *   https://<server>/i#<base64url(Invitation)>        (opens the web messenger)
 *
 * The Invitation (proto/tongilnet/client/v1/client.proto) holds the server URL, the inviter's new
 * receive queue, the secret that authorises sending to it, and a one-time MLS KeyPackage. About
 * 350 bytes, so the link is about 470 characters: fine for a QR code (version 15 at level L).
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { QUEUE_ID_BYTES } from '@tongilnet/protocol';
import { fromBase64Url, toBase64Url } from './bytes.ts';
import { InvitationSchema } from './gen/tongilnet/client/v1/client_pb.ts';

export interface InvitationData {
  /** Base URL of the inviter's server, e.g. "https://tongilnet.example". */
  server: string;
  queueId: Uint8Array;
  /** Ed25519 secret key authorising sends to the queue. */
  senderKey: Uint8Array;
  /** The inviter's KeyPackage as an MLSMessage. */
  keyPackage: Uint8Array;
}

const appPrefix = 'tongilnet://invite#';

/** `tongilnet://invite#…`, or `<server>/i#…` when `web` is set. */
export function formatInvitation(data: InvitationData, web = false): string {
  checkInvitation(data, 'invitation');
  const bytes = toBinary(InvitationSchema, create(InvitationSchema, { version: 1, ...data }));
  const payload = toBase64Url(bytes);
  return web ? `${data.server.replace(/\/+$/, '')}/i#${payload}` : `${appPrefix}${payload}`;
}

/**
 * Reads an invitation link (either form; spaces and line breaks a messenger added are ignored).
 * @throws TypeError or RangeError naming what is wrong with the link
 */
export function parseInvitation(link: string): InvitationData {
  const clean = link.replace(/\s+/g, '');
  const hash = clean.indexOf('#');
  if (hash < 0 || !(clean.startsWith(appPrefix) || /^https?:\/\/[^#]*\/i#/.test(clean))) {
    throw new TypeError(
      'invitation: expected a link like tongilnet://invite#… or https://server/i#…',
    );
  }
  const bytes = fromBase64Url(clean.slice(hash + 1), 'invitation');
  let message;
  try {
    message = fromBinary(InvitationSchema, bytes);
  } catch {
    throw new TypeError('invitation: the link is damaged (cannot decode it); ask for a new one');
  }
  if (message.version !== 1) {
    throw new RangeError(
      `invitation: version ${message.version} is not supported (update the app)`,
    );
  }
  const data: InvitationData = {
    server: message.server,
    queueId: message.queueId,
    senderKey: message.senderKey,
    keyPackage: message.keyPackage,
  };
  checkInvitation(data, 'invitation');
  return data;
}

function checkInvitation(data: InvitationData, what: string): void {
  if (!/^https?:\/\/[^\s/?#]+/.test(data.server)) {
    throw new TypeError(`${what}: server "${data.server}" is not an http(s) URL`);
  }
  if (data.queueId.length !== QUEUE_ID_BYTES) {
    throw new RangeError(`${what}: queue id has ${data.queueId.length} bytes, expected 16`);
  }
  if (data.senderKey.length !== 32) {
    throw new RangeError(`${what}: sender key has ${data.senderKey.length} bytes, expected 32`);
  }
  if (data.keyPackage.length === 0) throw new RangeError(`${what}: no KeyPackage`);
}
