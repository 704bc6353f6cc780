/**
 * @module plugins/sync
 * The two transports of the sync exchange, sharing sync/handle-frame.ts:
 * - `POST /v1/sync`: body and reply are application/octet-stream frames; a refused frame still
 *   gets a ServerFrame body, with the catalogue's HTTP status;
 * - `GET /v1/ws` (WebSocket): one binary message per frame, handled in arrival order per socket
 *   (so a client's monotonic times arrive in order), plus Notify pushes for watched queues.
 */
import websocket from '@fastify/websocket';
import { create } from '@bufbuild/protobuf';
import {
  ERROR_CATALOGUE,
  ErrorCode,
  FRAME_CONTENT_TYPE,
  NotifySchema,
  Padding,
  ProtocolError,
  SYNC_PATH,
  ServerFrameSchema,
  WS_PATH,
  encodeServerFrame,
  errorFrame,
} from '@tongilnet/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { handleFrame } from '../sync/handle-frame.ts';
import type { WatchCallback } from '../notify/watchers.ts';

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function refusal(code: ErrorCode, message: string, field = 'frame'): Uint8Array {
  return encodeServerFrame(errorFrame(0, new ProtocolError(code, message, { field })));
}

export async function syncPlugin(app: FastifyInstance): Promise<void> {
  const { config } = app.serviceState;
  const maxFrame = config.limits.maxFrameBytes;

  // HTTP fallback. The body limit is a little above the frame limit so that an oversized frame
  // gets the protocol's FRAME_TOO_LARGE from the decoder rather than Fastify's JSON error.
  app.addContentTypeParser(
    FRAME_CONTENT_TYPE,
    { parseAs: 'buffer', bodyLimit: maxFrame + 1 },
    (_request, body, done) => done(null, body),
  );
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    let code = ErrorCode.PROTO_ERR_INTERNAL;
    let message = 'the server could not read the request';
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      code = ErrorCode.PROTO_ERR_FRAME_TOO_LARGE;
      message = `frame exceeds the limit of ${maxFrame} bytes`;
    } else if (error.statusCode !== undefined && error.statusCode < 500) {
      code = ErrorCode.PROTO_ERR_MALFORMED;
      message = `send a ${FRAME_CONTENT_TYPE} ClientFrame (${error.message})`;
    } else {
      app.log.error({ msg: 'sync request failed', error: error.message });
    }
    return reply
      .code(ERROR_CATALOGUE[code].status)
      .type(FRAME_CONTENT_TYPE)
      .send(Buffer.from(refusal(code, message)));
  });
  app.post(SYNC_PATH, async (request, reply) => {
    const body = request.body;
    if (!Buffer.isBuffer(body)) {
      // Another content type that Fastify parsed (JSON, text): not a frame.
      const status = ERROR_CATALOGUE[ErrorCode.PROTO_ERR_MALFORMED].status;
      const message = `send the ClientFrame as ${FRAME_CONTENT_TYPE}`;
      return reply
        .code(status)
        .type(FRAME_CONTENT_TYPE)
        .send(Buffer.from(refusal(ErrorCode.PROTO_ERR_MALFORMED, message)));
    }
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    const handled = await handleFrame(app.syncContext, bytes);
    return reply.code(handled.status).type(FRAME_CONTENT_TYPE).send(Buffer.from(handled.reply));
  });

  // WebSocket. ws closes a connection whose message exceeds maxPayload with 1009 (message too
  // big); below that, the decoder answers frames over the limit with FRAME_TOO_LARGE.
  await app.register(websocket, { options: { maxPayload: maxFrame * 2 } });
  app.get(WS_PATH, { websocket: true }, (socket: WebSocket) => {
    let chain: Promise<void> = Promise.resolve();
    let queued = 0;
    let padding = Padding.NONE;
    const send = (bytes: Uint8Array) => {
      if (socket.readyState === socket.OPEN) socket.send(bytes);
    };
    const onNotify: WatchCallback = (queueIds) => {
      const frame = create(ServerFrameSchema, {
        body: { case: 'notify', value: create(NotifySchema, { queueIds }) },
      });
      send(encodeServerFrame(frame, padding));
    };
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) {
        send(refusal(ErrorCode.PROTO_ERR_MALFORMED, 'text messages are not frames; send binary'));
        return;
      }
      if (queued >= config.maxQueuedFramesPerSocket) {
        const error = new ProtocolError(
          ErrorCode.PROTO_ERR_RATE_LIMITED,
          `more than ${config.maxQueuedFramesPerSocket} frames waiting on this connection`,
          { field: 'frame', retryAfterMs: 1000 },
        );
        send(encodeServerFrame(errorFrame(0, error)));
        return;
      }
      const bytes = toBytes(data);
      queued++;
      chain = chain
        .then(async () => {
          const handled = await handleFrame(app.syncContext, bytes);
          padding = handled.padding;
          if (handled.watch.length > 0) {
            app.watchers.watch(onNotify, handled.watch, config.maxWatchedPerSocket);
          }
          send(handled.reply);
        })
        .catch((error: unknown) => app.log.error({ msg: 'ws frame failed', error: String(error) }))
        .finally(() => {
          queued--;
        });
    });
    socket.on('close', () => app.watchers.drop(onNotify));
    socket.on('error', () => app.watchers.drop(onNotify));
  });
}
