import { createHash } from 'node:crypto';

/**
 * A statement id derived from where it came from and what it says, so the same row ingested again
 * gets the same id. Eight hex digits are plenty for a workshop; a clash with a different statement
 * lengthens the id rather than reusing it.
 */
export function deriveStatementId(source: string, key: string, taken: (id: string) => boolean): string {
  const digest = createHash('sha256').update(`${source}\u0000${key}`).digest('hex');
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
