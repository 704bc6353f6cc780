/**
 * The public surface of the SDK, by name (house style rule 11: API changes show up in review).
 * The web messenger builds on these; changing the list is a decision, not an accident.
 */
import { describe, expect, it } from 'vitest';
import * as client from '@tongilnet/client';
import * as node from '@tongilnet/client/node';

describe('@tongilnet/client exports', () => {
  it('are these, and nothing else', () => {
    expect(Object.keys(client).sort()).toMatchInlineSnapshot(`
      [
        "Client",
        "FallbackTransport",
        "HttpTransport",
        "MemoryStore",
        "TransportError",
        "WebSocketTransport",
        "backoffDelayMs",
        "cipherSuiteName",
        "decodeContent",
        "defaultBackoff",
        "encodeContent",
        "fingerprint",
        "formatInvitation",
        "fromBase64Url",
        "fromHex",
        "identityFromPhrase",
        "newRecoveryPhrase",
        "parseInvitation",
        "phraseLanguage",
        "storeConformance",
        "systemEnv",
        "textContent",
        "toBase64Url",
        "toHex",
      ]
    `);
    expect(Object.keys(node).sort()).toMatchInlineSnapshot(`
      [
        "FileStore",
      ]
    `);
  });
});
