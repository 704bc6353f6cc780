/**
 * @module transport
 * Carries one encoded ClientFrame to the server and brings back the ServerFrame that answers it.
 * Two ways, same bytes (see @tongilnet/protocol README, "Transports"):
 *
 * - HTTP: `POST /v1/sync`. One round trip per sync once the TCP (and TLS) connection is up, so it
 *   is the better choice for a phone that wakes, syncs once and goes quiet.
 * - WebSocket: `/v1/ws`. The upgrade costs a round trip, after which every sync is one round trip
 *   on the open connection and the server can push a Notify when something arrives — the choice
 *   for an app that stays open.
 *
 * {@link FallbackTransport} tries the WebSocket and falls back to HTTP when it cannot connect (a
 * proxy that strips upgrades, a captive portal). `fetch` and the WebSocket constructor are passed
 * in (house style rule 12), so the same code runs in browsers, in Node 20 with the `ws` package and
 * in tests.
 */
import { FRAME_CONTENT_TYPE, SYNC_PATH, WS_PATH, decodeServerFrame } from '@tongilnet/protocol';
import type { Env } from './env.ts';

export interface Transport {
  readonly kind: 'http' | 'websocket';
  /**
   * Sends a frame and resolves with the answering ServerFrame's bytes.
   * @throws TransportError when the server cannot be reached or does not answer in time
   */
  exchange(frame: Uint8Array, requestId: number): Promise<Uint8Array>;
  /** Frame bytes carried so far, each way (the protocol's bytes, without HTTP/WS/TCP framing). */
  readonly counters: { sentBytes: number; receivedBytes: number; exchanges: number };
  close(): void;
}

/** The server could not be reached or did not answer: the sync may be retried later. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: Uint8Array; signal: AbortSignal },
) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/** The part of the browser WebSocket API we use (the `ws` package has the same shape). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

function base(server: string): string {
  return server.replace(/\/+$/, '');
}

/** Rejects after `ms` on the environment's clock unless `work` settles first. */
async function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  env: Env,
  what: string,
): Promise<T> {
  const controller = new AbortController();
  const timer = new AbortController();
  const timeout = env.sleep(ms, timer.signal).then(
    () => {
      controller.abort(new TransportError(`${what}: no answer within ${ms} ms`));
      throw new TransportError(`${what}: no answer within ${ms} ms`);
    },
    () => undefined as never,
  );
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    timer.abort();
  }
}

export class HttpTransport implements Transport {
  readonly kind = 'http' as const;
  readonly counters = { sentBytes: 0, receivedBytes: 0, exchanges: 0 };

  constructor(
    private readonly server: string,
    private readonly fetchImpl: FetchLike,
    private readonly env: Env,
    private readonly timeoutMs = 60_000,
  ) {}

  async exchange(frame: Uint8Array): Promise<Uint8Array> {
    const url = `${base(this.server)}${SYNC_PATH}`;
    const bytes = await withTimeout(
      async (signal) => {
        let response;
        try {
          // Called unbound: browsers refuse fetch with a `this` other than the window.
          const fetchImpl = this.fetchImpl;
          response = await fetchImpl(url, {
            method: 'POST',
            headers: { 'content-type': FRAME_CONTENT_TYPE },
            body: frame,
            signal,
          });
        } catch (cause) {
          throw new TransportError(`cannot reach ${url}: ${describe(cause)}`, { cause });
        }
        let body: Uint8Array;
        try {
          body = new Uint8Array(await response.arrayBuffer());
        } catch (cause) {
          // fetch resolves once the headers are in; a link cut while the body arrives rejects
          // here (undici: "terminated"). Same case as a cut before the headers: retry later.
          const why = `${url}: connection lost while reading the reply: ${describe(cause)}`;
          throw new TransportError(why, { cause });
        }
        // Whole-frame errors come back as a ServerFrame with a 4xx/5xx status; anything else
        // non-2xx (a proxy's HTML page) is not our server speaking.
        if (response.status >= 300 && !looksLikeFrame(body)) {
          throw new TransportError(`${url} answered HTTP ${response.status}`);
        }
        return body;
      },
      this.timeoutMs,
      this.env,
      url,
    );
    this.counters.sentBytes += frame.length;
    this.counters.receivedBytes += bytes.length;
    this.counters.exchanges++;
    return bytes;
  }

  close(): void {}
}

function looksLikeFrame(body: Uint8Array): boolean {
  try {
    decodeServerFrame(body);
    return body.length > 0;
  } catch {
    return false;
  }
}

export class WebSocketTransport implements Transport {
  readonly kind = 'websocket' as const;
  readonly counters = { sentBytes: 0, receivedBytes: 0, exchanges: 0 };
  private socket: WebSocketLike | undefined;
  private opening: Promise<WebSocketLike> | undefined;
  private readonly waiting = new Map<
    number,
    { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }
  >();

  /**
   * @param onNotify called with the queue ids of a server push (envelopes arrived; sync to fetch)
   */
  constructor(
    private readonly server: string,
    private readonly factory: WebSocketFactory,
    private readonly env: Env,
    private readonly timeoutMs = 60_000,
    private readonly onNotify?: (queueIds: Uint8Array[]) => void,
  ) {}

  /** Opens the connection now (the first exchange would otherwise do it). */
  async connect(): Promise<void> {
    await this.open();
  }

  async exchange(frame: Uint8Array, requestId: number): Promise<Uint8Array> {
    const socket = await this.open();
    const url = `${base(this.server)}${WS_PATH}`;
    const bytes = await withTimeout(
      (signal) =>
        new Promise<Uint8Array>((resolve, reject) => {
          this.waiting.set(requestId, { resolve, reject });
          signal.addEventListener('abort', () => {
            this.waiting.delete(requestId);
            reject(signal.reason as Error);
          });
          socket.send(frame);
        }),
      this.timeoutMs,
      this.env,
      url,
    );
    this.counters.sentBytes += frame.length;
    this.counters.receivedBytes += bytes.length;
    this.counters.exchanges++;
    return bytes;
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
    this.opening = undefined;
  }

  private open(): Promise<WebSocketLike> {
    if (this.socket && this.socket.readyState === 1) return Promise.resolve(this.socket);
    if (this.opening) return this.opening;
    const url = `${base(this.server).replace(/^http/, 'ws')}${WS_PATH}`;
    this.opening = withTimeout(
      (signal) =>
        new Promise<WebSocketLike>((resolve, reject) => {
          let socket: WebSocketLike;
          try {
            socket = this.factory(url);
          } catch (cause) {
            reject(new TransportError(`cannot open ${url}: ${describe(cause)}`, { cause }));
            return;
          }
          socket.binaryType = 'arraybuffer';
          signal.addEventListener('abort', () => socket.close());
          socket.onopen = () => {
            this.socket = socket;
            resolve(socket);
          };
          socket.onerror = () => reject(new TransportError(`cannot connect to ${url}`));
          socket.onclose = () => {
            reject(new TransportError(`${url} closed before it opened`));
            this.fail(new TransportError(`${url} closed the connection`));
            if (this.socket === socket) this.socket = undefined;
            this.opening = undefined;
          };
          socket.onmessage = (event) => this.receive(event.data);
        }),
      this.timeoutMs,
      this.env,
      url,
    ).catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private receive(data: unknown): void {
    const bytes =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : ArrayBuffer.isView(data)
          ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
          : undefined;
    if (!bytes) return;
    let frame;
    try {
      frame = decodeServerFrame(bytes);
    } catch {
      return; // Not ours to answer; the exchange times out and is retried.
    }
    if (frame.body.case === 'notify') {
      this.onNotify?.(frame.body.value.queueIds);
      return;
    }
    const waiter = this.waiting.get(frame.requestId);
    if (waiter) {
      this.waiting.delete(frame.requestId);
      waiter.resolve(bytes.slice());
    }
  }

  private fail(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

/** WebSocket first; HTTP for good when the WebSocket cannot connect. */
export class FallbackTransport implements Transport {
  private current: Transport;

  constructor(
    private readonly ws: WebSocketTransport,
    private readonly http: HttpTransport,
  ) {
    this.current = ws;
  }

  get kind(): 'http' | 'websocket' {
    return this.current.kind;
  }

  get counters(): Transport['counters'] {
    const a = this.ws.counters;
    const b = this.http.counters;
    return {
      sentBytes: a.sentBytes + b.sentBytes,
      receivedBytes: a.receivedBytes + b.receivedBytes,
      exchanges: a.exchanges + b.exchanges,
    };
  }

  async exchange(frame: Uint8Array, requestId: number): Promise<Uint8Array> {
    if (this.current === this.ws) {
      try {
        await this.ws.connect();
      } catch {
        this.current = this.http;
      }
    }
    return this.current.exchange(frame, requestId);
  }

  close(): void {
    this.ws.close();
    this.http.close();
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message;
  }
  return String(cause);
}
