-- Queues and envelopes: everything the server stores, and nothing about people.
-- No IP addresses, user agents, names or accounts; no table links two queues.

CREATE TABLE queues (
  id            bytea    PRIMARY KEY CHECK (octet_length(id) = 16),
  -- Ed25519 public keys: the recipient's authorises receives/acks/deletes, the sender's sends.
  recipient_key bytea    NOT NULL CHECK (octet_length(recipient_key) = 32),
  sender_key    bytea    NOT NULL CHECK (octet_length(sender_key) = 32),
  -- Day only: finer creation times would help correlate a queue with an invitation.
  created_on    date     NOT NULL,
  -- Signed time (ms) of the last accepted receive or delete; later ones must exceed it (replays).
  last_read_ms  bigint   NOT NULL DEFAULT 0,
  -- Envelopes waiting for an ack, and the most this queue may hold.
  pending       integer  NOT NULL DEFAULT 0 CHECK (pending >= 0),
  max_pending   integer  NOT NULL
);

CREATE TABLE envelopes (
  queue_id    bytea       NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
  -- Chosen by the sender; the primary key makes resends after a dropped reply a no-op.
  message_id  bytea       NOT NULL CHECK (octet_length(message_id) = 16),
  -- Delivery order within a queue.
  seq         bigserial   NOT NULL,
  -- The encrypted envelope; NULL once acknowledged. The id-only row left behind (a tombstone)
  -- keeps late resends and replays from delivering the message twice until expires_at.
  body        bytea,
  received_at timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  PRIMARY KEY (queue_id, message_id)
);

CREATE INDEX envelopes_pending ON envelopes (queue_id, seq) WHERE body IS NOT NULL;
CREATE INDEX envelopes_expiry ON envelopes (expires_at);
