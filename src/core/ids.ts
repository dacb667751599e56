import { createHmac } from 'node:crypto';

/**
 * A statement id derived from where it came from and what it says, keyed with the session's
 * secret (`wtfc.key`): the same row ingested again gets the same id, and no one without the key
 * can tell from an id what the statement said. Eight hex digits are plenty for a workshop; a
 * clash with a different statement lengthens the id rather than reusing it.
 */
export function deriveStatementId(source: string, key: string, taken: (id: string) => boolean, secret: Uint8Array): string {
  const digest = fingerprint(secret, source, key);
  for (let length = 8; length <= digest.length; length += 4) {
    const id = `s-${digest.slice(0, length)}`;
    if (!taken(id)) return id;
  }
  // Every length taken: the same words, kept as distinct records, more than 15 times. Count on.
  for (let n = 2; ; n++) {
    const id = `s-${digest.slice(0, 8)}-${n}`;
    if (!taken(id)) return id;
  }
}

/** A keyed hash of some texts (HMAC-SHA-256), as 64 hex digits: it tells whether two are the same and reveals nothing else. */
export function fingerprint(secret: Uint8Array, ...parts: string[]): string {
  return createHmac('sha256', secret).update(parts.join('\u0000')).digest('hex');
}
