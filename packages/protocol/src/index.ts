/**
 * @module @tongilnet/protocol
 * The Tongilnet wire protocol shared by the server and its clients: the Protocol Buffers frames
 * (generated from proto/tongilnet/v1/wire.proto), how items are signed, the limits, the error
 * catalogue and the padding rules. See README.md for the design.
 */
export {
  ClientFrameSchema,
  CreateBodySchema,
  CreatedSchema,
  DeleteBodySchema,
  DeliverySchema,
  ErrorCode,
  ErrorSchema,
  InboxSchema,
  NotifySchema,
  Padding,
  ReceiveBodySchema,
  RejectedSchema,
  Section,
  SendBodySchema,
  ServerFrameSchema,
  SignedSchema,
  SyncResultSchema,
  SyncSchema,
  file_tongilnet_v1_wire,
} from './gen/tongilnet/v1/wire_pb.ts';
export type {
  ClientFrame,
  CreateBody,
  Created,
  DeleteBody,
  Delivery,
  Error as WireError,
  Inbox,
  Notify,
  ReceiveBody,
  Rejected,
  SendBody,
  ServerFrame,
  Signed,
  Sync,
  SyncResult,
} from './gen/tongilnet/v1/wire_pb.ts';
export { bytesEqual, fromHex, toHex } from './bytes.ts';
export {
  FRAME_CONTENT_TYPE,
  MESSAGE_ID_BYTES,
  PROTOCOL_VERSION,
  PUBLIC_KEY_BYTES,
  QUEUE_ID_BYTES,
  SIGNATURE_BYTES,
  SYNC_PATH,
  WS_PATH,
} from './constants.ts';
export {
  ERROR_CATALOGUE,
  ProtocolError,
  errorCodeName,
  fromWireError,
  toWireError,
} from './errors.ts';
export type { ErrorInfo, ProtocolErrorDetails } from './errors.ts';
export {
  decodeClientFrame,
  decodeServerFrame,
  encodeClientFrame,
  encodeServerFrame,
  errorFrame,
} from './frames.ts';
export type { ClientFrameInit } from './frames.ts';
export { buildSync, signedCreate, signedDelete, signedReceive, signedSend } from './items.ts';
export type { CreateItem, ReceiveItem, SendItem, SyncInit } from './items.ts';
export { DEFAULT_LIMITS } from './limits.ts';
export type { Limits } from './limits.ts';
export {
  SIZE_BUCKETS,
  padFrame,
  padPlaintext,
  paddedLength,
  padmeLength,
  unpadPlaintext,
} from './padding.ts';
export {
  SIGNATURE_CONTEXTS,
  isAcceptablePublicKey,
  publicKeyOf,
  signBody,
  signingBytes,
  verifyBody,
} from './signing.ts';
export type { SignedSection } from './signing.ts';
export { checkSync, fetchLimit, itemField } from './validate.ts';
export type { CheckedItem, CheckedSync, ItemRejection } from './validate.ts';
