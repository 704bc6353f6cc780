/**
 * @module notify/notifier
 * "An envelope arrived on queue Q" travels from the process that stored it to every process, whose
 * WebSocket watchers of Q then get a Notify and sync. In one process that is a function call; with
 * several, NATS JetStream carries it (notify/nats.ts). Notifications are hints: losing one delays a
 * delivery until the next sync, it never loses a message (the envelope is in the database).
 */

export type NotifyHandler = (queueIds: Uint8Array[]) => void;

export interface Notifier {
  readonly kind: 'memory' | 'nats';
  /** Announces queues that received envelopes. Never throws (a failure is logged and dropped). */
  publish(queueIds: Uint8Array[]): void;
  close(): Promise<void>;
}

/** Single process: announcements go straight to the local handler. */
export function memoryNotifier(deliver: NotifyHandler): Notifier {
  return {
    kind: 'memory',
    publish(queueIds) {
      if (queueIds.length > 0) deliver(queueIds);
    },
    close: () => Promise.resolve(),
  };
}
