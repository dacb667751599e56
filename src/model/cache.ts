import { createHash, createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readText, writeFileAtomic } from '../session/atomic.js';

/**
 * `model-cache.jsonl`: what a model server said, kept with the session, so that theming again
 * sends nothing it has sent before, and gives the same themes for the same cache. One JSON object
 * a line: `{"kind":"vector"|"name","model":…,"key":…,"value":…}`. The key is a keyed hash
 * (the session's `wtfc.key`) of the text or the question: like statement ids, it cannot be matched
 * against guesses of what a statement said. Vectors are float32, base64.
 *
 * A cache is never believed blindly: a line that cannot be read is dropped (and counted), and the
 * file is written again with only what this run used, so entries for statements that are gone
 * (withdrawn, redacted) go with them.
 */
export type CacheKind = 'vector' | 'name';

interface Entry {
  kind: CacheKind;
  model: string;
  key: string;
  value: string;
}

export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  private readonly used = new Set<string>();
  private changed = false;
  /** Lines that could not be read, and were dropped. */
  readonly damaged: number;

  private constructor(
    private readonly path: string,
    private readonly secret: Uint8Array | undefined,
    text: string,
  ) {
    let damaged = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const entry = readEntry(line);
      if (entry) this.entries.set(slot(entry.kind, entry.model, entry.key), entry);
      else damaged++;
    }
    this.damaged = damaged;
    if (damaged > 0) this.changed = true;
  }

  static open(path: string, secret: Uint8Array | undefined): ModelCache {
    return new ModelCache(path, secret, existsSync(path) ? readText(path) : '');
  }

  /** A text's keyed hash: what the cache stores in place of the text. */
  key(text: string): string {
    return this.secret ? createHmac('sha256', this.secret).update(text).digest('hex') : createHash('sha256').update(text).digest('hex');
  }

  vector(model: string, text: string): Float32Array | undefined {
    const entry = this.get('vector', model, text);
    if (!entry) return undefined;
    const bytes = Buffer.from(entry.value, 'base64');
    if (bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
    const v = new Float32Array(bytes.length / 4);
    for (let i = 0; i < v.length; i++) v[i] = bytes.readFloatLE(4 * i);
    return v.every(Number.isFinite) ? v : undefined;
  }

  setVector(model: string, text: string, v: Float32Array): void {
    const bytes = Buffer.alloc(4 * v.length);
    v.forEach((x, i) => bytes.writeFloatLE(x, 4 * i));
    this.set('vector', model, text, bytes.toString('base64'));
  }

  name(model: string, question: string): string | undefined {
    return this.get('name', model, question)?.value;
  }

  setName(model: string, question: string, name: string): void {
    this.set('name', model, question, name);
  }

  /** Writes the entries this run used or added, if that is not what the file holds. */
  save(): void {
    const kept = [...this.entries.entries()].filter(([k]) => this.used.has(k));
    if (!this.changed && kept.length === this.entries.size) return;
    if (kept.length === 0 && !existsSync(this.path)) return;
    kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    writeFileAtomic(this.path, kept.map(([, e]) => `${JSON.stringify(e)}\n`));
  }

  private get(kind: CacheKind, model: string, text: string): Entry | undefined {
    const k = slot(kind, model, this.key(text));
    const entry = this.entries.get(k);
    if (entry) this.used.add(k);
    return entry;
  }

  private set(kind: CacheKind, model: string, text: string, value: string): void {
    const key = this.key(text);
    const k = slot(kind, model, key);
    this.entries.set(k, { kind, model, key, value });
    this.used.add(k);
    this.changed = true;
  }
}

function slot(kind: CacheKind, model: string, key: string): string {
  return `${kind}\u0000${model}\u0000${key}`;
}

function readEntry(line: string): Entry | undefined {
  try {
    const e = JSON.parse(line) as Partial<Entry>;
    const ok =
      (e.kind === 'vector' || e.kind === 'name') &&
      typeof e.model === 'string' &&
      typeof e.key === 'string' &&
      /^[0-9a-f]{64}$/.test(e.key) &&
      typeof e.value === 'string' &&
      (e.kind === 'name' || /^[A-Za-z0-9+/]+={0,2}$/.test(e.value));
    return ok ? { kind: e.kind!, model: e.model!, key: e.key!, value: e.value! } : undefined;
  } catch {
    return undefined;
  }
}
