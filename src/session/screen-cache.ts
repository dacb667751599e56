import { createHash, createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readText, writeFileAtomic } from './atomic.js';
import { type PiiSpan, piiTypes } from '../core/pii.js';

/**
 * `screen-cache.jsonl`: what the anonymisation screen found in each text it has read, so that
 * `wtfc status`, `render` and `pii` screen only the texts that are new or changed. The first line
 * says which screen made it and with which `pii.names`; a cache made by another screen or with
 * other names is not used at all. Each further line is a text's keyed hash (`wtfc.key`; never the
 * text) and its findings. A line that cannot be read is dropped, and the cache is written again by
 * the next command that holds the session's lock, with only the texts the session still holds.
 * A redaction deletes it: the findings quote the details.
 */
export class ScreenCache {
  private readonly entries = new Map<string, PiiSpan[]>();
  private readonly used = new Set<string>();
  private changed = false;

  private constructor(
    private readonly path: string,
    private readonly secret: Uint8Array | undefined,
    private readonly stamp: string,
    text: string,
  ) {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    if (lines[0] !== stamp) {
      this.changed = lines.length > 0;
      return;
    }
    for (const line of lines.slice(1)) {
      const entry = readEntry(line);
      if (entry) this.entries.set(entry.key, entry.spans);
      else this.changed = true;
    }
  }

  /** The cache at `path` for the screen of version `screen` with these `pii.names`. */
  static open(path: string, secret: Uint8Array | undefined, names: readonly string[], screen: number): ScreenCache {
    const stamp = JSON.stringify({ screen, names: createHash('sha256').update(JSON.stringify([...names].sort())).digest('hex') });
    return new ScreenCache(path, secret, stamp, existsSync(path) ? readText(path) : '');
  }

  private key(text: string): string {
    return this.secret ? createHmac('sha256', this.secret).update(text).digest('hex') : createHash('sha256').update(text).digest('hex');
  }

  get(text: string): PiiSpan[] | undefined {
    const key = this.key(text);
    const spans = this.entries.get(key);
    // A finding must still be where it says it is in the text, or the entry is not believed.
    if (!spans || !spans.every((s) => text.slice(s.start, s.end) === s.span)) return undefined;
    this.used.add(key);
    return spans;
  }

  set(text: string, spans: PiiSpan[]): void {
    const key = this.key(text);
    this.entries.set(key, spans);
    this.used.add(key);
    this.changed = true;
  }

  /** Writes the texts this run read, if that changes the file. */
  save(): void {
    if (!this.changed && this.used.size === this.entries.size) return;
    const lines = [this.stamp, ...[...this.used].sort().map((key) => JSON.stringify({ key, spans: this.entries.get(key) }))];
    writeFileAtomic(this.path, lines.map((l) => `${l}\n`));
  }
}

function readEntry(line: string): { key: string; spans: PiiSpan[] } | undefined {
  try {
    const e = JSON.parse(line) as { key?: unknown; spans?: unknown };
    if (typeof e.key !== 'string' || !/^[0-9a-f]{64}$/.test(e.key) || !Array.isArray(e.spans)) return undefined;
    const ok = e.spans.every(
      (s) =>
        typeof s === 'object' && s !== null &&
        (piiTypes as readonly unknown[]).includes((s as PiiSpan).type) &&
        typeof (s as PiiSpan).span === 'string' &&
        Number.isInteger((s as PiiSpan).start) &&
        Number.isInteger((s as PiiSpan).end),
    );
    return ok ? { key: e.key, spans: e.spans as PiiSpan[] } : undefined;
  } catch {
    return undefined;
  }
}
