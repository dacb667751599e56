import { existsSync } from 'node:fs';
import { WtfcError } from '../errors.js';
import { readText, writeFileAtomic } from './atomic.js';

/**
 * `wtfc.key`: a random key made with the session. Statement ids and the fingerprints of redacted
 * rows are keyed with it, so an id printed beside a redacted statement cannot be matched against
 * guesses of what it said: ids were once a plain hash of the file name and the text, and trying a
 * list of first names against one recovered the name. Nothing prints the key; it stays with the
 * session.
 */
export const keyBytes = 32;

/** The session's key, or undefined for a session made before keys. A damaged key is refused. */
export function readSessionKey(path: string, show: (path: string) => string): Uint8Array | undefined {
  if (!existsSync(path)) return undefined;
  const text = readText(path).trim();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new WtfcError(`${show(path)} is damaged: it should hold one line of 64 hexadecimal digits`, {
      hint: 'restore it from a backup; or delete it, and a new key is made (statement ids stay as they are, but a redacted row whose input is ingested again comes back)',
    });
  }
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

export function writeSessionKey(path: string, key: Uint8Array): void {
  writeFileAtomic(path, `${Buffer.from(key).toString('hex')}\n`);
}
