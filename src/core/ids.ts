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
  throw new Error(`no free id for ${source}`);
}
